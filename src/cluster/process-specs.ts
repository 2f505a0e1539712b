// The process specs a MachineSpec carries (MachineSpec.processes is opaque to the sim
// kernel). Plain data: they travel to machine workers by structured clone.

import type { KvOp } from '../protocol/trace';

// The process specs are defined next to the processes that read them.
import type { ConsoleSpec, EtcdMemberSpec, KvWorkloadSpec } from '../etcd';
export type { ConsoleSpec, EtcdMemberSpec, KvWorkloadSpec };

import type { KubeProcessSpec } from '../kube/specs';
import type { KubectlSpec } from '../kube/kubectl/process';

import type { SimCloudSpec } from './sim-cloud';
import type { DashboardSpec } from '../kube/dashboard/dashboard';

export type ProcessSpec = EtcdMemberSpec | KvWorkloadSpec | ConsoleSpec | KubeProcessSpec | KubectlSpec | SimCloudSpec | DashboardSpec;

/** The workload section of a scenario, parsed. */
export interface WorkloadSetup {
  readonly clients: number;
  readonly keys: number;
  /** Total operations per second of sim time, over all clients. */
  readonly ratePerSec: number;
  readonly ops: readonly KvOp[];
}
