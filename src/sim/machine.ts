// One simulated machine: a set of processes sharing a disk and a seeded stream. The
// same class runs in-process (Node, tests, `npm run sim`) and inside a Web Worker; the
// host hands it every input of one lockstep window and gets back every effect.

import type { CrashedView } from '../protocol/crashed';
import type { TraceBody, TraceEvent } from '../protocol/trace';
import { Disk, type DiskOp } from './disk';
import { unroutedPacket, type Endpoint, type OutPacket, type Packet } from './packet';
import type { CommandResult, MachineSpec, Process, ProcessFactory, Runtime } from './process';
import { Rng } from './rng';
import { clearArray } from './clear-array';

export type MachineInput =
  | { readonly t: number; readonly kind: 'deliver'; readonly packet: Packet }
  | { readonly t: number; readonly kind: 'tick' }
  | { readonly t: number; readonly kind: 'command'; readonly id: number; readonly process: string; readonly command: unknown };

export interface MachineReply {
  readonly t: number;
  readonly id: number;
  readonly result: CommandResult;
}

export interface MachineOutput {
  readonly packets: OutPacket[];
  /** In emission order; each already stamped with its time. */
  readonly events: TraceEvent[];
  readonly diskOps: DiskOp[];
  readonly replies: MachineReply[];
  /** The earliest sim time at which a tick would do anything on this machine after
   * this window (Process.nextTick; absent or -Infinity: every tick, as a machine with a
   * process that cannot tell). The coordinator queues the machine's next tick at the
   * first tick of its period at or after it. */
  readonly wake?: number;
}

export interface MachineView {
  readonly name: string;
  readonly processes: Record<string, unknown>;
}

export interface BootOptions {
  readonly runSeed: number;
  /** How many times this machine has booted before: a restart draws fresh numbers. */
  readonly bootCount: number;
  /** Record disk writes so a worker can ship them to the coordinator. */
  readonly recordDiskOps: boolean;
  /** Sim time of the boot: what processes see as now() while they are constructed
   * (default 0). */
  readonly bootAt?: number;
}

/** A window's output as the machine fills it (MachineOutput to the host). */
interface OutputBuffer {
  readonly packets: OutPacket[];
  readonly events: TraceEvent[];
  readonly replies: MachineReply[];
  diskOps: DiskOp[];
  wake: number;
}

function emptyBuffer(): OutputBuffer {
  return { packets: [], events: [], diskOps: [], replies: [], wake: -Infinity };
}

/** `{ t, ...event }` (the same keys in the same order) without the spread: a spread
 * after a literal key goes through V8's generic copy, and with the many event shapes
 * of a Kubernetes run it was 2.9 % of the 100-worker run's samples under raft.apply
 * alone; a key-by-key copy of a plain literal takes its enum cache. */
function stamped(t: number, event: TraceBody): TraceEvent {
  const out: Record<string, unknown> = { t };
  for (const k in event) out[k] = (event as Record<string, unknown>)[k];
  return out as unknown as TraceEvent;
}

/** No effects (shared by every machine's quiet outputs; never mutated). */
const NONE: never[] = Object.freeze([]) as unknown as never[];

export class Machine {
  readonly name: string;
  readonly disk: Disk;
  private readonly processes: Process[];
  private readonly byPort = new Map<number, Process>();
  private readonly byName = new Map<string, Process>();
  private now = 0;
  /** Processes that threw, with what they threw; they stay down until a reboot. */
  private readonly crashed = new Map<Process, string>();
  /** Commands each process took and has not answered yet: a crash answers them, so
   * every console line gets an answer even when it crashed what ran it. */
  private readonly unanswered = new Map<string, Set<number>>();
  /** Two output buffers, used in turn: a window's output stays valid until the window
   * after next (hosts read it before they run the next one: the coordinator commits it,
   * a worker posts a copy), and its arrays keep their capacity. A fresh output with
   * three fresh arrays per window that did anything was 5 % of a run's allocation. */
  private readonly buffers: [OutputBuffer, OutputBuffer] = [emptyBuffer(), emptyBuffer()];
  private out: OutputBuffer = this.buffers[0];
  /** The output of a window in which nothing happened but the wake time (most windows
   * are a tick or a heartbeat): one per machine, its arrays the shared empty ones. */
  private readonly quiet: OutputBuffer = { packets: NONE, events: NONE, replies: NONE, diskOps: NONE, wake: -Infinity };
  /** The processes that tell when they next need a tick (Process.nextTick), or
   * undefined when one of them cannot: then the machine ticks every period. */
  private readonly wakers: (Process & { nextTick(): number })[] | undefined;

  constructor(spec: MachineSpec, disk: Disk, factory: ProcessFactory, boot: BootOptions) {
    this.name = spec.name;
    this.disk = disk;
    this.now = boot.bootAt ?? 0;
    const bootRng = new Rng(boot.runSeed).fork(`machine/${spec.name}`).fork(`boot/${boot.bootCount}`);
    // Source endpoints are shared (immutable) per port: one object per port, not per packet.
    const sources = new Map<number, Endpoint>();
    const source = (port: number): Endpoint => {
      let e = sources.get(port);
      if (!e) sources.set(port, (e = { host: spec.name, port }));
      return e;
    };
    const runtimeFor = (processName: string, port: number): Runtime => {
      const rng = bootRng.fork(processName);
      return {
        host: spec.name,
        rng,
        disk,
        now: () => this.now,
        send: (dst, kind, body, srcPort) => {
          this.out.packets.push(unroutedPacket(source(srcPort ?? port), dst, kind, body, this.now));
        },
        emit: (event: TraceBody) => {
          this.out.events.push(stamped(this.now, event));
        },
        emitStamped: (event: TraceEvent) => {
          this.out.events.push(event);
        },
        reply: (id, result) => {
          this.unanswered.get(processName)?.delete(id);
          this.out.replies.push({ t: this.now, id, result });
        },
      };
    };
    try {
      this.processes = factory(spec, runtimeFor);
    } catch (e) {
      // A process that cannot even start (say, from a disk it cannot read) leaves the
      // machine up with nothing running, and the trace says why: the run goes on.
      this.processes = [];
      this.out.events.push({ t: this.now, type: 'process.crash', machine: this.name, process: 'boot', error: e instanceof Error ? e.message : String(e) });
    }
    for (const p of this.processes) {
      for (const port of p.ports) this.byPort.set(port, p);
      this.byName.set(p.name, p);
    }
    const wakers = this.processes.filter((p): p is Process & { nextTick(): number } => typeof p.nextTick === 'function');
    this.wakers = wakers.length === this.processes.length && wakers.length > 0 ? wakers : undefined;
  }

