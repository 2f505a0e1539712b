// The coordinator's run loop (coordinator.ts is the rest: commands, starts, seeks,
// frames): one window at a time through the machine driver, the windows the pace
// allows in a turn's budget, "step to the next event", a shared link replayed as fast
// as possible, the boot as fast as possible. Everything is sequential: no window is in
// flight while a command touches the simulation or a frame reads it.

import type { Simulation } from '../coordinator/simulation';
import type { AsyncMachineDriver, WindowOutputs, WindowPlan } from '../coordinator/window';
import { BudgetClock } from './budget-clock';
import type { InProcessDriver } from './in-process';
import type { UiCommand } from '../protocol/commands';
import { formatSimTime } from '../sim/duration';
import { BootFrames } from './boot-frames';
import { BootWatch } from './boot-watch';
import type { CoordinatorEnv } from './coordinator-env';
import { TRACE_KEEP } from './coordinator-env';
import { InWorkerDriver } from './in-worker-driver';
import { Pace } from './pacing';
import type { ActionFeed } from './recording';
import type { TimeTravel } from './seek';
import type { SeekControl } from './seek-control';
import { SlowMotion } from './slow-motion';
import { STEP_EVENT_LIMIT_MS, type StepToEvent } from './step-event';
import { FAST_GRAIN_MS, GRAIN_MS } from './view-history';

/** Wall time spent running windows per turn before drawing and reading commands. */
export const BUDGET_MS = 12;

export abstract class CoordinatorRuns {
  protected sim: Simulation | undefined;
  protected driver: AsyncMachineDriver | undefined;
  protected playing = false;
  protected speed = 1;
  protected readonly pace = new Pace();
  /** Election slow motion, and the speed the pace is anchored at (the chosen one, or the
   * slow one while an election or a Lease hand-over is on). */
  protected readonly slow = new SlowMotion();
  protected pacedSpeed = 1;
  protected readonly inbox: UiCommand[] = [];
  protected dirty = true;
  protected cursor = 0;
  /** Events dropped from the front of sim.trace so far. */
  protected traceDropped = 0;
  /** Until the first etcd leader and every node Ready, the run goes as fast as it can. */
  protected readonly boot = new BootWatch();
  /** Few frames while booting, and one at once with the first leader (boot-frames.ts). */
  protected readonly bootFrames = new BootFrames();
  /** The next frame goes out now (the first leader is there). */
  protected frameNow = false;
  protected notes: string[] = [];
  protected feed: ActionFeed | undefined;
  /** A recording replays as fast as possible to here, then pauses. */
  protected replayTo: number | undefined;
  /** Time travel: the log's future, the timeline's markers, the run's end (seek.ts). */
  protected travel: TimeTravel | undefined;
  /** Seeks: the view history, the rebuild in progress, the preview (seek-control.ts). */
  protected seekCtl: SeekControl | undefined;
  /** "Step to the next event" in progress. */
  protected stepEvent: StepToEvent | undefined;
  /** Set while machine workers are late with the window in flight. */
  protected stalled: { machines: readonly string[]; since: number } | undefined;

  constructor(protected readonly env: CoordinatorEnv) {}

  /** The page keeps the last TRACE_KEEP..2×TRACE_KEEP events; older ones are dropped
   * once every frame has carried them (the whole run stays exportable: wholeTrace). */
  protected trimTrace(sim: Simulation): void {
    const keep = this.env.traceKeep ?? TRACE_KEEP;
    if (sim.trace.length <= 2 * keep) return;
    const drop = sim.trace.length - keep;
    this.travel?.scan(sim);
    this.seekCtl?.history.archiveTrace(sim.trace, this.traceDropped);
    sim.trace.splice(0, drop); // the coordinator's own reads only: cursor and counters move with it
    this.cursor -= drop;
    this.travel?.trimmed(drop);
    this.boot.trimmed(drop);
    this.traceDropped += drop;
  }

  /** Whether the boot is over (boot-watch.ts); then the chosen speed starts from here,
   * and the event log says so. */
  protected bootDone(sim: Simulation): boolean {
    if (!this.boot.done(sim)) return false;
    this.reanchor();
    const at = (sim.now / 1000).toFixed(1);
    this.notes.push(this.speed === 0 ? `booted as fast as possible: an etcd leader and every node Ready at ${at}s` : `booted as fast as possible (an etcd leader and every node Ready at ${at}s); from here the run goes at ${this.speed}×`);
    return true;
  }

  protected reanchor(): void {
    const wall = this.env.wallNow();
    this.pacedSpeed = this.slow.speed(this.speed, this.sim?.now ?? 0);
    this.pace.reanchor(wall, this.sim?.now ?? 0);
  }

  protected async runOne(): Promise<void> {
    const plan = this.beginWindow();
    if (plan) this.endWindow(plan, await this.driver!.runWindow(plan));
  }

  /** runOne without a promise, for machines in this thread (InWorkerDriver): at "max" a
   * window of HA is a few microseconds of work, and two awaits per window (with their
   * promises for the GC) were a noticeable part of it. */
  protected runOneNow(inner: InProcessDriver): void {
    const plan = this.beginWindow();
    if (plan) this.endWindow(plan, inner.runWindow(plan));
  }

