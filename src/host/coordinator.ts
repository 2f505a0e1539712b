// The coordinator worker's logic, without the worker: takes UiCommands, runs lockstep
// windows through an async machine driver, paces them by wall time and the speed
// factor, and posts Frames (at most one per ~16 ms). The only place that reads wall
// time; it reaches it through CoordinatorEnv, so Node tests drive it with fakes.

import { dispatchConsole } from '../shell/dispatch';
import { buildFrame, frameWithoutCluster } from '../coordinator/frame';
import { ViewDiff } from '../coordinator/view-diff';
import { parseScenario, simulationInit, type Scenario } from '../cluster/scenario';
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
import { InlineChecker, type LiveChecker, type Verdict } from '../check/live-verdict';
import type { WorkloadSetup } from '../cluster/process-specs';

/** The page's clusters carry an idle KV workload that the chaos switch turns on, so
 * the verdict has a history to check (like Jepsen's clients, a separate etcd client). */
const CHAOS_WORKLOAD: WorkloadSetup = { clients: 3, keys: 3, ratePerSec: 0, ops: ['put', 'get', 'cas'] };
/** Total operations per second while chaos runs. */
const CHAOS_RATE = 12;
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
  private notes: string[] = [];
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
        } else if (this.sim && this.playing) {
          await this.runForBudget(turnStart);
        }
        if (this.inbox.length > 0) continue;
        if (this.dirty || this.playing) {
          const since = this.env.wallNow() - this.lastFrameWall;
          if (since >= FRAME_MS) await this.postFrame();
          else {
            this.arm(FRAME_MS - since);
            return;
          }
        }
        if (this.inbox.length > 0) continue;
        if (this.playing) this.arm(this.speed === 0 ? 0 : Math.max(1, FRAME_MS - (this.env.wallNow() - turnStart)));
        return;
      }
    } catch (e) {
      this.fail(e);
    }
  }

  private async apply(cmd: UiCommand): Promise<void> {
    if ((cmd.type === 'console' || (cmd.type === 'start' && cmd.scenario !== undefined)) && this.env.loadYaml) await this.env.loadYaml();
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
      case 'kill':
      case 'restart':
      case 'isolate':
        this.log!.perform(sim, { kind: 'apply', fault: { kind: cmd.type, target: cmd.machine }, via: 'ui' });
        break;
      case 'heal':
        this.log!.perform(sim, { kind: 'apply', fault: cmd.machine ? { kind: 'heal', target: cmd.machine } : { kind: 'heal' }, via: 'ui' });
        break;
      case 'kv':
        this.log!.perform(sim, { kind: 'command', machine: CLIENT_MACHINE, process: 'console', id: cmd.id, command: { f: cmd.f, key: cmd.key, ...(cmd.value !== undefined ? { value: cmd.value } : {}), ...(cmd.endpoint ? { endpoint: cmd.endpoint } : {}) } });
        break;
      case 'console':
        // The shell (src/shell) picks the program, or answers itself ("command not
        // found"); the simulation runs it as a scenario's step and traces it.
        this.log!.perform(sim, { kind: 'console', line: cmd.stdin !== undefined ? `${cmd.line}\n${cmd.stdin}` : cmd.line, id: cmd.id, route: dispatchConsole(cmd.line, cmd.stdin) });
        break;
      case 'chaos':
        this.setChaos(sim, cmd.on);
        break;
      case 'trace':
        this.hostReplies.push({ id: cmd.id, result: this.wholeTrace(sim) });
        break;
    }
    this.dirty = true;
  }

  private setChaos(sim: Simulation, on: boolean): void {
    if (!this.log!.perform(sim, { kind: 'chaos', on })) return;
    const workloads = (sim.specOf(CLIENT_MACHINE)?.processes ?? []).map((p) => p as { kind?: string; name?: string }).filter((p) => p.kind === 'kv-workload').map((p) => p.name!);
    for (const name of workloads) this.log!.perform(sim, { kind: 'tell', machine: CLIENT_MACHINE, process: name, command: { rate: on ? CHAOS_RATE / workloads.length : 0 } });
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

  private start(cmd: Extract<UiCommand, { type: 'start' }>): void {
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
    this.viewDiff.reset();
    try {
      if (cmd.scenario !== undefined) {
        // Own names only: `toString` or `__proto__` are not scenarios.
        const builtin = Object.hasOwn(this.env.scenarios, cmd.scenario) ? this.env.scenarios[cmd.scenario] : undefined;
        // A bare word that is not a built-in scenario is a wrong name, not a file.
        if (builtin === undefined && !/[\n:]/.test(cmd.scenario)) {
          throw new Error(`no built-in scenario "${cmd.scenario}"; expected one of ${Object.keys(this.env.scenarios).join(', ')}`);
        }
        const scenario: Scenario = parseScenario(builtin ?? cmd.scenario);
        this.profile = scenario.setup.profile;
        this.startSim(simulationInit(scenario, cmd.seed !== undefined ? { seed: cmd.seed } : {}), scenario.setup.topology);
      } else {
        const errors = setupErrors(cmd.setup);
        if (errors.length > 0) throw new Error(errors.join('; '));
        this.profile = cmd.setup.profile;
        this.startSim({ seed: cmd.setup.seed, machines: machinesFor(cmd.setup, CHAOS_WORKLOAD, cmd.setup.manifests ?? []), tickMs: profileFor(cmd.setup.profile).tickMs }, cmd.setup.topology);
      }
      this.driver = this.env.createDriver(cmd.isolation ?? 'shared', (machines) => this.onStall(machines));
      this.booting = true;
      this.bootCursor = 0;
      this.nodesReady.clear();
      this.playing = cmd.playing;
      this.reanchor();
    } catch (e) {
      this.playing = false;
      this.error = (e as Error).message;
    }
  }

  private startSim(init: SimulationInit, topology: 'stacked' | 'external'): void {
    this.sim = new Simulation(init);
    this.log = new RunLog(init);
    this.traceDropped = 0;
    this.checker = this.env.createChecker?.({ topology }) ?? new InlineChecker({ topology });
  }

  /** The page keeps the last TRACE_KEEP..2×TRACE_KEEP events; older ones are dropped
   * once every frame has carried them (the whole run stays exportable: wholeTrace). */
  private trimTrace(sim: Simulation): void {
    const keep = this.env.traceKeep ?? TRACE_KEEP;
    if (sim.trace.length <= 2 * keep) return;
    const drop = sim.trace.length - keep;
    sim.trace.splice(0, drop); // the coordinator's own reads only: cursor and counters move with it
    this.cursor -= drop;
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
    this.pace.reanchor(this.env.wallNow(), this.sim?.now ?? 0);
  }

  private async runOne(): Promise<void> {
    const plan = this.sim!.planWindow();
    if (!plan) return;
    const outputs = await this.driver!.runWindow(plan);
    this.sim!.commitWindow(plan, outputs);
    this.stalled = undefined;
  }

  /** Runs the windows that end by the paced sim time (all of them at speed 0), for at
   * most the budget; never starts a window that would run past the paced time. */
  private async runForBudget(turnStart: number): Promise<void> {
    const sim = this.sim!;
    const budgetEnd = turnStart + BUDGET_MS;
    const target = this.booting ? Infinity : this.pace.target(this.env.wallNow(), this.speed);
    let next = sim.nextWindow();
    while (next && next.end <= target && this.inbox.length === 0 && this.env.wallNow() < budgetEnd) {
      await this.runOne();
      next = sim.nextWindow();
      if (this.booting && this.bootDone(sim)) break;
    }
    if (!next) {
      sim.idleUntil(sim.horizon); // the clock shows the scenario's end
      this.playing = false;
      this.dirty = true;
      return;
    }
    if (Number.isFinite(target)) {
      // Behind: keep the debt, so the next turns catch up (at most MAX_DEBT_WALL_MS of
      // it); otherwise show the clock moving through idle time.
      if (next.end <= target) this.pace.behind(sim.now, this.env.wallNow(), this.speed);
      else sim.idleUntil(Math.floor(target)); // the sim clock is integer ms
    }
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
    const notes = this.notes;
    this.notes = [];
    const built = buildFrame(sim, views, { playing: this.playing, speed: this.speed, events, replies, notes, profile: this.profile, chaos: sim.chaosOn, ...(verdict ? { verdict } : {}), ...(this.error ? { error: this.error } : {}) });
    const out = { ...built, machines: this.viewDiff.mark(built.machines) };
    this.lastFrame = out;
    this.env.post(out);
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