  /** When a tick would next do anything here (MachineOutput.wake): the earliest of the
   * processes' own answers; a crashed process needs none, and one whose nextTick throws
   * crashes as in a step. */
  private nextWake(): number {
    const wakers = this.wakers;
    if (wakers === undefined) return -Infinity;
    let wake = Infinity;
    for (const p of wakers) {
      if (this.crashed.size > 0 && this.crashed.has(p)) continue;
      try {
        const t = p.nextTick();
        if (t < wake) wake = t;
      } catch (e) {
        this.crash(p, e);
      }
    }
    return wake;
  }

  /** A process that threw stops (its packets go unanswered, as a crashed daemon's
   * would) and the machine's other processes run on: one bug or one bad input must not
   * stop the whole cluster, and the trace says what happened. */
  private crash(p: Process, e: unknown): void {
    const error = e instanceof Error ? e.message : String(e);
    this.crashed.set(p, error);
    this.out.events.push({ t: this.now, type: 'process.crash', machine: this.name, process: p.name, error });
    for (const id of this.unanswered.get(p.name) ?? []) this.out.replies.push({ t: this.now, id, result: { ok: false, error: `${p.name} on ${this.name} crashed (${error}); restart ${this.name} to start it again` } });
    this.unanswered.delete(p.name);
  }

  /** The last view and whether a window ran since: a view is a function of the
   * processes' state, which only a window changes, so an idle machine's view is the same
   * object (the frame then says "unchanged" instead of carrying it again). */
  private lastView: MachineView | undefined;

  /** Handles one window's inputs in order and returns everything they caused. The
   * output is the machine's own buffer: read (or copy) it before running the machine
   * twice more. */
  run(inputs: readonly MachineInput[]): MachineOutput {
    this.lastView = undefined;
    for (const input of inputs) {
      this.now = input.t;
      switch (input.kind) {
        // try/catch inline rather than a closure per step: this is the hot loop.
        case 'deliver': {
          const p = this.byPort.get(input.packet.dst.port);
          if (!p || (this.crashed.size > 0 && this.crashed.has(p))) break;
          try {
            p.receive(input.packet);
          } catch (e) {
            this.crash(p, e);
          }
          break;
        }
        case 'tick':
          for (const p of this.processes) {
            if (this.crashed.size > 0 && this.crashed.has(p)) continue;
            try {
              p.tick();
            } catch (e) {
              this.crash(p, e);
            }
          }
          break;
        case 'command': {
          const p = this.byName.get(input.process);
          const crash = p && this.crashed.get(p);
          if (!p?.command) this.out.replies.push({ t: input.t, id: input.id, result: { ok: false, error: `no process "${input.process}" on ${this.name}` } });
          else if (crash) this.out.replies.push({ t: input.t, id: input.id, result: { ok: false, error: `${p.name} on ${this.name} has crashed (${crash}); restart ${this.name} to start it again` } });
          else {
            try {
              let ids = this.unanswered.get(p.name);
              if (!ids) this.unanswered.set(p.name, (ids = new Set()));
              ids.add(input.id);
              p.command(input.id, input.command);
            } catch (e) {
              this.crash(p, e);
            }
          }
          break;
        }
      }
    }
    const wake = this.nextWake();
    const out = this.out;
    const diskOps = this.disk.takeOps();
    // Most windows are a tick or a heartbeat: answer those without allocating.
    if (out.packets.length === 0 && out.events.length === 0 && out.replies.length === 0 && diskOps.length === 0) {
      this.quiet.wake = wake;
      return this.quiet;
    }
    out.diskOps = diskOps;
    out.wake = wake;
    // The other buffer, emptied, takes the next window (and a crash a view finds).
    const next = this.buffers[this.buffers[0] === out ? 1 : 0];
    clearArray(next.packets);
    clearArray(next.events);
    clearArray(next.replies);
    this.out = next;
    return out;
  }

  /** What each process shows; a crashed one shows `CrashedView`. A view that throws
   * is a crash like any other: the process stops and the trace says so (with the next
   * window's output). Only hosts that draw ask for views, so such a crash can make a
   * browser run differ from a headless one; views read state defensively for that
   * reason, and this guard is the backstop that keeps the page alive. */
  view(): MachineView {
    if (this.lastView) return this.lastView;
    const processes: Record<string, unknown> = {};
    for (const p of this.processes) {
      if (this.crashed.size === 0 || !this.crashed.has(p)) {
        try {
          processes[p.name] = p.view();
          continue;
        } catch (e) {
          this.crash(p, e);
        }
      }
      processes[p.name] = { kind: 'crashed', process: p.name, error: this.crashed.get(p) ?? '' } satisfies CrashedView;
    }
    this.lastView = { name: this.name, processes };
    return this.lastView;
  }
}
