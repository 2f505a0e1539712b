// The coordinator core, used by both hosts: the virtual clock, the event queues, the
// network, every machine's authoritative disk, and the trace. One class on purpose: the
// lockstep and the UI's reads share its queues and machine records. Beside it: its
// shapes and commit helpers (simulation-types.ts), the machines' input queue
// (machine-inbox.ts) and a window's batches (window-inputs.ts), commands to processes
// and their answers (command-desk.ts), the chaos blocks (chaos-runs.ts). What acts on
// the cluster gets one narrow interface, ClusterControl (cluster-control.ts): applying faults (apply-fault.ts), the operator's
// part of membership changes and restores (operator.ts), chaos (faults.ts). What the
// trace says (roles, lease holders, member hosts) is TraceFacts (trace-facts.ts); the
// packets a frame animates are the PacketFeed (packet-feed.ts).
//
// Lockstep (why the browser and Node give byte-identical traces): a window starts at
// the earliest queued time t0. Coordinator events at t0 (faults, UI actions, chaos) are
// applied first. The window then runs to end = t0 + the network's minimum latency (or
// the next coordinator event, or the horizon), and every machine input with t < end is
// handed to its machine. Nothing sent in the window can arrive in it, so machines can
// run the window independently (in parallel workers) and the coordinator commits their
// outputs in machine-name order: that order, never the workers' answer order, decides
// packet ids, network draws, queue order and trace order.

import type { TraceEvent } from '../protocol/trace';
import type { Disk } from '../sim/disk';
import type { MachineOutput } from '../sim/machine';
import { Network, type NetworkConditions } from '../sim/net';
import type { Packet } from '../sim/packet';
import type { MachineSpec } from '../sim/process';
import type { ConsoleRoute } from '../protocol/commands';
import { Rng } from '../sim/rng';
import { EventQueue } from './event-queue';
import { WindowInputs } from './window-inputs';
import { MachineInbox } from './machine-inbox';
import type { Fault } from './faults';
import { applyFault } from './apply-fault';
import type { ClusterControl } from './cluster-control';
import { TraceFacts } from './trace-facts';
import { PacketFeed } from './packet-feed';
import { Operator } from './operator';
import { MachineTable } from './machine-table';
import { ChaosRuns } from './chaos-runs';
import { CLIENT, CommandDesk } from './command-desk';
import { NO_KILLS, nextAfter, sortedByTime, type CommandReply, type CoordEvent, type DistributiveOmit, type InFlight, type SimulationInit } from './simulation-types';
import type { SyncMachineDriver, WindowOutputs, WindowPlan } from './window';
import { clearArray } from '../sim/clear-array';

export type { SimulationInit, CommandReply, InFlight } from './simulation-types';

export class Simulation {
  readonly seed: number;
  readonly horizon: number;
  readonly tickMs: number;
  readonly network: Network;
  private readonly startConditions: NetworkConditions;
  /** Every event so far, in trace order. */
  readonly trace: TraceEvent[] = [];

  private readonly rng: Rng;
  /** The machines: records, spec order, name order (machine-table.ts). */
  private readonly machines: MachineTable;
  private readonly operator: Operator;
  /** Roles, lease holders and member hosts, from the trace as it is recorded. */
  readonly facts = new TraceFacts();
  /** The packets the next frame animates. */
  private readonly packetFeed = new PacketFeed();
  /** What faults, chaos and the operator may do (cluster-control.ts). */
  private readonly control: ClusterControl;
  /** Commands to processes and their answers (command-desk.ts). */
  private readonly desk: CommandDesk;
  /** The machines' queued inputs (machine-inbox.ts). */
  private readonly inbox: MachineInbox;
  private readonly coordQ = new EventQueue<CoordEvent>();
  /** Scratch of commitWindow (one window at a time): the window's trace events and the
   * copies of one packet the network delivers. */
  private readonly windowEvents: TraceEvent[] = [];
  private readonly delivered: Packet[] = [];
  /** The machines the window being planned has inputs or a boot for. */
  private readonly inputs = new WindowInputs();
  private readonly chaos: ChaosRuns;
  private seq = 0;
  private windows = 0;
  private pending: WindowPlan | undefined;
  private kills: readonly string[] = NO_KILLS;
  private nowMs = 0;
  private windowEndMs = 0;

