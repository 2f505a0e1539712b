// Seeks while the scrubber is dragged (issue 11): at most one per interval, and the last
// position always goes out once the interval is over (a trailing call). Without the
// trailing call a quick drag sent only its first step and the page showed that moment
// until the mouse was released, though the thumb stood elsewhere.

export interface ThrottleClock {
  now(): number;
  later(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

export const browserClock: ThrottleClock = {
  now: () => performance.now(),
  later: (fn, ms) => setTimeout(fn, ms),
  cancel: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export class ScrubThrottle {
  private lastSent = -Infinity;
  /** The position last sent. */
  private lastAt: number | undefined;
  private pending: { handle: unknown; at: number } | undefined;

  constructor(
    private readonly everyMs: number,
    private readonly send: (at: number) => void,
    private readonly clock: ThrottleClock = browserClock,
  ) {}

  /** A position of the drag: sent now, or as the trailing one. */
  scrub(at: number): void {
    // Already shown and nothing else queued: a range input may report its value once more
    // as the mouse is released (the 'change' after the last 'input'), and a seek sent
    // then would pause a run the learner had just set playing again.
    if (this.pending === undefined && at === this.lastAt) return;
    const wait = this.lastSent + this.everyMs - this.clock.now();
    if (wait <= 0) return this.flush(at);
    if (this.pending) {
      this.pending.at = at;
      return;
    }
    const p = { at, handle: undefined as unknown };
    p.handle = this.clock.later(() => this.flush(p.at), wait);
    this.pending = p;
  }

  /** Sends `at` now (a release, a key), dropping any trailing position. */
  flush(at: number): void {
    this.cancel();
    this.lastSent = this.clock.now();
    this.lastAt = at;
    this.send(at);
  }

  cancel(): void {
    if (this.pending) this.clock.cancel(this.pending.handle);
    this.pending = undefined;
  }
}
