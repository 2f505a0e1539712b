import { describe, expect, it } from 'vitest';
import { BudgetClock, MAX_STRIDE } from './budget-clock';

/** Runs windows of `windowMs` each (a fake clock) until the budget says stop. */
function turn(windowMs: (i: number) => number, budget: number): { windows: number; reads: number; endedAt: number } {
  let wall = 0;
  let reads = 0;
  const clock = new BudgetClock(
    {
      wallNow: () => {
        reads++;
        return wall;
      },
    },
    budget,
  );
  let windows = 0;
  while (clock.inBudget()) wall += windowMs(windows++);
  return { windows, reads, endedAt: wall };
}

describe('BudgetClock', () => {
  it('reads the clock once per many fast windows, and stops within a stride of the budget', () => {
    const r = turn(() => 0.005, 12);
    expect(r.windows).toBeGreaterThanOrEqual(2400);
    expect(r.reads).toBeLessThan(r.windows / 20);
    expect(r.endedAt).toBeGreaterThanOrEqual(12);
    expect(r.endedAt).toBeLessThan(12 + 0.3);
  });

  it('reads the clock after every slow window, so a turn ends at its budget', () => {
    const r = turn(() => 1, 12);
    expect(r.windows).toBe(12);
    expect(r.reads).toBe(1 + 13); // the turn's start, then before each window and at the end
    expect(r.endedAt).toBe(12);
  });

  it('reads the clock after every window again once one stride of them was slow', () => {
    // 1 000 fast windows, then 2 ms each: the stride in progress runs on (the price of
    // not reading the clock), then the turn ends at the next reading.
    const r = turn((i) => (i < 1000 ? 0.005 : 2), 12);
    expect(r.windows - 1000).toBeGreaterThan(0);
    expect(r.windows - 1000).toBeLessThanOrEqual(0.25 / 0.005);
    expect(r.windows - 1000).toBeLessThanOrEqual(MAX_STRIDE);
  });

  it('gives no window when the budget is already spent', () => {
    expect(turn(() => 1, 0).windows).toBe(0);
  });
});
