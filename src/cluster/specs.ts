// The process specs a MachineSpec carries (MachineSpec.processes is opaque to the sim
// kernel). Plain data: they travel to machine workers by structured clone.

import type { KvOp } from '../protocol/trace';

/** One etcd member (src/etcd EtcdMember). Runs as process "etcd" on its host. */
export interface EtcdMemberSpec {
  readonly kind: 'etcd';
  /** "etcd-2" */
  readonly member: string;
  /** Raft id: etcd-N has id N. */
  readonly id: number;
  /** Every voter at bootstrap, itself included. */
  readonly peers: readonly { readonly id: number; readonly name: string; readonly host: string }[];
  readonly electionTicks: number;
  readonly heartbeatTicks: number;
  readonly requestTimeoutMs: number;
}

/** One KV workload client (src/etcd KvWorkloadClient), recorded as kv.* events. */
export interface KvWorkloadSpec {
  readonly kind: 'kv-workload';
  /** Process name on the client machine and the first name in kv.* events: "kv-1". */
  readonly name: string;
  /** The etcd client endpoints (host names; port 2379). */
  readonly endpoints: readonly string[];
  /** Keys "k1" … "kN". */
  readonly keys: number;
  readonly ops: readonly KvOp[];
  /** This client's share of the workload rate (operations per second of sim time). */
  readonly ratePerSec: number;
  readonly requestTimeoutMs: number;
}

/** The UI's own etcd client (process "console" on machine "client"). */
export interface ConsoleSpec {
  readonly kind: 'console';
  readonly name: 'console';
  readonly endpoints: readonly string[];
  readonly requestTimeoutMs: number;
}

export type ProcessSpec = EtcdMemberSpec | KvWorkloadSpec | ConsoleSpec;

/** The workload section of a scenario, parsed. */
export interface WorkloadSetup {
  readonly clients: number;
  readonly keys: number;
  /** Total operations per second of sim time, over all clients. */
  readonly ratePerSec: number;
  readonly ops: readonly KvOp[];
}
