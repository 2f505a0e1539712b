// The coordinator worker's logic, without the worker: takes UiCommands, runs lockstep
// windows through an async machine driver, paces them by wall time and the speed
// factor, and posts Frames (at most one per ~16 ms). The only place that reads wall
// time; it reaches it through CoordinatorEnv, so Node tests drive it with fakes.

import { dispatchConsole } from '../shell/dispatch';
import { buildFrame, frameWithoutCluster } from '../coordinator/frame';
import { ViewDiff } from '../coordinator/view-diff';
import { ScenarioError } from '../cluster/scenario';
import { CLIENT_MACHINE } from '../cluster/setup';
import { Simulation, type SimulationInit } from '../coordinator/simulation';
import { RunLog } from './run-log';
import type { AsyncMachineDriver } from '../coordinator/window';
import type { Profile, UiCommand } from '../protocol/commands';
import type { Frame } from '../protocol/frames';
import type { CommandResult } from '../sim/process';
import { traceToJsonl } from './jsonl';
import { STALL_MS } from './worker-driver';
import { Pace } from './pacing';
import { SlowMotion } from './slow-motion';
import { ActionFeed, recordingText, switchChaos, userActionsOf, type RunOrigin } from './recording';
import { formatSimTime } from '../sim/duration';
import { InWorkerDriver } from './in-worker-driver';
import { runTo, TimeTravel } from './seek';
import { SeekControl } from './seek-control';
import { FAST_GRAIN_MS, GRAIN_MS } from './view-history';
import type { Rebuild } from './rebuild';
import { MAX_SEEK_EVENTS } from '../protocol/frames';
import { STEP_EVENT_LIMIT_MS, StepToEvent } from './step-event';
import type { LoggedAction } from './run-log';
import { TRACE_KEEP, type CoordinatorEnv } from './coordinator-env';
import { VerdictFeed } from './verdict-feed';
import { BootWatch } from './boot-watch';
import { resolveStart } from './run-start';

export { TRACE_KEEP, type CoordinatorEnv } from './coordinator-env';

/** At most one frame per this many wall ms (one animation frame). */
const FRAME_MS = 16;
/** Wall time spent running windows per turn before drawing and reading commands. */
const BUDGET_MS = 12;
/** Wall time a rebuild after a seek runs per turn (commands are read between turns). */
const REBUILD_SLICE_MS = 40;
/** Commands that do not wait for a rebuild in progress: they do not act on the cluster. */
const WAITLESS = new Set<UiCommand['type']>(['seek', 'pause', 'speed', 'slow-motion']);

export class Coordinator {
  private sim: Simulation | undefined;
  private driver: AsyncMachineDriver | undefined;
  private profile: Profile = 'classroom';
  private playing = false;
  private speed = 1;
  private readonly pace = new Pace();
  /** Election slow motion, and the speed the pace is anchored at (the chosen one, or the
   * slow one while an election or a Lease hand-over is on). */
  private readonly slow = new SlowMotion();
  private pacedSpeed = 1;
  private readonly inbox: UiCommand[] = [];
  private pumping = false;
  private timerArmed = false;
  private stepRequested = false;
  private dirty = true;
  private lastFrameWall = -Infinity;
  private cursor = 0;
  private hostReplies: { id: number; result: CommandResult }[] = [];
  private error: string | undefined;
  /** The live verdict: fed every event of the run, once, as frames carry them. */
  private readonly verdict: VerdictFeed;
  /** The run's start and UI actions, to derive the whole trace again. */
  private log: RunLog | undefined;
  /** Events dropped from the front of sim.trace so far. */
  private traceDropped = 0;
  /** Until the first etcd leader and every node Ready, the run goes as fast as it can. */
  private readonly boot = new BootWatch();
  private notes: string[] = [];
  /** What the run started from, and a file's actions still to come (recording.ts). */
  private origin: RunOrigin | undefined;
  private feed: ActionFeed | undefined;
  /** A recording replays as fast as possible to here, then pauses. */
  private replayTo: number | undefined;
  /** Said once, on the next frame: a bad file that gave way to the default cluster. */
  private banner: string | undefined;
  /** The file's line the start's error is about, when known. */
  private errorLine: number | undefined;
  /** Time travel: the log's future, the timeline's markers, the run's end (seek.ts). */
  private travel: TimeTravel | undefined;
  /** Seeks: the view history, the rebuild in progress, the preview (seek-control.ts). */
  private seekCtl: SeekControl | undefined;
  private topology: 'stacked' | 'external' = 'stacked';
  /** Markers version the last frame carried. */
  private sentMarkers = -1;
  /** Set after a seek, for the next frame (Frame.seeked). */
  private seeked: { to: number; rebuilt: boolean } | undefined;
  /** "Step to the next event" in progress. */
  private stepEvent: StepToEvent | undefined;
  /** Leaves out of each frame the views the UI already has. */
  private readonly viewDiff = new ViewDiff();

