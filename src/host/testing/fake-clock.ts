// A wall clock and timers for driving the page's Coordinator in Node tests: time moves
// only when the test says so, and due timers fire in the order they were set. The
// coordinator's pacing is then a pure function of the test's steps.

export class FakeClock {
  wall = 0;
  private timers: { at: number; fn: () => void }[] = [];

  /** For CoordinatorEnv.setTimer. */
  readonly setTimer = (fn: () => void, ms: number): void => {
    this.timers.push({ at: this.wall + ms, fn });
  };

  /** Moves the clock by `ms` and fires every timer due by then. */
  advance(ms: number): void {
    this.wall += ms;
    const due = this.timers.filter((t) => t.at <= this.wall);
    this.timers = this.timers.filter((t) => t.at > this.wall);
    for (const t of due) t.fn();
  }
}