  constructor(init: SimulationInit) {
    this.seed = init.seed >>> 0;
    this.horizon = init.horizon ?? Infinity;
    this.tickMs = init.tickMs ?? 100;
    this.rng = new Rng(this.seed);
    this.network = new Network(this.rng.fork('network'), init.network);
    this.startConditions = { ...this.network.conditions };
    this.machines = new MachineTable(init.machines);
    this.inbox = new MachineInbox(() => this.seq++, (name) => this.machines.get(name), this.network, this.tickMs);
    for (const spec of init.machines) {
      for (const p of spec.processes as { kind?: string; member?: string }[]) {
        if (p.kind === 'etcd' && typeof p.member === 'string') this.facts.memberMoved(p.member, spec.name);
      }
    }
    this.control = {
      now: () => this.nowMs,
      network: this.network,
      machines: () => this.machines.order,
      kindOf: (m) => this.machines.get(m)?.spec.kind,
      isUp: (m) => this.isUp(m),
      diskOf: (m) => this.machines.get(m)?.disk,
      crash: (m) => this.crash(m),
      boot: (m) => this.boot(m),
      install: (spec) => this.machines.install(spec),
      retire: (m) => this.machines.retire(m),
      record: (ev) => this.record(ev),
      apply: (fault, via) => this.apply(fault, via),
      tell: (machine, process, command) => this.desk.tell(machine, process, command),
      operatorLine: (line) => {
        if (this.isUp(CLIENT)) this.desk.issue(this.machines.get(CLIENT)!, 'console', undefined, { line });
      },
      etcdVoters: () => this.operator.voters,
      facts: this.facts,
    };
    this.operator = new Operator(init.machines, this.control);
    this.desk = new CommandDesk({ now: () => this.nowMs, machine: (name) => this.machines.get(name), push: (rec, input) => this.inbox.push(rec, rec.bootCount, input), record: (ev) => this.record(ev) });

    this.pushCoord({ kind: 'boot-all' }, 0);
    for (const f of init.faults ?? []) this.pushCoord({ kind: 'fault', fault: f.fault }, f.at);
    for (const s of init.steps ?? []) this.pushCoord({ kind: 'step', step: s.step }, s.at);
    this.chaos = new ChaosRuns(init.chaos ?? [], this.rng, this.control, (e, t) => this.pushCoord(e, t));
  }

  /** The page's chaos switch: crashes, restarts, partitions and some loss every
   * `everyMs`, never more crashes than the etcd cluster tolerates, until stopChaos(). */
  startChaos(everyMs = 2500, at = this.nowMs): boolean {
    return this.chaos.startLive(everyMs, at);
  }

  /** Ends the live chaos with a liveness phase: heal, restore loss, boot what is down. */
  stopChaos(at = this.nowMs): boolean {
    return this.chaos.stopLive(at);
  }

  get chaosOn(): boolean {
    return this.chaos.liveOn;
  }

  // ---- the clock and the windows -------------------------------------------------

  /** Sim time up to which everything has run (the end of the last window). */
  get now(): number {
    return this.nowMs;
  }

  get windowCount(): number {
    return this.windows;
  }

  /** The end of the last committed window (the clock may have idled past it). */
  get lastWindowEnd(): number {
    return this.windowEndMs;
  }

  /** The next window's start and (unless a fault at its start changes the latency) its
   * end; undefined when nothing is left before the horizon. */
  nextWindow(): { t0: number; end: number } | undefined {
    const t0 = this.nextStart();
    if (t0 >= this.horizon) return undefined;
    return { t0, end: this.windowEnd(t0) };
  }

  /** The run reached its horizon (or has nothing left to do). */
  get finished(): boolean {
    return this.nextStart() >= this.horizon;
  }

  private nextStart(): number {
    const c = this.coordQ.peek();
    return Math.min(this.inbox.nextTime(), c === undefined ? Infinity : c.t);
  }

  /** Applies the coordinator events at t0 and gathers the window's inputs. The caller
   * runs the batches (after the kills) and passes the outputs to commitWindow. */
  planWindow(before = Infinity): WindowPlan | undefined {
    if (this.pending) throw new Error(`window ${this.pending.n} is still being run`);
    const t0 = this.nextStart();
    if (t0 >= this.horizon || t0 >= before) return undefined;
    this.nowMs = t0;
    while (this.coordQ.peek()?.t === t0) this.applyCoord(this.coordQ.pop()!);
    const end = this.windowEnd(t0);

    this.inbox.gather(end, this.inputs);
    const batches = this.inputs.take(this.machines, this.seed, t0);
    const plan: WindowPlan = { n: ++this.windows, t0, end, kills: this.kills, batches };
    this.kills = NO_KILLS;
    this.pending = plan;
    return plan;
  }

