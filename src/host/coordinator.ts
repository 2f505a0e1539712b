// The coordinator worker's logic, without the worker: takes UiCommands, runs lockstep
// windows through an async machine driver (the run loop: coordinator-runs.ts; seeks:
// coordinator-seeks.ts), paces them by wall time and the speed factor, and posts Frames
// (at most one per ~16 ms). The only place that reads wall time; it reaches it through
// CoordinatorEnv, so Node tests drive it with fakes.

import { buildFrame, frameWithoutCluster } from '../coordinator/frame';
import { ScenarioError } from '../cluster/scenario';
import { Simulation, type SimulationInit } from '../coordinator/simulation';
import { RunLog } from './run-log';
import { setsPlayState, type Profile, type UiCommand } from '../protocol/commands';
import type { Frame } from '../protocol/frames';
import type { CommandResult } from '../sim/process';
import { STALL_MS } from './stall-ms';
import { FrameGate } from './frame-gate';
import { switchChaos, type RunOrigin } from './recording';
import { loggedActionOf } from './ui-actions';
import { recordingReply, wholeTraceReply } from './run-export';
import { InWorkerDriver } from './in-worker-driver';
import { TimeTravel } from './seek';
import { SeekControl } from './seek-control';
import { CoordinatorSeeks } from './coordinator-seeks';
import { MAX_SEEK_EVENTS } from '../protocol/frames';
import { StepToEvent } from './step-event';
import type { LoggedAction } from './run-log';
import { resolveStart } from './run-start';
import { needsLazyParts } from './lazy-console';

export { TRACE_KEEP, type CoordinatorEnv } from './coordinator-env';

/** At most one frame per this many wall ms (one animation frame). */
const FRAME_MS = 16;
/** ...while playing as fast as possible: each frame costs the simulation's worker every
 * machine's views and their diff, and the page's threads (decode, store, React, paint)
 * run on the same two cores as the worker; at "max" nobody follows a cluster frame by
 * frame, and 20 frames a second leave the simulation the CPU it needs to keep up with
 * the headless rate (docs/performance.md). */
export const MAX_SPEED_FRAME_MS = 50;
/** Commands that do not wait for a rebuild in progress: they do not act on the cluster. */
const WAITLESS = new Set<UiCommand['type']>(['seek', 'pause', 'speed', 'slow-motion']);

export class Coordinator extends CoordinatorSeeks {
  private profile: Profile = 'classroom';
  private pumping = false;
  private timerArmed = false;
  private stepRequested = false;
  private lastFrameWall = -Infinity;
  private hostReplies: { id: number; result: CommandResult }[] = [];
  private error: string | undefined;
  /** The run's start and UI actions, to derive the whole trace again. */
  private log: RunLog | undefined;
  /** What the run started from, and a file's actions still to come (recording.ts). */
  private origin: RunOrigin | undefined;
  /** Said once, on the next frame: a bad file that gave way to the default cluster. */
  private banner: string | undefined;
  /** The file's line the start's error is about, when known. */
  private errorLine: number | undefined;
  /** No new frame while the page has not drawn the last one (frame-gate.ts). */
  private readonly frameGate = new FrameGate();
  /** Commands taken that set playing or paused (Frame.heard). */
  private heard = 0;


  handle(cmd: UiCommand): void {
    if (cmd.type === 'frame-drawn') {
      this.frameGate.drawn();
      return this.kick();
    }
    // A kill or restart of a machine the window in flight waits for is not queued behind
    // it: the machine dies now, and the window completes without it.
    if ((cmd.type === 'kill' || cmd.type === 'restart') && this.stalled?.machines.includes(cmd.machine) && this.driver?.abandon?.(cmd.machine) && this.log) {
      this.log.unreplayable = `${cmd.machine} was killed inside a window its worker never answered`;
    }
    this.inbox.push(cmd);
    this.kick();
  }

  private lastFrame: Frame | undefined;

