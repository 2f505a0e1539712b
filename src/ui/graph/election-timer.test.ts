import { describe, expect, it } from 'vitest';
import { electionTimerMs, groupedMs } from './election-timer';

describe('the election timer on a member card', () => {
  const t = { elapsedMs: 600, timeoutMs: 1130, tickAt: 5000 };
  it('fills on between ticks by the sim clock, no further than a tick, never past the timeout', () => {
    expect(electionTimerMs(t, 5000)).toBe(600);
    expect(electionTimerMs(t, 5040)).toBe(640);
    expect(electionTimerMs(t, 5400)).toBe(700); // the next tick's view is late: wait for it
    expect(electionTimerMs(t, 4990)).toBe(600);
    expect(electionTimerMs({ ...t, elapsedMs: 1100 }, 5090)).toBe(1130);
  });
  it('reads "640 / 1 130 ms"', () => {
    expect(`${groupedMs(640)} / ${groupedMs(1130)} ms`).toBe('640 / 1\u202f130 ms');
    expect(groupedMs(2000)).toBe('2\u202f000');
  });
});
