// The shape every simulated process has (etcd member, KV client, later the apiserver,
// scheduler, kubelet…): messages and ticks in, effects out, no I/O of its own. The
// machine gives each process a Runtime that collects its effects; the host carries
// them out (style.md §1).

import type { CommandResult } from '../protocol/commands';
import type { TraceBody, TraceEvent } from '../protocol/trace';
import type { Disk } from './disk';
import type { Endpoint, Packet, PacketKind } from './packet';
import type { Rng } from './rng';

export type { CommandResult } from '../protocol/commands';

export interface Runtime {
  /** This machine's name. */
  readonly host: string;
  /** The current sim time in integer ms (the time of the input being handled). */
  now(): number;
  /** This process's own seeded stream (forked by machine, boot and process name). */
  readonly rng: Rng;
  /** The machine's durable storage; survives crashes. */
  readonly disk: Disk;
  /** Sends a packet from this process's port. */
  send(dst: Endpoint, kind: PacketKind, body: unknown, srcPort?: number): void;
  /** Records a trace event (the host stamps the time). */
  emit(event: TraceBody): void;
  /** emit() for an event its caller stamped with now() itself, `t` its first key: kept
   * as it is, not copied (the members' raft.apply, one per entry on every member, is
   * four events in five of a Kubernetes run's trace). */
  emitStamped(event: TraceEvent): void;
  /** Answers a command from the UI or the scenario (see Process.command). */
  reply(commandId: number, result: CommandResult): void;
}


export interface Process {
  /** Unique on its machine: "etcd", "kv-client-1". */
  readonly name: string;
  /** Packets to these ports on this machine are delivered here (the first is the
   * default source port), e.g. an etcd member listens on 2379 and 2380. */
  readonly ports: readonly number[];
  receive(packet: Packet): void;
  /** Called every machine tick (the Raft heartbeat interval, 100 ms), or only at the
   * ticks `nextTick` asks for. */
  tick(): void;
  /** Optional: the earliest sim time at which `tick()` would do anything, given the
   * process's state now (-Infinity: at the next tick; Infinity: only after an input
   * changes that). A process that has it is ticked only at the first tick of its
   * machine's period at or after that time, so an idle kubelet costs nothing between
   * its timers. It must never be later than the first tick that would change state,
   * send or emit: a tick it skips must be one that would have done nothing. A process
   * without it is ticked every period. */
  nextTick?(): number;
  /** A command addressed to this process; answer later (or now) with runtime.reply. */
  command?(commandId: number, command: unknown): void;
  /** A small plain-data picture of the process for the UI. */
  view(): unknown;
}

/** Builds a machine's processes at boot, from its spec, against a runtime factory.
 * The cluster layer provides it; the worker imports the same one. */
export type ProcessFactory = (spec: MachineSpec, runtimeFor: (processName: string, defaultPort: number) => Runtime) => Process[];

/** What a machine is: its name and the processes it runs. `processes` is opaque here
 * (defined by the cluster layer) but must be plain data so it can go to a worker. */
export interface MachineSpec {
  readonly name: string;
  readonly kind: 'master' | 'etcd' | 'worker' | 'client' | 'lb' | 'cloud';
  readonly processes: readonly unknown[];
}
