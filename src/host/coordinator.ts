// The coordinator worker's logic, without the worker: takes UiCommands, runs lockstep
// windows through an async machine driver, paces them by wall time and the speed
// factor, and posts Frames (at most one per ~16 ms). The only place that reads wall
// time; it reaches it through CoordinatorEnv, so Node tests drive it with fakes.

import { dispatchConsole } from '../shell/dispatch';
import { buildFrame, frameWithoutCluster } from '../coordinator/frame';
import { ViewDiff } from '../coordinator/view-diff';
import { parseScenario, ScenarioError, simulationInit, type Scenario } from '../cluster/scenario';
import { CLIENT_MACHINE, machinesFor, setupErrors } from '../cluster/setup';
import { Simulation, type SimulationInit } from '../coordinator/simulation';
import { RunLog } from './run-log';
import { profileFor } from '../cluster/profiles';
import type { AsyncMachineDriver } from '../coordinator/window';
import type { Isolation, Profile, UiCommand } from '../protocol/commands';
import type { Frame } from '../protocol/frames';
import type { CommandResult } from '../sim/process';
import { traceToJsonl } from './jsonl';
import { STALL_MS } from './worker-driver';
import { Pace } from './pacing';
import { SlowMotion } from './slow-motion';
import { InlineChecker, type LiveChecker, type Verdict } from '../check/live-verdict';
import { ActionFeed, PAGE_WORKLOAD, isRecording, recordingText, switchChaos, userActionsOf, type RunOrigin } from './recording';
import { formatSimTime } from '../sim/duration';
import { InWorkerDriver } from './in-worker-driver';
import { rebuildAt, runTo, TimeTravel } from './seek';
import { STEP_EVENT_LIMIT_MS, StepToEvent } from './step-event';
import type { LoggedAction } from './run-log';
import { BootFrames } from './boot-frames';

/** The page's clusters carry an idle KV workload that the chaos switch turns on, so
 * the verdict has a history to check (like Jepsen's clients, a separate etcd client). */
const CHAOS_WORKLOAD = PAGE_WORKLOAD;
/** The verdict is recomputed at most this often (wall ms). */
const VERDICT_EVERY_MS = 1000;

export interface CoordinatorEnv {
  post(frame: Frame): void;
  /** Wall-clock milliseconds (performance.now()). */
  wallNow(): number;
  setTimer(fn: () => void, ms: number): void;
  /** The machines' driver: all in this worker (`shared`) or one worker each; `stalled`
   * is called when machine workers have not answered a window for a while. */
  createDriver(isolation: Isolation, stalled?: (machines: readonly string[], n: number) => void): AsyncMachineDriver;
  /** The live verdict's checker (a worker of its own in the browser); in this thread
   * when not given. */
  createChecker?(opts: { topology: 'stacked' | 'external' }): LiveChecker;
  /** Trace events kept in memory (TRACE_KEEP by default; tests use fewer). */
  readonly traceKeep?: number;
  /** Built-in scenarios by name (file text). */
  readonly scenarios: Readonly<Record<string, string>>;
  /** Resolves once the YAML parser can be called (the page's workers load it lazily,
   * src/host/lazy-yaml.ts); awaited before a console line or a scenario's text reaches
   * the simulation. Absent: it always can. */
  loadYaml?(): Promise<void>;
}

/** Trace events the page keeps in memory (between this and twice this). */
export const TRACE_KEEP = 20_000;

