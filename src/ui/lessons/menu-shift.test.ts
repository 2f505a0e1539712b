import { describe, expect, it } from 'vitest';
import { menuShift } from './menu-shift';

describe('the lesson menu stays inside the window', () => {
  it('stays under the button when it fits', () => {
    expect(menuShift({ left: 300, width: 560 }, 1920)).toBe(0);
  });
  it('moves left by what would run off the right edge, keeping 8 px (1280 px presenter screen)', () => {
    // The button at x 843 in presenter mode at 1280×720: 843 + 560 = 1403.
    expect(menuShift({ left: 843, width: 560 }, 1280)).toBe(-(1403 - 1272));
  });
  it('never past the window\'s left edge when the window is narrower than the menu', () => {
    expect(menuShift({ left: 100, width: 560 }, 500)).toBe(-92);
  });
});
