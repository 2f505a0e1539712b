// The live verdict as the coordinator runs it: every event of the run is fed, once, to
// a checker (its own worker in the browser), and a verdict is asked for at most once a
// second of wall time while the trace moves; the answer rides on a later frame. On
// only once chaos has been switched on (before, there is no history to check).

import type { LiveChecker, Verdict } from '../check/live-verdict';
import { InlineChecker } from './inline-checker';
import type { TraceEvent } from '../protocol/trace';
import type { CoordinatorEnv } from './coordinator-env';

/** The verdict is recomputed at most this often (wall ms). */
const VERDICT_EVERY_MS = 1000;

export class VerdictFeed {
  /** Chaos switched on at least once in this run: the frames carry a verdict. */
  on = false;
  private checker: LiveChecker | undefined;
  private fed = 0;
  private fedAtLast = -1;
  private pending = false;
  private lastWall = -Infinity;
  /** A verdict the checker answered, for the next frame. */
  private ready: Verdict | undefined;

  constructor(private readonly env: CoordinatorEnv) {}

  /** A new checker for a run (or a run rebuilt from its start); nothing fed yet. */
  restart(topology: 'stacked' | 'external', on: boolean): void {
    this.dispose();
    this.checker = this.env.createChecker?.({ topology }) ?? new InlineChecker({ topology });
    this.on = on;
    this.fed = 0;
    this.fedAtLast = -1;
    this.pending = false;
    this.ready = undefined;
    this.lastWall = -Infinity;
  }

  /** Chaos switched on or off: a verdict is due at once. */
  chaosSwitched(on: boolean): void {
    if (on) this.on = true;
    this.lastWall = -Infinity;
  }

  feed(events: readonly TraceEvent[]): void {
    if (events.length === 0 || !this.checker) return;
    this.checker.feed(events);
    this.fed += events.length;
  }

  /** Asks the checker when a verdict is due and the trace changed since the last;
   * `answered` is called when it lands (for this run only). */
  maybeAsk(now: number, answered: () => void): void {
    const checker = this.checker;
    if (!this.on || !checker || this.pending) return;
    const wall = this.env.wallNow();
    if (wall - this.lastWall < VERDICT_EVERY_MS || this.fed === this.fedAtLast) return;
    this.lastWall = wall;
    this.fedAtLast = this.fed;
    this.pending = true;
    void checker.verdict(now).then(
      (v) => {
        if (checker !== this.checker) return; // a new run started meanwhile
        this.pending = false;
        this.ready = v;
        answered();
      },
      () => {
        if (checker === this.checker) this.pending = false;
      },
    );
  }

  /** The verdict that landed since the last call, if any. */
  take(): Verdict | undefined {
    const v = this.ready;
    this.ready = undefined;
    return v;
  }

  dispose(): void {
    this.checker?.dispose();
    this.checker = undefined;
  }
}