  /** Commits a window's outputs in machine-name order, whatever order they arrived in. */
  commitWindow(plan: WindowPlan, outputs: WindowOutputs): void {
    if (this.pending !== plan) throw new Error(`commitWindow: window ${plan.n} is not the one being run`);
    this.pending = undefined;
    const events = this.windowEvents;
    clearArray(events);
    // Indexed loops: the window's arrays are walked for every window.
    const batches = plan.batches;
    for (let b = 0; b < batches.length; b++) {
      const batch = batches[b]!;
      const out: MachineOutput | undefined = outputs.get(batch.machine);
      if (!out) throw new Error(`commitWindow: no output from ${batch.machine} for window ${plan.n}`);
      const m = this.machines.get(batch.machine)!;
      if (out.diskOps.length > 0) m.disk.apply(out.diskOps);
      const packets = out.packets;
      for (let k = 0; k < packets.length; k++) {
        const p = packets[k]!;
        const dst = this.machines.get(p.dst.host);
        if (!dst) continue; // no such host: nothing answers
        const delivered = this.network.routeInto(p, this.delivered);
        for (let i = 0; i < delivered; i++) {
          const packet = this.delivered[i]!;
          this.inbox.deliver(packet, dst);
          this.packetFeed.noteSent(packet);
        }
        if (delivered === 0) this.inbox.sendFailed(p, plan.end); // cut or lost
      }
      for (let k = 0; k < out.replies.length; k++) this.desk.answered(out.replies[k]!, events);
      for (let k = 0; k < out.events.length; k++) events.push(out.events[k]!);
      if (m.status === 'up') this.inbox.wake(m, out.wake ?? -Infinity, plan.end);
    }
    // Each machine's events are in time order; a stable sort by t merges them by
    // (t, machine-name order, emission order).
    if (plan.batches.length > 1 && !sortedByTime(events)) events.sort((a, b) => a.t - b.t);
    for (let k = 0; k < events.length; k++) this.record(events[k]!);
    clearArray(events);
    this.nowMs = plan.end;
    this.windowEndMs = plan.end;
    // The operator acts once the window that asked is over.
    for (const file of this.operator.afterWindow()) this.pushCoord({ kind: 'restore', file }, plan.end);
  }

  /** Runs windows in-process until the next one would start at or after `t`. */
  runUntil(t: number, driver: SyncMachineDriver): void {
    for (let plan = this.planWindow(t); plan; plan = this.planWindow(t)) this.commitWindow(plan, driver.runWindow(plan));
    if (this.nowMs < t && t <= this.horizon && this.pending === undefined) this.idleUntil(t);
  }

  /** Moves the clock over time in which nothing is queued (the UI's clock between
   * events); never past the next queued event. */
  idleUntil(t: number): void {
    const next = this.nextWindow();
    const limit = Math.min(t, next ? next.t0 : this.horizon);
    if (limit > this.nowMs) this.nowMs = limit;
  }

  // ---- commands from the UI --------------------------------------------------------

  /** A fault (kill, restart, partition…) at the current time: applied at the start of
   * the next window. */
  inject(fault: Fault, via = 'ui', at = this.nowMs): void {
    this.pushCoord({ kind: 'fault', fault, via }, Math.max(at, this.nowMs));
  }

  /** A command for a process (the console client's KV operations and console lines). */
  command(machine: string, process: string, id: number, command: unknown): void {
    if (this.pending) throw new Error(`command: window ${this.pending.n} is still being run`);
    this.desk.command(machine, process, id, command);
  }

  /** A console line, as the page's console runs it: `route` is where the shell
   * (src/shell/dispatch.ts, above this layer) sends `text`, a program on the client
   * machine or its own answer. The trace records the line (`console.line`) and its
   * answer (`console.reply`); `callerId` gets the reply too (the page's console), or
   * nobody (a scenario's step). */
  consoleLine(text: string, route: ConsoleRoute, callerId?: number): void {
    if (this.pending) throw new Error(`consoleLine: window ${this.pending.n} is still being run`);
    this.desk.consoleLine(text, route, callerId);
  }

  /** A command of the coordinator's own (the chaos switch sets the workload's rate):
   * nobody waits for its answer, which is dropped. */
  tell(machine: string, process: string, command: unknown): void {
    if (this.pending) throw new Error(`tell: window ${this.pending.n} is still being run`);
    this.desk.tell(machine, process, command);
  }

