// The shapes the Simulation (simulation.ts) keeps in its queues and hands out, and the
// small pure helpers of its window commit: apart so the lockstep file reads as the
// lockstep.

import type { PacketView } from '../protocol/frames';
import type { TraceEvent } from '../protocol/trace';
import type { Disk } from '../sim/disk';
import type { MachineInput } from '../sim/machine';
import type { NetworkConditions } from '../sim/net';
import type { CommandResult, MachineSpec } from '../sim/process';
import type { EventQueue, Queued } from './event-queue';
import type { ChaosSpec, Fault, ScheduledFault, ScheduledStep, Step } from './faults';
import type { WindowBatch } from './window';

export interface SimulationInit {
  readonly seed: number;
  /** In a stable order (the frame lists machines in it). */
  readonly machines: readonly MachineSpec[];
  readonly network?: Partial<NetworkConditions>;
  readonly faults?: readonly ScheduledFault[];
  readonly chaos?: readonly ChaosSpec[];
  /** Console lines and chaos switches at sim times (a scenario's steps). */
  readonly steps?: readonly ScheduledStep[];
  /** No input at t >= horizon runs (a scenario's `until`). Default: no end. */
  readonly horizon?: number;
  /** Every machine ticks this often (the Raft heartbeat interval). */
  readonly tickMs?: number;
}

export interface MachineRecord {
  readonly spec: MachineSpec;
  status: 'up' | 'down';
  /** Boots so far minus one: 0 for the first life. Deliveries carry the count they were
   * sent towards, so a packet queued for a previous life is dropped. */
  bootCount: number;
  /** Survives crashes; the machine's memory does not. */
  readonly disk: Disk;
  /** Set when the machine boots at the coming window's t0. */
  bootPending: boolean;
  /** Scratch: this machine's inputs in the window being planned (`inputBuffer` once
   * the window has any, undefined otherwise). */
  inputs: MachineInput[] | undefined;
  /** The one array this machine's inputs go into, window after window, and the batch
   * that hands it over (window-inputs.ts): a window is committed before the next is
   * planned, and a worker driver posts a copy. */
  readonly inputBuffer: MachineInput[];
  batch: WindowBatch | undefined;
  /** This life's first tick: its ticks fall on tickBase + k × tickMs (machine-inbox.ts). */
  tickBase: number;
  /** The time of the machine's one live queued tick (Infinity: none queued); a queued
   * tick at another time is stale and dropped. */
  tickAt: number;
  /** What the machine last said of its next tick (MachineOutput.wake): -Infinity,
   * every tick, until it says otherwise. */
  wake: number;
}

/** A queued machine input: the input itself (what Machine.run reads) carrying the
 * queue's order and its destination's record and life, one object per delivery and per
 * tick rather than an input wrapped in a queue entry. A host that posts inputs to a
 * worker posts their own fields only (`plainInputs`, machine-inbox.ts). */
export type MachineEvent = MachineInput & Queued & { readonly rec: MachineRecord; readonly life: number };

export const NO_KILLS: readonly string[] = [];

/** The chaos events the coordinator queue carries (chaos-runs.ts applies them). */
export type ChaosEvent = { readonly kind: 'chaos-start' | 'chaos-step' | 'chaos-end'; readonly chaos: number };

export type CoordEvent = Queued &
  (
    | { readonly kind: 'boot-all' }
    | { readonly kind: 'fault'; readonly fault: Fault; readonly via?: string }
    | ChaosEvent
    | { readonly kind: 'restore'; readonly file: string }
    | { readonly kind: 'step'; readonly step: Step }
  );

export interface CommandReply {
  readonly t: number;
  readonly id: number;
  readonly result: CommandResult;
}

/** One packet in flight, for the UI's animations. */
export type InFlight = PacketView;

export type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export function sortedByTime(events: readonly TraceEvent[]): boolean {
  for (let i = 1; i < events.length; i++) if (events[i]!.t < events[i - 1]!.t) return false;
  return true;
}

/** The earliest coordinator event after t0 (events at t0 were just applied). */
export function nextAfter(q: EventQueue<Queued>, t0: number): number {
  const top = q.peek();
  return top === undefined ? Infinity : top.t > t0 ? top.t : t0 + 1;
}

/** The trace's answer to a console line: its output, or its error. */
export function consoleReply(t: number, id: number, result: CommandResult): TraceEvent {
  return { t, type: 'console.reply', id, text: result.ok ? result.output : result.error, ok: result.ok };
}