  constructor(private readonly env: CoordinatorEnv) {
    this.verdict = new VerdictFeed(env);
  }

  handle(cmd: UiCommand): void {
    // A kill or restart of a machine the window in flight waits for is not queued behind
    // it: the machine dies now, and the window completes without it.
    if ((cmd.type === 'kill' || cmd.type === 'restart') && this.stalled?.machines.includes(cmd.machine) && this.driver?.abandon?.(cmd.machine) && this.log) {
      this.log.unreplayable = `${cmd.machine} was killed inside a window its worker never answered`;
    }
    this.inbox.push(cmd);
    this.kick();
  }

  /** Set while machine workers are late with the window in flight. */
  private stalled: { machines: readonly string[]; since: number } | undefined;
  private lastFrame: Frame | undefined;

  private onStall(machines: readonly string[]): void {
    const wall = this.env.wallNow();
    this.stalled = { machines, since: this.stalled?.since ?? wall - STALL_MS };
    if (!this.lastFrame) return;
    // The last picture, marked: the clock must not say "running" while nothing runs.
    this.env.post({ ...this.lastFrame, events: [], replies: [], packets: [], verdict: undefined, stalled: { machines, waitingMs: Math.round(wall - this.stalled.since) } });
  }

  private kick(): void {
    if (this.pumping) return;
    this.pumping = true;
    void this.pump().finally(() => (this.pumping = false));
  }

  private arm(ms: number): void {
    if (this.timerArmed) return;
    this.timerArmed = true;
    this.env.setTimer(() => {
      this.timerArmed = false;
      this.kick();
    }, ms);
  }

  /** One turn: commands, then windows (a step, or as many as the pace allows within the
   * budget), then a frame if one is due. Everything is sequential: no window is in
   * flight while a command touches the simulation or a frame reads it. */
  private async pump(): Promise<void> {
    try {
      for (;;) {
        while (this.inbox.length > 0) await this.apply(this.inbox.shift()!);
        const turnStart = this.env.wallNow();
        if (this.sim && this.seekCtl?.rebuild) {
          // The moment kept goes out first: the rebuild behind it takes many turns.
          if (this.seekCtl.preview) await this.postFrame();
          this.rebuildSlice(turnStart);
        } else if (this.sim && this.stepRequested) {
          this.stepRequested = false;
          await this.runOne();
          this.dirty = true;
        } else if (this.sim && this.stepEvent) {
          await this.runToEvent(turnStart);
        } else if (this.sim && this.playing) {
          await this.runForBudget(turnStart);
        }
        if (this.inbox.length > 0) continue;
        if (this.dirty || this.playing || this.stepEvent || this.seekCtl?.preview) {
          const since = this.env.wallNow() - this.lastFrameWall;
          if (since >= FRAME_MS) await this.postFrame();
          else {
            this.arm(FRAME_MS - since);
            return;
          }
        }
        if (this.inbox.length > 0) continue;
        if (this.stepEvent || this.seekCtl?.rebuild) this.arm(0);
        else if (this.playing) this.arm(this.pacedSpeed === 0 ? 0 : Math.max(1, FRAME_MS - (this.env.wallNow() - turnStart)));
        return;
      }
    } catch (e) {
      this.fail(e);
    }
  }