  private onStall(machines: readonly string[]): void {
    const wall = this.env.wallNow();
    this.stalled = { machines, since: this.stalled?.since ?? wall - STALL_MS };
    if (!this.lastFrame) return;
    // The last picture, marked: the clock must not say "running" while nothing runs.
    this.post({ ...this.lastFrame, events: [], replies: [], packets: [], verdict: undefined, stalled: { machines, waitingMs: Math.round(wall - this.stalled.since) } });
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
          const wall = this.env.wallNow();
          const since = wall - this.lastFrameWall;
          // Few frames while booting, and the one with the first leader at once, past
          // the frame gate too (boot-frames.ts).
          const fast = this.runsFlatOut();
          // (With ?isolation=worker the view history's moments come from the frames: they
          // keep their pace there.)
          const fewer = fast && !this.boot.booting && this.replayTo === undefined && this.driver instanceof InWorkerDriver;
          const gap = this.bootFrames.gap(this.boot.booting, fewer ? MAX_SPEED_FRAME_MS : FRAME_MS);
          if (since < gap && !this.frameNow) {
            // No frame due yet. A run going as fast as it can goes on at once: waiting
            // for the frame here idled the worker for the rest of the gap after every
            // turn (4 of every 28 ms at "max", 16 of every 28 ms while booting).
            this.arm(fast ? 0 : Math.min(FRAME_MS, gap - since));
            return;
          }
          if (this.frameNow || this.frameGate.open(wall)) {
            this.frameNow = false;
            await this.postFrame();
          }
          else if (!this.playing && !this.stepEvent && !this.seekCtl?.rebuild) {
            // Paused: the page's 'frame-drawn' kicks the next turn, or the wait runs out
            // (a seek's rebuild goes on meanwhile: its frame waits, its slices do not).
            this.arm(this.frameGate.waitMs(wall));
            return;
          }
        }
        if (this.inbox.length > 0) continue;
        if (this.stepEvent || this.seekCtl?.rebuild) this.arm(0);
        // A run going as fast as it can goes on at once after a frame too: while booting at
        // a paced speed, this waited for the rest of FRAME_MS (a timer, 4-16 ms) after each
        // frame on the way to the first leader.
        else if (this.playing) this.arm(this.runsFlatOut() ? 0 : Math.max(1, FRAME_MS - (this.env.wallNow() - turnStart)));
        return;
      }
    } catch (e) {
      this.fail(e);
    }
  }

  /** Playing with windows waiting to run now, not at a later wall time: the boot, a
   * shared link's replay, "max". (A seek's rebuild and "step to the next event" keep
   * their own pace: seek-control.ts, step-event.ts.) */
  private runsFlatOut(): boolean {
    return this.sim !== undefined && !this.seekCtl?.rebuild && !this.stepEvent && this.playing && (this.boot.booting || this.replayTo !== undefined || this.pacedSpeed === 0);
  }

  private async apply(cmd: UiCommand): Promise<void> {
    if (needsLazyParts(cmd) && this.env.loadYaml) await this.env.loadYaml();
    if (cmd.type === 'start') return this.start(cmd);
    if (setsPlayState(cmd)) this.heard++;
    // Acting waits for the exact cluster a seek is rebuilding.
    if (this.seekCtl?.rebuild && !WAITLESS.has(cmd.type)) this.landRebuild(this.seekCtl.slice(() => true)!);
    const sim = this.sim;
    if (!sim) {
      if ('id' in cmd) this.hostReplies.push({ id: cmd.id, result: { ok: false, error: 'no cluster is running' } });
      this.dirty = true;
      return;
    }
    const action = loggedActionOf(cmd);
    if (action) this.perform(sim, action);
    switch (cmd.type) {
      case 'play':
        if (!sim.finished) this.playing = true;
        this.reanchor();
        break;
      case 'pause':
        this.playing = false;
        this.stepEvent = undefined; // "to the next event" runs as playing: Pause stops it too
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
      case 'chaos':
        this.setChaos(sim, cmd.on);
        break;
      case 'trace':
        this.hostReplies.push({ id: cmd.id, result: wholeTraceReply(sim, this.log, this.traceDropped) });
        break;
      case 'export':
        this.hostReplies.push({ id: cmd.id, result: recordingReply(this.origin, this.log, sim) });
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
    this.seekCtl = undefined; // a rebuild of the old run must not land in the new one
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
    this.seekCtl = new SeekControl(this.travel);
    this.topology = topology;
    this.sentMarkers = -1;
    this.seeked = undefined;
    this.stepEvent = undefined;
    this.traceDropped = 0;
    this.verdict.restart(topology, false);
  }

  private async postFrame(): Promise<void> {
    this.dirty = false;
    this.lastFrameWall = this.env.wallNow();
    const sim = this.sim;
    if (!sim || !this.driver) {
      this.viewDiff.reset();
      this.post(frameWithoutCluster({ playing: false, speed: this.speed, events: [], replies: this.takeHostReplies(), ...(this.error ? { error: this.error } : {}) }));
      return;
    }
    const ctl = this.seekCtl!;
    if (ctl.preview) return this.postPreview(ctl);
    if (ctl.rebuild) return; // the preview stays until the rebuild lands
    const views = await this.driver.views(sim.upMachines());
    this.slow.noteViews(views);
    // (At "max" the grain's moments come from the frames too: coordinator-runs.ts.)
    if (!(this.driver instanceof InWorkerDriver) || this.momentsWithFrames()) ctl.capture(sim, this.traceDropped, () => views);
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
    this.env.post({ ...out, timeline, heard: this.heard, ...(seeked ? { seeked } : {}) });
    this.frameGate.posted(this.lastFrameWall);
  }

  /** The moment the view history kept for a seek, shown while the exact cluster is
   * rebuilt behind it: what the page showed live at that sim time. */
  private postPreview(ctl: SeekControl): void {
    const frame = ctl.takePreviewFrame(this.viewDiff, { speed: this.speed, profile: this.profile, replies: this.takeHostReplies(), timeline: this.timelineView(this.sim!) });
    this.lastFrame = frame;
    this.post(frame);
    this.frameGate.posted(this.lastFrameWall);
  }

  /** Every frame says how many play-state commands it has heard (Frame.heard). */
  private post(frame: Frame): void {
    this.env.post({ ...frame, heard: this.heard });
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
    this.post(frameWithoutCluster({ now: this.sim?.now ?? 0, playing: false, speed: this.speed, events: [], replies: this.takeHostReplies(), error: this.error }));
    this.sim = undefined;
  }
}
