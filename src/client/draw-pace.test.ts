import { describe, expect, it } from 'vitest';
import { drawnDelayMs, FRAME_SHARE, RUNNING_ASK_AFTER_MS } from './draw-pace';

describe('drawnDelayMs', () => {
  it('asks for the next frame at once after a cheap frame, later after a costly one', () => {
    expect(drawnDelayMs(2, 16)).toBe(0);
    expect(drawnDelayMs(40, 16)).toBeCloseTo(40 / FRAME_SHARE - 16);
    expect(drawnDelayMs(40, 200)).toBe(0); // already long enough ago
  });

  it('while the clock runs, waits at least RUNNING_ASK_AFTER_MS after a cheap frame; a still clock does not', () => {
    expect(drawnDelayMs(2, 5, true)).toBeCloseTo(RUNNING_ASK_AFTER_MS - 5);
    expect(drawnDelayMs(2, 5, false)).toBe(0);
    expect(drawnDelayMs(40, 1, true)).toBeCloseTo(40 / FRAME_SHARE - 1); // the cost's wait is longer
    expect(drawnDelayMs(2, RUNNING_ASK_AFTER_MS + 5, true)).toBe(0);
  });
});
