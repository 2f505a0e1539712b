// The coordinator worker's logic, without the worker: takes UiCommands, runs lockstep
// windows through an async machine driver, paces them by wall time and the speed
// factor, and posts Frames (at most one per ~16 ms). The only place that reads wall
// time; it reaches it through CoordinatorEnv, so Node tests drive it with fakes.

import { routeConsoleLine } from './console-route';
import { buildFrame } from '../cluster/frame';
import { parseScenario, simulationInit, type Scenario } from '../cluster/scenario';
import { CLIENT_MACHINE, machinesFor, setupErrors } from '../cluster/setup';
import { Simulation } from '../cluster/simulation';
import { profileFor } from '../cluster/profiles';
import type { AsyncMachineDriver } from '../cluster/window';
import type { Profile, UiCommand } from '../protocol/commands';
import type { Frame } from '../protocol/frames';
import type { CommandResult } from '../sim/process';
import { traceToJsonl } from './jsonl';
import { liveVerdict, type Verdict } from '../check/verdict';
import type { WorkloadSetup } from '../cluster/specs';

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
  createDriver(): AsyncMachineDriver;
  /** Built-in scenarios by name (file text). */
  readonly scenarios: Readonly<Record<string, string>>;
}

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
  private anchor = { wall: 0, sim: 0 };
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
  private verdictTraceLen = -1;
  private nextInternalId = -1;

  constructor(private readonly env: CoordinatorEnv) {}

  handle(cmd: UiCommand): void {
    this.inbox.push(cmd);
    this.kick();
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
        sim.apply({ kind: cmd.type, target: cmd.machine }, 'ui');
        break;
      case 'heal':
        sim.apply(cmd.machine ? { kind: 'heal', target: cmd.machine } : { kind: 'heal' }, 'ui');
        break;
      case 'kv':
        sim.command(CLIENT_MACHINE, 'console', cmd.id, { f: cmd.f, key: cmd.key, ...(cmd.value !== undefined ? { value: cmd.value } : {}), ...(cmd.endpoint ? { endpoint: cmd.endpoint } : {}) });
        break;
      case 'console': {
        const { process, line } = routeConsoleLine(cmd.line);
        sim.command(CLIENT_MACHINE, process, cmd.id, { line, ...(process === 'kubectl' && cmd.stdin !== undefined ? { stdin: cmd.stdin } : {}) });
        break;
      }
      case 'chaos':
        this.setChaos(sim, cmd.on);
        break;
      case 'trace':
        this.hostReplies.push({ id: cmd.id, result: { ok: true, output: traceToJsonl(sim.trace) } });
        break;
    }
    this.dirty = true;
  }

  private setChaos(sim: Simulation, on: boolean): void {
    if (on ? !sim.startChaos() : !sim.stopChaos()) return;
    const workloads = (sim.specOf(CLIENT_MACHINE)?.processes ?? []).map((p) => p as { kind?: string; name?: string }).filter((p) => p.kind === 'kv-workload').map((p) => p.name!);
    for (const name of workloads) sim.command(CLIENT_MACHINE, name, this.nextInternalId--, { rate: on ? CHAOS_RATE / workloads.length : 0 });
    if (on) this.verdictOn = true;
    this.lastVerdictWall = -Infinity;
  }

  /** The verdict, when it is due and the trace changed since the last one. */
  private maybeVerdict(sim: Simulation): Verdict | undefined {
    if (!this.verdictOn) return undefined;
    const wall = this.env.wallNow();
    if (wall - this.lastVerdictWall < VERDICT_EVERY_MS || sim.trace.length === this.verdictTraceLen) return undefined;
    this.lastVerdictWall = wall;
    this.verdictTraceLen = sim.trace.length;
    return liveVerdict(sim.trace, sim.now);
  }

  private start(cmd: Extract<UiCommand, { type: 'start' }>): void {
    this.driver?.dispose();
    this.driver = undefined;
    this.sim = undefined;
    this.error = undefined;
    this.cursor = 0;
    this.stepRequested = false;
    this.verdictOn = false;
    this.verdictTraceLen = -1;
    this.speed = cmd.speed;
    this.dirty = true;
    try {
      if (cmd.scenario !== undefined) {
        const builtin = this.env.scenarios[cmd.scenario];
        // A bare word that is not a built-in scenario is a wrong name, not a file.
        if (builtin === undefined && !/[\n:]/.test(cmd.scenario)) {
          throw new Error(`no built-in scenario "${cmd.scenario}"; expected one of ${Object.keys(this.env.scenarios).join(', ')}`);
        }
        const scenario: Scenario = parseScenario(builtin ?? cmd.scenario);
        this.profile = scenario.setup.profile;
        this.sim = new Simulation(simulationInit(scenario, cmd.seed !== undefined ? { seed: cmd.seed } : {}));
      } else {
        const errors = setupErrors(cmd.setup);
        if (errors.length > 0) throw new Error(errors.join('; '));
        this.profile = cmd.setup.profile;
        this.sim = new Simulation({ seed: cmd.setup.seed, machines: machinesFor(cmd.setup, CHAOS_WORKLOAD, cmd.setup.manifests ?? []), tickMs: profileFor(cmd.setup.profile).tickMs });
      }
      this.driver = this.env.createDriver();
      this.playing = cmd.playing;
      this.reanchor();
    } catch (e) {
      this.playing = false;
      this.error = (e as Error).message;
    }
  }

  private reanchor(): void {
    this.anchor = { wall: this.env.wallNow(), sim: this.sim?.now ?? 0 };
  }

  private async runOne(): Promise<void> {
    const plan = this.sim!.planWindow();
    if (!plan) return;
    const outputs = await this.driver!.runWindow(plan);
    this.sim!.commitWindow(plan, outputs);
  }

  /** Runs the windows that end by the paced sim time (all of them at speed 0), for at
   * most the budget; never starts a window that would run past the paced time. */
  private async runForBudget(turnStart: number): Promise<void> {
    const sim = this.sim!;
    const budgetEnd = turnStart + BUDGET_MS;
    const target = this.speed === 0 ? Infinity : this.anchor.sim + (this.env.wallNow() - this.anchor.wall) * this.speed;
    let next = sim.nextWindow();
    while (next && next.end <= target && this.inbox.length === 0 && this.env.wallNow() < budgetEnd) {
      await this.runOne();
      next = sim.nextWindow();
    }
    if (!next) {
      sim.idleUntil(sim.horizon); // the clock shows the scenario's end
      this.playing = false;
      this.dirty = true;
      return;
    }
    if (Number.isFinite(target)) {
      // Behind (the machines cannot keep up with this speed): drop the debt rather than
      // racing to catch up; otherwise show the clock moving through idle time.
      if (next.end <= target) this.reanchor();
      else sim.idleUntil(Math.floor(target)); // the sim clock is integer ms
    }
  }

  private async postFrame(): Promise<void> {
    this.dirty = false;
    this.lastFrameWall = this.env.wallNow();
    const sim = this.sim;
    if (!sim || !this.driver) {
      this.env.post({
        now: 0, playing: false, speed: this.speed, machines: [], packets: [], events: [], cut: [],
        replies: this.takeHostReplies(), finished: false, ...(this.error ? { error: this.error } : {}),
      });
      return;
    }
    const views = await this.driver.views(sim.upMachines());
    const events = sim.trace.slice(this.cursor);
    this.cursor = sim.trace.length;
    // Negative ids are the coordinator's own commands (the chaos workload's rate).
    const replies = [...this.takeHostReplies(), ...sim.takeReplies().filter((r) => r.id >= 0).map((r) => ({ id: r.id, result: r.result }))];
    const frame = buildFrame(sim, views, { playing: this.playing, speed: this.speed, events, replies });
    const verdict = this.maybeVerdict(sim);
    this.env.post({ ...frame, profile: this.profile, chaos: sim.chaosOn, ...(verdict ? { verdict } : {}), ...(this.error ? { error: this.error } : {}) });
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
    this.env.post({
      now: this.sim?.now ?? 0, playing: false, speed: this.speed, machines: [], packets: [], events: [], cut: [],
      replies: this.takeHostReplies(), finished: false, error: this.error,
    });
    this.sim = undefined;
  }
}
