// Whether a turn's wall-time budget is used up, without reading the clock after every
// window. At "max" a window of HA takes a few microseconds, and performance.now() in a
// worker was about 3 % of the simulation worker's time (scripts/profile-page-worker.ts).
// The clock is read again after as many windows as took about STRIDE_WALL_MS at the pace
// of those since the last reading (at most MAX_STRIDE), so a turn of slow windows (a
// large cluster, machines in workers of their own) still reads it after each one.

/** Wall ms between two readings of the clock, at the windows' recent pace. */
export const STRIDE_WALL_MS = 0.25;
export const MAX_STRIDE = 64;

export class BudgetClock {
  /** Windows to go before the next reading; windows since the last one. */
  private left = 0;
  private since = 0;
  private last: number;

  constructor(
    private readonly clock: { wallNow(): number },
    private readonly end: number,
  ) {
    this.last = clock.wallNow();
  }

  /** Whether there is budget left for one more window; called before each window. */
  inBudget(): boolean {
    if (this.left > 0) {
      this.left--;
      this.since++;
      return true;
    }
    const wall = this.clock.wallNow();
    if (wall >= this.end) return false;
    if (this.since > 0) {
      const perWindow = (wall - this.last) / this.since;
      const stride = perWindow > 0 ? Math.floor(Math.min(STRIDE_WALL_MS, this.end - wall) / perWindow) : MAX_STRIDE;
      this.left = Math.max(0, Math.min(MAX_STRIDE, stride) - 1);
    }
    this.last = wall;
    this.since = 1;
    return true;
  }
}