/** At most one frame per this many wall ms (one animation frame). */
const FRAME_MS = 16;
/** Wall time spent running windows per turn before drawing and reading commands. */
const BUDGET_MS = 12;


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
  /** Chaos switched on at least once in this run: the frames carry a verdict. */
  private verdictOn = false;
  private lastVerdictWall = -Infinity;
  /** Fed every event of the run, once, as frames carry them. */
  private checker: LiveChecker | undefined;
  private fed = 0;
  private fedAtLastVerdict = -1;
  private verdictPending = false;
  /** A verdict the checker answered, for the next frame. */
  private verdictReady: Verdict | undefined;
  /** The run's start and UI actions, to derive the whole trace again. */
  private log: RunLog | undefined;
  /** Events dropped from the front of sim.trace so far. */
  private traceDropped = 0;
  /** Until the first etcd leader and every node Ready, the run goes as fast as it can
   * (nobody should wait through a boot at 1×); then at the chosen speed. */
  private booting = false;
  private bootCursor = 0;
  private readonly nodesReady = new Set<string>();
  /** Few frames while booting, and one at once with the first leader (boot-frames.ts). */
  private readonly bootFrames = new BootFrames();
  private frameNow = false;
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
  private topology: 'stacked' | 'external' = 'stacked';
  /** Markers version the last frame carried. */
  private sentMarkers = -1;
  /** Set after a seek, for the next frame (Frame.seeked). */
  private seeked: { to: number; rebuilt: boolean } | undefined;
  /** "Step to the next event" in progress. */
  private stepEvent: StepToEvent | undefined;
  /** Leaves out of each frame the views the UI already has. */
  private readonly viewDiff = new ViewDiff();

  constructor(private readonly env: CoordinatorEnv) {}

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
        if (this.sim && this.stepRequested) {
          this.stepRequested = false;
          await this.runOne();
          this.dirty = true;
        } else if (this.sim && this.stepEvent) {
          await this.runToEvent(turnStart);
        } else if (this.sim && this.playing) {
          await this.runForBudget(turnStart);
        }
        if (this.inbox.length > 0) continue;
        if (this.dirty || this.playing || this.stepEvent) {
          const since = this.env.wallNow() - this.lastFrameWall;
          const gap = this.bootFrames.gap(this.booting, FRAME_MS);
          if (since >= gap || this.frameNow) {
            this.frameNow = false;
            await this.postFrame();
          } else {
            this.arm(Math.min(FRAME_MS, gap - since));
            return;
          }
        }
        if (this.inbox.length > 0) continue;
        if (this.stepEvent) this.arm(0);
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
    return this.travel!.perform(sim, action);
  }

  private setChaos(sim: Simulation, on: boolean): void {
    if (!switchChaos(this.travel!, sim, on)) return;
    this.slow.chaos = on;
    if (on) this.verdictOn = true;
    this.lastVerdictWall = -Infinity;
  }

  /** Asks the checker for a verdict when one is due and the trace changed since the
   * last; its answer rides on a later frame. */
  private maybeAskVerdict(sim: Simulation): void {
    const checker = this.checker;
    if (!this.verdictOn || !checker || this.verdictPending) return;
    const wall = this.env.wallNow();
    if (wall - this.lastVerdictWall < VERDICT_EVERY_MS || this.fed === this.fedAtLastVerdict) return;
    this.lastVerdictWall = wall;
    this.fedAtLastVerdict = this.fed;
    this.verdictPending = true;
    void checker.verdict(sim.now).then(
      (v) => {
        if (checker !== this.checker) return; // a new run started meanwhile
        this.verdictPending = false;
        this.verdictReady = v;
        this.dirty = true;
        this.kick();
      },
      () => {
        if (checker === this.checker) this.verdictPending = false;
      },
    );
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
    this.verdictOn = false;
    this.checker?.dispose();
    this.checker = undefined;
    this.fed = 0;
    this.fedAtLastVerdict = -1;
    this.verdictPending = false;
    this.verdictReady = undefined;
    this.speed = cmd.speed;
    this.dirty = true;
    this.origin = undefined;
    this.feed = undefined;
    this.replayTo = undefined;
    this.viewDiff.reset();
    try {
      if (cmd.scenario !== undefined) {
        // Own names only: `toString` or `__proto__` are not scenarios.
        // A file or link the user brought is a file, whatever it says.
        const builtin = !cmd.fallbackToSetup && Object.hasOwn(this.env.scenarios, cmd.scenario) ? this.env.scenarios[cmd.scenario] : undefined;
        // A bare word that is not a built-in scenario is a wrong name, not a file.
        if (builtin === undefined && !cmd.fallbackToSetup && !/[\n:]/.test(cmd.scenario)) {
          throw new Error(`no built-in scenario "${cmd.scenario}"; expected one of ${Object.keys(this.env.scenarios).join(', ')}`);
        }
        const scenario: Scenario = parseScenario(builtin ?? cmd.scenario);
        this.profile = scenario.setup.profile;
        // A recording replays to its `until` and pauses; playing on goes to the
        // original run's end (liveUntil), or on and on as the page's own runs.
        const recording = isRecording(scenario);
        this.startSim(simulationInit(scenario, { ...(cmd.seed !== undefined ? { seed: cmd.seed } : {}), ...(recording ? { until: scenario.liveUntil ?? Infinity } : {}) }), scenario.setup.topology);
        this.origin = { kind: 'scenario', text: builtin ?? cmd.scenario, ...(cmd.seed !== undefined ? { seed: cmd.seed } : {}) };
        if (scenario.actions && scenario.actions.length > 0) this.feed = new ActionFeed(scenario.actions);
        if (recording) this.replayTo = scenario.until;
      } else {
        const errors = setupErrors(cmd.setup);
        if (errors.length > 0) throw new Error(errors.join('; '));
        this.profile = cmd.setup.profile;
        this.startSim({ seed: cmd.setup.seed, machines: machinesFor(cmd.setup, CHAOS_WORKLOAD, cmd.setup.manifests ?? []), tickMs: profileFor(cmd.setup.profile).tickMs }, cmd.setup.topology);
        this.origin = { kind: 'setup', setup: cmd.setup, workload: CHAOS_WORKLOAD };
      }
      this.driver = this.env.createDriver(cmd.isolation ?? 'shared', (machines) => this.onStall(machines));
      this.slow.reset(cmd.slowMotion ?? this.profile === 'classroom');
      this.booting = true;
      this.bootCursor = 0;
      this.nodesReady.clear();
      this.bootFrames.reset();
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
    this.topology = topology;
    this.sentMarkers = -1;
    this.seeked = undefined;
    this.stepEvent = undefined;
    this.traceDropped = 0;
    this.checker = this.env.createChecker?.({ topology }) ?? new InlineChecker({ topology });
  }

  /** The page keeps the last TRACE_KEEP..2×TRACE_KEEP events; older ones are dropped
   * once every frame has carried them (the whole run stays exportable: wholeTrace). */
  private trimTrace(sim: Simulation): void {
    const keep = this.env.traceKeep ?? TRACE_KEEP;
    if (sim.trace.length <= 2 * keep) return;
    const drop = sim.trace.length - keep;
    this.travel?.scan(sim);
    sim.trace.splice(0, drop); // the coordinator's own reads only: cursor and counters move with it
    this.cursor -= drop;
    this.travel?.trimmed(drop);
    this.bootCursor = Math.max(0, this.bootCursor - drop);
    this.traceDropped += drop;
  }

  /** The whole run as JSON Lines: the window in memory when nothing was dropped, else
   * the run derived again from its log (run-log.ts). */
  private wholeTrace(sim: Simulation): CommandResult {
    if (this.traceDropped === 0) return { ok: true, output: traceToJsonl(sim.trace) };
    if (this.log?.unreplayable) return { ok: false, error: `the whole trace cannot be derived again (${this.log.unreplayable}); the last ${sim.trace.length} events are kept` };
    return { ok: true, output: this.log!.replayJsonl({ window: sim.windowCount, now: sim.now }) };
  }

  /** Whether the boot is over: an etcd leader, and every machine with a kubelet Ready.
   * Then the chosen speed starts from here, and the event log says so. */
  private bootDone(sim: Simulation): boolean {
    const trace = sim.trace;
    for (; this.bootCursor < trace.length; this.bootCursor++) {
      const ev = trace[this.bootCursor]!;
      if (ev.type === 'node.ready') {
        if (ev.ready) this.nodesReady.add(ev.node);
        else this.nodesReady.delete(ev.node);
      }
    }
    if (sim.etcdLeader() === undefined) return false;
    for (const m of sim.machineList()) {
      const kubelet = sim.specOf(m.name)?.processes.some((p) => (p as { kind?: string }).kind === 'kubelet');
      if (kubelet && !this.nodesReady.has(m.name)) return false;
    }
    this.booting = false;
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

  /** The cluster as it was at sim ms `at`, paused (seek.ts). Forward: the live
   * simulation runs on to it. Back: a new one is re-executed from the log and replaces
   * it; what the page accumulated (trace cursor, verdict) starts over from it. */
  private seek(sim: Simulation, at: number): void {
    const travel = this.travel!;
    this.playing = false;
    this.stepEvent = undefined;
    this.replayTo = undefined; // a seek ends a shared link's replay where it is
    if (!(this.driver instanceof InWorkerDriver)) {
      this.notes.push('seeking works with the machines inside the coordinator (the default), not with ?isolation=worker');
      return;
    }
    if (!Number.isFinite(at)) return;
    const to = Math.max(0, Math.min(Math.round(at), travel.endMs, sim.horizon));
    if (to >= sim.now) {
      travel.next = runTo(sim, this.driver.inner, travel.log.actions, travel.next, to, travel.onWindow);
      this.seeked = { to, rebuilt: false };
      return;
    }
    travel.restart();
    const rebuilt = rebuildAt(travel.log, to, travel.onWindow);
    travel.next = rebuilt.next;
    this.sim = rebuilt.sim;
    this.driver = new InWorkerDriver(rebuilt.driver);
    rebuilt.sim.takeReplies(); // answered in the run the first time
    rebuilt.sim.takePacketsForFrame(); // the first packets of the re-execution, long delivered
    this.cursor = 0;
    this.traceDropped = 0;
    this.booting = false;
    this.bootCursor = 0;
    this.seeked = { to, rebuilt: true };
    this.viewDiff.reset(); // the page drops the views it had: send them all again
    this.sentMarkers = -1; // the page starts over: it gets the markers again
    // The verdict starts over from the rebuilt trace.
    this.checker?.dispose();
    this.checker = this.env.createChecker?.({ topology: this.topology }) ?? new InlineChecker({ topology: this.topology });
    this.fed = 0;
    this.fedAtLastVerdict = -1;
    this.verdictPending = false;
    this.verdictReady = undefined;
    this.lastVerdictWall = -Infinity;
    this.verdictOn = travel.log.actions.slice(0, travel.next).some((e) => e.action.kind === 'chaos' && e.action.on);
  }

  /** Runs the windows that end by the paced sim time (all of them at speed 0), for at
   * most the budget; never starts a window that would run past the paced time. */
  private async runForBudget(turnStart: number): Promise<void> {
    const sim = this.sim!;
    const budgetEnd = turnStart + BUDGET_MS;
    // Slow motion began or ended (or used up its allowance): pace from here at the new speed.
    if (!this.booting && this.replayTo === undefined && this.slow.speed(this.speed, sim.now) !== this.pacedSpeed) this.reanchor();
    const speed = this.pacedSpeed;
    const target = this.booting || this.replayTo !== undefined ? Infinity : this.pace.target(this.env.wallNow(), speed);
    let next = sim.nextWindow();
    while (next && next.end <= target && (this.replayTo === undefined || next.t0 < this.replayTo) && this.inbox.length === 0 && this.env.wallNow() < budgetEnd) {
      await this.runOne();
      next = sim.nextWindow();
      if (this.booting && this.bootDone(sim)) break;
      if (this.booting && this.bootFrames.leaderElected(sim.etcdLeader() !== undefined)) {
        this.frameNow = true;
        break;
      }
      // An election just began or ended: the next turn paces at the other speed (a
      // replay to a shared moment runs as fast as possible, slow motion or not).
      if (!this.booting && this.slow.update(sim.facts.electing(), sim.now) && this.replayTo === undefined) return;
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
    const views = await this.driver.views(sim.upMachines());
    this.slow.noteViews(views);
    const events = sim.trace.slice(this.cursor);
    this.cursor = sim.trace.length;
    if (events.length > 0) {
      this.checker?.feed(events);
      this.fed += events.length;
    }
    this.trimTrace(sim);
    const replies = [...this.takeHostReplies(), ...sim.takeReplies().map((r) => ({ id: r.id, result: r.result }))];
    this.maybeAskVerdict(sim);
    const verdict = this.verdictReady;
    this.verdictReady = undefined;
    if (verdict) this.travel!.verdict(sim, verdict);
    const notes = this.notes;
    this.notes = [];
    const banner = this.banner;
    this.banner = undefined;
    const error = this.error ?? banner;
    this.travel!.scan(sim);
    const timeline = this.timelineView(sim);
    const seeked = this.seeked;
    this.seeked = undefined;
    const built = buildFrame(sim, views, { playing: this.playing || this.stepEvent !== undefined, speed: this.speed, events, replies, notes, profile: this.profile, chaos: sim.chaosOn, slowMotion: this.slow.frameField(this.speed, sim.now), ...(verdict ? { verdict } : {}), ...(error ? { error } : {}) });
    const out = { ...built, machines: this.viewDiff.mark(built.machines) };
    this.lastFrame = out;
    this.env.post({ ...out, timeline, ...(seeked ? { seeked } : {}) });
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
      seekable: this.driver instanceof InWorkerDriver,
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
