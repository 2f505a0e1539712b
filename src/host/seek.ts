// Time travel (issue 11; design.md "Replay"): the simulation as it was at sim time T,
// rebuilt by re-executing the run from its log (same init, the same actions after the
// same windows at the same sim times: determinism makes it the same run), without
// building frames. The actions after T stay in the log as the run's future: playing on
// from T repeats them where they were; a new action while in the past forks (the log
// is cut there, and the dropped future's markers go with it).
//
// Why re-execution and no checkpoints (yet): a restorable copy of a running cluster
// needs every process's state copied with its closures rebound (watch and informer
// handlers, leader-election callbacks, Raft's step function, each Runtime's send/emit:
// about 250 closures in some 40 shapes in a 3-master, 3-worker cluster). See README
// "Time travel" for what was measured.

import { processFactory } from '../cluster/processes';
import { Simulation } from '../coordinator/simulation';
import type { SyncMachineDriver } from '../coordinator/window';
import type { ProcessFactory } from '../sim/process';
import { InProcessDriver } from './in-process';
import { act, type Entry, type LoggedAction, type RunLog } from './run-log';
import { MarkerBook } from './timeline-markers';

/** Called after each committed window. */
export type OnWindow = (sim: Simulation) => void;

/** Applies the actions from index `next` that were taken after exactly the windows the
 * simulation has committed and at or before sim time `limit`; returns the next index. */
export function applyDue(sim: Simulation, actions: readonly Entry[], next: number, limit: number): number {
  for (; next < actions.length; next++) {
    const e = actions[next]!;
    if (e.window > sim.windowCount || e.now > limit) break;
    sim.idleUntil(e.now);
    act(sim, e.action);
  }
  return next;
}

/** Runs `sim` to sim time `to` as the live run would have reached it: every window
 * that ends by `to`, each followed by the actions taken after it, then the clock idles
 * to `to`. Returns the index of the first action not yet taken (the future). */
export function runTo(sim: Simulation, driver: SyncMachineDriver, actions: readonly Entry[], next: number, to: number, onWindow?: OnWindow): number {
  next = applyDue(sim, actions, next, to);
  for (let w = sim.nextWindow(); w && w.end <= to; w = sim.nextWindow()) {
    const plan = sim.planWindow()!;
    sim.commitWindow(plan, driver.runWindow(plan));
    onWindow?.(sim);
    next = applyDue(sim, actions, next, to);
  }
  sim.idleUntil(to);
  return applyDue(sim, actions, next, to);
}

/** A fresh simulation re-executed from the log to sim time `to` (`onWindow`: a
 * TimeTravel's, whose scan cursor must be restart()ed first). */
export function rebuildAt(log: RunLog, to: number, onWindow?: OnWindow, factory: ProcessFactory = processFactory): { sim: Simulation; driver: InProcessDriver; next: number } {
  const sim = new Simulation(log.init);
  const driver = new InProcessDriver(factory);
  const next = runTo(sim, driver, log.actions, 0, Math.min(to, sim.horizon), onWindow);
  return { sim, driver, next };
}

/** What the coordinator keeps for time travel: the log's future cursor, the timeline's
 * markers and the furthest time reached. One per run. */
export class TimeTravel {
  readonly markers = new MarkerBook();
  /** Index of the first logged action not yet taken: below the log's size while the
   * run is in its own past. */
  next = 0;
  /** The furthest sim time this run (this branch of it) has reached. */
  endMs = 0;
  /** Trace events scanned for markers so far (an index into sim.trace), and how many
   * the host dropped from its front (positions in the whole trace are dropped + i). */
  private scanned = 0;
  private dropped = 0;

  constructor(readonly log: RunLog) {}

  get inPast(): boolean {
    return this.next < this.log.size;
  }

  /** A user action: taken in the past it forks first (the future is dropped). */
  perform(sim: Simulation, action: LoggedAction): boolean {
    // In the past: before a logged action still to come, or before the run's end (a
    // future without actions is a future all the same: its markers and end go).
    if (this.inPast || sim.now < this.endMs) this.fork(sim);
    const r = this.log.perform(sim, action);
    this.next = this.log.size;
    return r;
  }

  /** Drops the future after the present: the log's actions, the markers, the end. */
  fork(sim: Simulation): void {
    this.log.cut(this.next);
    this.markers.cut(this.dropped + sim.trace.length);
    this.endMs = sim.now;
  }

  /** After a live window: its markers, and the actions of the future due now. */
  afterWindow(sim: Simulation): void {
    this.onWindow(sim);
    this.next = applyDue(sim, this.log.actions, this.next, Infinity);
  }

  /** The markers are scanned from the start of another simulation's trace (a rebuild
   * from t = 0, or the live one again, which has dropped `dropped` events): the book
   * skips what it has seen, so nothing is marked twice. */
  restart(dropped = 0): void {
    this.scanned = 0;
    this.dropped = dropped;
  }

  /** The host dropped `n` events from the front of sim.trace (scan first). */
  trimmed(n: number): void {
    this.scanned = Math.max(0, this.scanned - n);
    this.dropped += n;
  }

  /** Markers of the events recorded since the last scan (between windows too: a UI
   * fault is traced when it is applied). */
  scan(sim: Simulation): void {
    this.markers.scan(sim.trace, this.scanned, this.dropped);
    this.scanned = sim.trace.length;
  }

  /** Future actions due by `limit` before the clock idles there. */
  beforeIdle(sim: Simulation, limit: number): void {
    this.next = applyDue(sim, this.log.actions, this.next, limit);
  }

  /** A live verdict that failed checks: one violation marker per set of failed checks. */
  verdict(sim: Simulation, v: { at: number; ok: boolean; checks: readonly { name: string; ok: boolean | 'unknown' }[] }): void {
    if (v.ok) return;
    const failed = v.checks.filter((c) => c.ok === false).map((c) => c.name);
    if (failed.length > 0) this.markers.note(v.at, 'violation', `check failed: ${failed.join(', ')}`, this.dropped + sim.trace.length);
  }

  reached(now: number): void {
    if (now > this.endMs) this.endMs = now;
  }

  /** The window callback for a re-execution: markers of windows not seen yet. */
  readonly onWindow: OnWindow = (sim) => {
    this.scan(sim);
    this.reached(sim.now);
  };
}