  private async apply(cmd: UiCommand): Promise<void> {
    if ((cmd.type === 'console' || cmd.type === 'export' || (cmd.type === 'start' && cmd.scenario !== undefined)) && this.env.loadYaml) await this.env.loadYaml();
    if (cmd.type === 'start') return this.start(cmd);
    // Acting waits for the exact cluster a seek is rebuilding.
    if (this.seekCtl?.rebuild && !WAITLESS.has(cmd.type)) this.landRebuild(this.seekCtl.slice(() => true)!);
    const sim = this.sim;
    if (!sim) {
      if ('id' in cmd) this.hostReplies.push({ id: cmd.id, result: { ok: false, error: 'no cluster is running' } });
      this.dirty = true;
      return;
    }
    switch (cmd.type) {
      case 'play':
        if (!sim.finished) this.playing = true;
        this.reanchor();
        break;
      case 'pause':
        this.playing = false;
        break;
      case 'step':
        this.playing = false;
        this.stepRequested = true;
        break;
      case 'speed':
        this.speed = cmd.speed;
        this.reanchor();
        break;
      case 'slow-motion':
        this.slow.on = cmd.on;
        break;
      case 'kill':
      case 'restart':
      case 'isolate':
      case 'terminate':
        this.perform(sim, { kind: 'apply', fault: { kind: cmd.type, target: cmd.machine }, via: 'ui' });
        break;
      case 'heal':
        this.perform(sim, { kind: 'apply', fault: cmd.machine ? { kind: 'heal', target: cmd.machine } : { kind: 'heal' }, via: 'ui' });
        break;
      case 'kv':
        this.perform(sim, { kind: 'command', machine: CLIENT_MACHINE, process: 'console', id: cmd.id, command: { f: cmd.f, key: cmd.key, ...(cmd.value !== undefined ? { value: cmd.value } : {}), ...(cmd.endpoint ? { endpoint: cmd.endpoint } : {}) } });
        break;
      case 'console':
        // The shell (src/shell) picks the program, or answers itself ("command not
        // found"); the simulation runs it as a scenario's step and traces it.
        this.perform(sim, { kind: 'console', line: cmd.stdin !== undefined ? `${cmd.line}\n${cmd.stdin}` : cmd.line, ...(cmd.stdin !== undefined ? { stdin: cmd.stdin } : {}), id: cmd.id, route: dispatchConsole(cmd.line, cmd.stdin) });
        break;
      case 'chaos':
        this.setChaos(sim, cmd.on);
        break;
      case 'trace':
        this.hostReplies.push({ id: cmd.id, result: this.wholeTrace(sim) });
        break;
      case 'export':
        this.hostReplies.push({ id: cmd.id, result: this.recording(sim) });
        break;
      case 'seek':
        // Scrubbing sends many: only the last one queued counts.
        if (this.inbox[0]?.type !== 'seek') this.seek(sim, cmd.at);
        break;
      case 'step-event':
        this.playing = false;
        this.stepEvent = new StepToEvent(sim);
        break;
    }
    this.dirty = true;
  }

  /** A user action, recorded; taken while in the run's past it forks (seek.ts). */
  private perform(sim: Simulation, action: LoggedAction): boolean {
    const r = this.travel!.perform(sim, action);
    this.seekCtl!.acted(sim, this.traceDropped);
    return r;
  }

  private setChaos(sim: Simulation, on: boolean): void {
    if (!switchChaos(this.travel!, sim, on)) return;
    this.slow.chaos = on;
    this.verdict.chaosSwitched(on);
  }

