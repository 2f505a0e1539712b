// timestamp() keeps the last second's text: asked in any order, at the same second or
// not, it must give what the calendar gives.

import { describe, expect, it } from 'vitest';
import { microTimestamp, parseTimestamp, timestamp } from './time';

/** 2026-01-01T00:00:00Z in Unix milliseconds. */
const EPOCH_MS = Date.UTC(2026, 0, 1);

function calendar(simMs: number): string {
  return new Date(EPOCH_MS + Math.floor(simMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

describe('timestamp', () => {
  it('writes RFC 3339 seconds as the calendar does, asked in any order and again at the same second', () => {
    let seed = 9;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    let t = 0;
    for (let i = 0; i < 5000; i++) {
      // Mostly forward by a few ms (the same second again), sometimes far, sometimes back.
      const r = rand(10);
      t = r < 7 ? t + rand(400) : r < 9 ? rand(4 * 366 * 86_400_000) : Math.max(0, t - rand(5000));
      expect(timestamp(t)).toBe(calendar(t));
      expect(parseTimestamp(timestamp(t))).toBe(Math.floor(t / 1000) * 1000);
    }
    expect(timestamp(0)).toBe('2026-01-01T00:00:00Z');
    expect(timestamp(999)).toBe('2026-01-01T00:00:00Z');
    expect(timestamp(1000)).toBe('2026-01-01T00:00:01Z');
    expect(microTimestamp(1_234)).toBe('2026-01-01T00:00:01.234000Z');
  });
});
