import { describe, expect, it } from 'vitest';
import { drawnDelayMs, FRAME_SHARE } from './draw-pace';

describe('drawnDelayMs', () => {
  it('asks for the next frame at once after a cheap frame, later after a costly one', () => {
    expect(drawnDelayMs(2, 16)).toBe(0);
    expect(drawnDelayMs(40, 16)).toBeCloseTo(40 / FRAME_SHARE - 16);
    expect(drawnDelayMs(40, 200)).toBe(0); // already long enough ago
  });
});
