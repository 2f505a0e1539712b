import { describe, expect, it } from 'vitest';
import { unclampedTimer } from './yield-now';

describe('unclampedTimer', () => {
  it('runs zero-delay callbacks through a message, in order, and hands longer delays to the timer', async () => {
    const delayed: number[] = [];
    const timer = unclampedTimer((_fn, ms) => void delayed.push(ms));
    const ran: string[] = [];
    timer(() => ran.push('a'), 0);
    timer(() => ran.push('later'), 5);
    timer(() => ran.push('b'), 0);
    expect(ran).toEqual([]); // not synchronously: a turn of its own
    for (let i = 0; i < 10 && ran.length < 2; i++) await new Promise((r) => setImmediate(r));
    expect(ran).toEqual(['a', 'b']);
    expect(delayed).toEqual([5]);
  });
});