  /** Replies to commands since the last call. */
  takeReplies(): CommandReply[] {
    return this.desk.take();
  }

  // ---- what the UI and summaries read --------------------------------------------

  machineList(): readonly { name: string; kind: MachineSpec['kind']; status: 'up' | 'down'; etcd: boolean }[] {
    return this.machines.order.map((name) => {
      const m = this.machines.get(name)!;
      return { name, kind: m.spec.kind, status: m.status, etcd: m.spec.processes.some((p) => (p as { kind?: string }).kind === 'etcd') };
    });
  }

  upMachines(): string[] {
    return this.machines.order.filter((n) => this.machines.get(n)!.status === 'up');
  }

  diskOf(machine: string): Disk | undefined {
    return this.machines.get(machine)?.disk;
  }

  specOf(machine: string): MachineSpec | undefined {
    return this.machines.get(machine)?.spec;
  }

  /** Packets in flight plus those sent and already delivered since the last call (the
   * first `perLink` of these per link and kind: packet-feed.ts). */
  takePacketsForFrame(perLink?: number): InFlight[] {
    return this.packetFeed.take(this.packetsInFlight(), perLink);
  }

  packetsInFlight(): InFlight[] {
    return this.inbox.inFlight();
  }

  etcdLeader(): { member: string; host: string; term: number } | undefined {
    return this.facts.leader();
  }

  etcdRole(member: string): ReturnType<TraceFacts['roleOf']> {
    return this.facts.roleOf(member);
  }

  hostOfMember(member: string): string | undefined {
    return this.facts.hostOfMember(member);
  }

  isUp(machine: string): boolean {
    return this.machines.get(machine)?.status === 'up';
  }

  /** Applies a fault now and records it: at a window's t0 (scheduled faults, chaos), or
   * between windows (the UI's kill / restart / isolate, at the end of the last window). */
  apply(fault: Fault, via?: string): void {
    if (this.pending) throw new Error(`apply: window ${this.pending.n} is still being run`);
    applyFault(this.control, fault, via);
  }


  /** The network conditions the run started with (what a liveness phase restores). */
  initialConditions(): NetworkConditions {
    return this.startConditions;
  }

  // ---- internals -------------------------------------------------------------------

  private windowEnd(t0: number): number {
    const lookahead = Math.max(1, this.network.conditions.latencyMinMs);
    return Math.min(t0 + lookahead, this.horizon, nextAfter(this.coordQ, t0));
  }

  private applyCoord(e: CoordEvent): void {
    switch (e.kind) {
      case 'boot-all':
        for (const name of this.machines.order) this.boot(name, false);
        return;
      case 'fault':
        this.apply(e.fault, e.via);
        return;
      case 'chaos-start':
      case 'chaos-step':
      case 'chaos-end':
        this.chaos.apply(e);
        return;
      case 'step':
        if (e.step.kind === 'console') this.consoleLine(e.step.line, e.step.route);
        else if (e.step.on) this.startChaos();
        else this.stopChaos();
        return;
      case 'restore':
        this.operator.restore(e.file);
        return;
    }
  }

  private crash(name: string): void {
    const m = this.machines.get(name)!;
    m.status = 'down';
    m.bootPending = false;
    this.kills = [...this.kills, name];
    this.facts.machineDown(name);
    this.record({ t: this.nowMs, type: 'machine.down', machine: name });
  }

  private boot(name: string, announce = true): void {
    const m = this.machines.get(name)!;
    m.status = 'up';
    m.bootCount++;
    m.bootPending = true;
    this.inputs.boot(m);
    // Machines do not tick in step: each has its own phase, drawn per boot.
    const phase = this.rng.fork(`machine/${name}`).fork(`boot/${m.bootCount}`).fork('tick-phase').int(0, this.tickMs);
    this.inbox.firstTick(m, this.nowMs + phase);
    if (announce) this.record({ t: this.nowMs, type: 'machine.up', machine: name });
  }

  private pushCoord(e: DistributiveOmit<CoordEvent, 't' | 'seq'>, t: number): void {
    this.coordQ.push({ ...e, t, seq: this.seq++ } as CoordEvent);
  }

  private record(ev: TraceEvent): void {
    this.trace.push(ev);
    if (!this.facts.observe(ev)) this.operator.observe(ev);
  }

  /** The machine that last took a Lease (kube-system/kube-scheduler…), from the trace. */
  leaseHolder(lease: string): string | undefined {
    return this.facts.leaseHolder(lease);
  }
}