  /** The actions due, a view history moment if due, then the next window's plan. */
  private beginWindow(): WindowPlan | undefined {
    const sim = this.sim!;
    // Actions of the run's future taken right here (after a seek) come first, then a
    // file's actions due before this window (a recording being replayed).
    this.travel!.beforeIdle(sim, Infinity);
    this.feed?.applyDue(sim, this.travel!);
    // A moment for the view history, taken before the window changes it (with
    // ?isolation=worker views cost a round trip: postFrame takes them instead).
    if (this.driver instanceof InWorkerDriver) {
      const inner = this.driver.inner;
      const fast = this.boot.booting || this.replayTo !== undefined || this.stepEvent !== undefined || this.pacedSpeed === 0 || this.pacedSpeed > 10;
      this.seekCtl!.history.grainMs = fast ? FAST_GRAIN_MS : GRAIN_MS;
      this.seekCtl!.capture(sim, this.traceDropped, () => inner.views(sim.upMachines()), !this.momentsWithFrames());
    }
    return sim.planWindow();
  }

  /** At "max" the grain's moments are taken with the frames' views (coordinator.ts
   * postFrame), and before a window only at a marker's point. HA runs there at ~200× on
   * the page, a frame every ~10 s of sim time: a moment every second of it cost the
   * views of every machine 200 times a second, 12.5 % of the worker's samples
   * (docs/performance.md, 2026-12-07 "boot"), for moments ten times as close together as
   * the frames the page drew; a seek between two of them shows the earlier one and the
   * rebuild brings the exact cluster, as anywhere else. */
  protected momentsWithFrames(): boolean {
    return this.pacedSpeed === 0 && !this.boot.booting && this.replayTo === undefined && this.stepEvent === undefined;
  }

  private endWindow(plan: WindowPlan, outputs: WindowOutputs): void {
    const sim = this.sim!;
    sim.commitWindow(plan, outputs);
    this.stalled = undefined;
    this.travel!.afterWindow(sim);
  }

  /** "Step to the next event": windows as fast as possible, for at most the budget per
   * turn, until one records a stopping event (step-event.ts); then paused. */
  protected async runToEvent(turnStart: number): Promise<void> {
    const sim = this.sim!;
    const step = this.stepEvent!;
    const budgetEnd = turnStart + BUDGET_MS;
    while (this.inbox.length === 0 && this.env.wallNow() < budgetEnd) {
      if (!sim.nextWindow()) {
        this.stepEvent = undefined;
        break;
      }
      const from = sim.trace.length;
      await this.runOne();
      if (step.hit(sim.trace, from) || sim.now >= step.until) {
        if (sim.now >= step.until) this.notes.push(`step to the next event: nothing to stop at in ${STEP_EVENT_LIMIT_MS / 1000} s of sim time; paused`);
        this.stepEvent = undefined;
        break;
      }
    }
    this.dirty = true;
  }

  /** Runs the windows that end by the paced sim time (all of them at speed 0), for at
   * most the budget; never starts a window that would run past the paced time. */
  protected async runForBudget(turnStart: number): Promise<void> {
    const sim = this.sim!;
    const budgetEnd = turnStart + BUDGET_MS;
    // Slow motion began or ended (or used up its allowance): pace from here at the new speed.
    if (!this.boot.booting && this.replayTo === undefined && this.slow.speed(this.speed, sim.now) !== this.pacedSpeed) this.reanchor();
    const speed = this.pacedSpeed;
    const target = this.boot.booting || this.replayTo !== undefined ? Infinity : this.pace.target(this.env.wallNow(), speed);
    const inner = this.driver instanceof InWorkerDriver ? this.driver.inner : undefined;
    const clock = new BudgetClock(this.env, budgetEnd);
    let next = sim.nextWindow();
    while (next && next.end <= target && (this.replayTo === undefined || next.t0 < this.replayTo) && this.inbox.length === 0 && clock.inBudget()) {
      if (inner) this.runOneNow(inner);
      else await this.runOne();
      next = sim.nextWindow();
      if (this.boot.booting && this.bootDone(sim)) break;
      if (this.boot.booting && this.bootFrames.leaderElected(sim.etcdLeader() !== undefined)) {
        this.frameNow = true;
        break;
      }
      // An election just began or ended: the next turn paces at the other speed (a
      // replay to a shared moment runs as fast as possible, slow motion or not).
      if (!this.boot.booting && this.slow.update(sim.facts.electing(), sim.now) && this.replayTo === undefined) return;
    }
    if (this.replayTo !== undefined && (!next || next.t0 >= this.replayTo)) return this.replayed(sim);
    if (!next) {
      sim.idleUntil(sim.horizon); // the clock shows the scenario's end
      this.playing = false;
      this.dirty = true;
      return;
    }
    if (Number.isFinite(target)) {
      // Behind: keep the debt, so the next turns catch up (at most MAX_DEBT_WALL_MS of
      // it); otherwise show the clock moving through idle time.
      if (next.end <= target) this.pace.behind(sim.now, this.env.wallNow(), speed);
      else {
        this.travel!.beforeIdle(sim, Math.floor(target));
        sim.idleUntil(Math.floor(target)); // the sim clock is integer ms
      }
    }
  }

  /** The recording has run to its moment: the last actions, the clock there, paused. */
  protected replayed(sim: Simulation): void {
    const at = this.replayTo!;
    this.replayTo = undefined;
    this.feed?.applyDue(sim, this.travel!);
    sim.idleUntil(at);
    this.playing = false;
    this.dirty = true;
    this.notes.push(`replayed the recording to ${formatSimTime(at)} as fast as possible; paused there (Play goes on from here)`);
    this.reanchor();
  }
}
