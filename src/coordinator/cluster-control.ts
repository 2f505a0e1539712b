// The one seam between the lockstep core (simulation.ts) and what acts on the cluster
// beside it: applying faults (apply-fault.ts), chaos (faults.ts), and the operator's
// membership changes and restores (operator.ts). They get this, never the queues or
// the window machinery, so a window in flight cannot be disturbed.

import type { TraceEvent } from '../protocol/trace';
import type { Disk } from '../sim/disk';
import type { Network } from '../sim/net';
import type { MachineSpec } from '../sim/process';
import type { Fault } from './fault-kinds';
import type { TraceFacts } from './trace-facts';

export interface ClusterControl {
  /** Sim time: the window's t0, or the end of the last window between windows. */
  now(): number;
  readonly network: Network;
  /** Every machine, in spec order (a machine started by `member add` comes last). */
  machines(): readonly string[];
  /** undefined: no such machine. */
  kindOf(machine: string): MachineSpec['kind'] | undefined;
  isUp(machine: string): boolean;
  /** The coordinator's authoritative copy of a machine's disk. */
  diskOf(machine: string): Disk | undefined;
  /** Stops a machine (its memory is gone, its disk stays) and records machine.down. */
  crash(machine: string): void;
  /** Boots a machine from its disk at the coming window's start; records machine.up. */
  boot(machine: string): void;
  /** Puts `spec` on its machine with a fresh disk, down (replacing what ran there). */
  install(spec: MachineSpec): void;
  /** Takes a machine out of the cluster for good. */
  retire(machine: string): void;
  record(ev: TraceEvent): void;
  /** Applies a fault now and records it (chaos picks its faults through this). */
  apply(fault: Fault, via?: string): void;
  /** A command of the coordinator's own to a process (the cloud's API learns of a
   * terminated instance); its answer is dropped. */
  tell(machine: string, process: string, command: unknown): void;
  /** Runs a console line on the client machine, as an operator would; the answer is
   * the coordinator's own and reaches no UI. */
  operatorLine(line: string): void;
  /** Voting etcd members now (chaos stays within the failures they tolerate). */
  etcdVoters(): number;
  /** Roles, lease holders and member hosts, as the trace says. */
  readonly facts: TraceFacts;
}