  /** The run so far as a scenario file (recording.ts), or why it cannot be one. */
  private recording(sim: Simulation): CommandResult {
    if (!this.origin || !this.log) return { ok: false, error: 'no cluster is running' };
    if (this.log.unreplayable) return { ok: false, error: `this run cannot be replayed: ${this.log.unreplayable}` };
    try {
      return { ok: true, output: recordingText(this.origin, userActionsOf(this.log), sim.now) };
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
  }

  private start(cmd: Extract<UiCommand, { type: 'start' }>): void {
    this.startRun(cmd);
    // A bad file or link: the default cluster runs, and a banner says what was wrong.
    if (this.error && cmd.fallbackToSetup && cmd.scenario !== undefined) {
      const why = this.errorLine !== undefined ? `${this.error} (line ${this.errorLine})` : this.error;
      this.startRun({ ...cmd, scenario: undefined });
      this.banner = `${cmd.fallbackToSetup}: ${why} — running the default cluster instead.`;
    }
  }

  private startRun(cmd: Extract<UiCommand, { type: 'start' }>): void {
    this.driver?.dispose();
    this.driver = undefined;
    this.sim = undefined;
    this.error = undefined;
    this.cursor = 0;
    this.stepRequested = false;
    this.verdict.dispose();
    this.speed = cmd.speed;
    this.dirty = true;
    this.origin = undefined;
    this.feed = undefined;
    this.replayTo = undefined;
    this.viewDiff.reset();
    try {
      const run = resolveStart(cmd, this.env.scenarios);
      this.profile = run.profile;
      this.startSim(run.init, run.topology);
      this.origin = run.origin;
      this.feed = run.feed;
      this.replayTo = run.replayTo;
      this.driver = this.env.createDriver(cmd.isolation ?? 'shared', (machines) => this.onStall(machines));
      this.slow.reset(cmd.slowMotion ?? this.profile === 'classroom');
      this.boot.restart(true);
      this.playing = cmd.playing;
      this.reanchor();
    } catch (e) {
      this.playing = false;
      this.error = (e as Error).message;
      this.errorLine = e instanceof ScenarioError ? e.line : undefined;
    }
  }

  private startSim(init: SimulationInit, topology: 'stacked' | 'external'): void {
    this.sim = new Simulation(init);
    this.log = new RunLog(init);
    this.travel = new TimeTravel(this.log);
    this.seekCtl = new SeekControl(this.travel);
    this.topology = topology;
    this.sentMarkers = -1;
    this.seeked = undefined;
    this.stepEvent = undefined;
    this.traceDropped = 0;
    this.verdict.restart(topology, false);
  }

  /** The page keeps the last TRACE_KEEP..2×TRACE_KEEP events; older ones are dropped
   * once every frame has carried them (the whole run stays exportable: wholeTrace). */
  private trimTrace(sim: Simulation): void {
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

  /** The whole run as JSON Lines: the window in memory when nothing was dropped, else
   * the run derived again from its log (run-log.ts). */
  private wholeTrace(sim: Simulation): CommandResult {
    if (this.traceDropped === 0) return { ok: true, output: traceToJsonl(sim.trace) };
    if (this.log?.unreplayable) return { ok: false, error: `the whole trace cannot be derived again (${this.log.unreplayable}); the last ${sim.trace.length} events are kept` };
    return { ok: true, output: this.log!.replayJsonl({ window: sim.windowCount, now: sim.now }) };
  }

  /** Whether the boot is over (boot-watch.ts); then the chosen speed starts from here,
   * and the event log says so. */
  private bootDone(sim: Simulation): boolean {
    if (!this.boot.done(sim)) return false;
    this.reanchor();
    const at = (sim.now / 1000).toFixed(1);
    this.notes.push(this.speed === 0 ? `booted as fast as possible: an etcd leader and every node Ready at ${at}s` : `booted as fast as possible (an etcd leader and every node Ready at ${at}s); from here the run goes at ${this.speed}×`);
    return true;
  }

  private reanchor(): void {
    const wall = this.env.wallNow();
    this.pacedSpeed = this.slow.speed(this.speed, this.sim?.now ?? 0);
    this.pace.reanchor(wall, this.sim?.now ?? 0);
  }

  private async runOne(): Promise<void> {
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
      this.seekCtl!.capture(sim, this.traceDropped, () => inner.views(sim.upMachines()));
    }
    const plan = sim.planWindow();
    if (!plan) return;
    const outputs = await this.driver!.runWindow(plan);
    sim.commitWindow(plan, outputs);
    this.stalled = undefined;
    this.travel!.afterWindow(sim);
  }

  /** "Step to the next event": windows as fast as possible, for at most the budget per
   * turn, until one records a stopping event (step-event.ts); then paused. */
  private async runToEvent(turnStart: number): Promise<void> {
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

  /** The cluster as it was at sim ms `at`, paused (seek-control.ts). A short hop
   * forward runs the live simulation on at once; otherwise the view history's moment is
   * shown at once and the exact simulation is rebuilt behind it (rebuildSlice). */
  private seek(sim: Simulation, at: number): void {
    const travel = this.travel!;
    this.playing = false;
    this.stepEvent = undefined;
    this.replayTo = undefined; // a seek ends a shared link's replay where it is
    if (!Number.isFinite(at)) return;
    const to = Math.max(0, Math.min(Math.round(at), travel.endMs, sim.horizon));
    const ctl = this.seekCtl!;
    // With ?isolation=worker the live machines are in workers of their own: it cannot
    // run on in this thread, so every seek is a rebuild from t = 0 (landRebuild).
    const inner = this.driver instanceof InWorkerDriver ? this.driver.inner : undefined;
    if (inner && ctl.runsOn(sim, to)) {
      travel.next = runTo(sim, inner, travel.log.actions, travel.next, to, travel.onWindow);
      this.seeked = { to, rebuilt: false };
      return;
    }
    ctl.start(to, inner ? { sim, driver: inner, dropped: this.traceDropped } : undefined);
  }

  /** A slice of the rebuild in progress; landed when it gets there. */
  private rebuildSlice(turnStart: number): void {
    const end = turnStart + REBUILD_SLICE_MS;
    const done = this.seekCtl!.slice(() => this.inbox.length === 0 && this.env.wallNow() < end);
    if (done) this.landRebuild(done);
  }

  /** The rebuilt simulation takes over, paused at its target. One re-executed from
   * t = 0 replaces the live one: what the page accumulated (trace cursor, verdict)
   * starts over from it. */
  private landRebuild(r: Rebuild): void {
    const ctl = this.seekCtl!;
    this.travel!.next = r.next;
    const rewound = r.fromStart || ctl.previewShown;
    ctl.previewShown = false;
    this.seeked = { to: r.to, rebuilt: rewound };
    this.dirty = true;
    if (!r.fromStart) return;
    this.sim = r.sim;
    if (!(this.driver instanceof InWorkerDriver)) {
      // The rebuilt machines are objects in this thread; a Machine cannot be moved into
      // a worker (its processes hold closures), so they run on here (README).
      this.driver?.dispose();
      this.notes.push('after a seek the machines run inside the coordinator, re-executed there (?isolation=worker ends with the first seek)');
    }
    this.driver = new InWorkerDriver(r.driver);
    r.sim.takeReplies(); // answered in the run the first time
    r.sim.takePacketsForFrame(); // the first packets of the re-execution, long delivered
    this.cursor = 0;
    this.traceDropped = 0;
    this.boot.restart(false);
    this.viewDiff.reset(); // the page drops the views it had: send them all again
    this.sentMarkers = -1; // the page starts over: it gets the markers again
    // The verdict starts over from the rebuilt trace.
    this.verdict.restart(this.topology, this.travel!.log.actions.slice(0, r.next).some((e) => e.action.kind === 'chaos' && e.action.on));
  }

  /** Runs the windows that end by the paced sim time (all of them at speed 0), for at
   * most the budget; never starts a window that would run past the paced time. */
  private async runForBudget(turnStart: number): Promise<void> {
    const sim = this.sim!;
    const budgetEnd = turnStart + BUDGET_MS;
    // Slow motion began or ended (or used up its allowance): pace from here at the new speed.
    if (!this.boot.booting && this.replayTo === undefined && this.slow.speed(this.speed, sim.now) !== this.pacedSpeed) this.reanchor();
    const speed = this.pacedSpeed;
    const target = this.boot.booting || this.replayTo !== undefined ? Infinity : this.pace.target(this.env.wallNow(), speed);
    let next = sim.nextWindow();
    while (next && next.end <= target && (this.replayTo === undefined || next.t0 < this.replayTo) && this.inbox.length === 0 && this.env.wallNow() < budgetEnd) {
      await this.runOne();
      next = sim.nextWindow();
      if (this.boot.booting && this.bootDone(sim)) break;
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
  private replayed(sim: Simulation): void {
    const at = this.replayTo!;
    this.replayTo = undefined;
    this.feed?.applyDue(sim, this.travel!);
    sim.idleUntil(at);
    this.playing = false;
    this.dirty = true;
    this.notes.push(`replayed the recording to ${formatSimTime(at)} as fast as possible; paused there (Play goes on from here)`);
    this.reanchor();
  }

  private async postFrame(): Promise<void> {
    this.dirty = false;
    this.lastFrameWall = this.env.wallNow();
    const sim = this.sim;
    if (!sim || !this.driver) {
      this.viewDiff.reset();
      this.env.post(frameWithoutCluster({ playing: false, speed: this.speed, events: [], replies: this.takeHostReplies(), ...(this.error ? { error: this.error } : {}) }));
      return;
    }
    const ctl = this.seekCtl!;
    if (ctl.preview) return this.postPreview(ctl);
    if (ctl.rebuild) return; // the preview stays until the rebuild lands
    const views = await this.driver.views(sim.upMachines());
    this.slow.noteViews(views);
    if (!(this.driver instanceof InWorkerDriver)) ctl.capture(sim, this.traceDropped, () => views);
    const fresh = sim.trace.slice(this.cursor);
    this.cursor = sim.trace.length;
    this.verdict.feed(fresh);
    // After a seek back the page rebuilds its log from the newest events up to here.
    const rewound = this.seeked?.rebuilt === true;
    const events = rewound ? sim.trace.slice(-MAX_SEEK_EVENTS) : fresh;
    this.trimTrace(sim);
    const replies = [...this.takeHostReplies(), ...sim.takeReplies().map((r) => ({ id: r.id, result: r.result }))];
    this.verdict.maybeAsk(sim.now, () => {
      this.dirty = true;
      this.kick();
    });
    const landed = this.verdict.take();
    if (landed) {
      this.travel!.verdict(sim, landed);
      ctl.history.noteVerdict(landed);
    }
    // The page dropped its verdict when it rewound: the one the run had then, meanwhile.
    const verdict = landed ?? (rewound ? ctl.history.verdictAt(sim.now) : undefined);
    const notes = this.notes;
    this.notes = [];
    const banner = this.banner;
    this.banner = undefined;
    const error = this.error ?? banner;
    this.travel!.scan(sim);
    const timeline = this.timelineView(sim);
    const seeked = this.seeked;
    this.seeked = undefined;
    const built = buildFrame(sim, views, { playing: this.playing || this.stepEvent !== undefined, speed: this.speed, events, ...(rewound ? { maxEvents: MAX_SEEK_EVENTS } : {}), replies, notes, profile: this.profile, chaos: sim.chaosOn, slowMotion: this.slow.frameField(this.speed, sim.now), ...(verdict ? { verdict } : {}), ...(error ? { error } : {}) });
    const out = { ...built, machines: this.viewDiff.mark(built.machines) };
    this.lastFrame = out;
    this.env.post({ ...out, timeline, ...(seeked ? { seeked } : {}) });
  }

  /** The moment the view history kept for a seek, shown while the exact cluster is
   * rebuilt behind it: what the page showed live at that sim time. */
  private postPreview(ctl: SeekControl): void {
    const p = ctl.preview!;
    ctl.preview = undefined;
    ctl.previewShown = true;
    const m = p.moment;
    const verdict = ctl.history.verdictAt(p.shown);
    this.viewDiff.reset(); // the page drops the views it had: send them all
    const frame: Frame = {
      now: p.shown,
      playing: false,
      speed: this.speed,
      machines: this.viewDiff.mark(m.machines),
      packets: m.packets,
      events: ctl.history.eventsBefore(m.position, MAX_SEEK_EVENTS),
      cut: m.cut,
      replies: this.takeHostReplies(),
      finished: m.finished,
      profile: this.profile,
      chaos: m.chaos,
      ...(verdict ? { verdict } : {}),
      timeline: this.timelineView(this.sim!),
      seeked: { to: p.shown, rebuilt: true, preview: { exact: p.exact } },
    };
    this.lastFrame = frame;
    this.env.post(frame);
  }

  /** The timeline for a frame: the run's end always, the markers when they changed. */
  private timelineView(sim: Simulation): Frame['timeline'] {
    const travel = this.travel!;
    travel.reached(sim.now);
    const book = travel.markers;
    const changed = book.version !== this.sentMarkers;
    this.sentMarkers = book.version;
    return {
      endMs: travel.endMs,
      version: book.version,
      seekable: true,
      ...(changed ? { markers: book.list, ...(book.droppedCount > 0 ? { markersDropped: book.droppedCount } : {}) } : {}),
    };
  }

  private takeHostReplies(): { id: number; result: CommandResult }[] {
    const out = this.hostReplies;
    this.hostReplies = [];
    return out;
  }

  private fail(e: unknown): void {
    this.playing = false;
    this.error = `the simulation stopped: ${(e as Error).message ?? String(e)}`;
    this.driver?.dispose();
    this.driver = undefined;
    this.dirty = true;
    this.viewDiff.reset();
    this.env.post(frameWithoutCluster({ now: this.sim?.now ?? 0, playing: false, speed: this.speed, events: [], replies: this.takeHostReplies(), error: this.error }));
    this.sim = undefined;
  }
}
