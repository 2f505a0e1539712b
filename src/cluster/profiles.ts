// Timing profiles, in one place (design.md "Time"). `realistic` uses the real defaults
// of realism.md; `classroom` keeps every mechanism and Raft's own numbers, and is where
// the slow Kubernetes timings (lease durations, eviction after 300 s…) get shortened
// when the control plane arrives, so that a lesson fits in minutes.

import type { Profile } from '../protocol/commands';

export interface TimingProfile {
  readonly name: Profile;
  /** Every machine ticks once per heartbeat interval: etcd `--heartbeat-interval` 100 ms. */
  readonly tickMs: number;
  readonly etcd: {
    /** Raft ticks per heartbeat (etcd: 1 tick = 100 ms). */
    readonly heartbeatTicks: number;
    /** etcd `--election-timeout` 1000 ms = 10 ticks; a follower waits [10, 20) ticks. */
    readonly electionTicks: number;
    /** etcd's server-side request timeout: 5 s + 2 × election timeout = 7 s. */
    readonly requestTimeoutMs: number;
  };
  readonly kvClient: {
    /** A workload client gives up on a request after this long and records kv.info
     * (clientv3 has no default deadline; etcdctl's --command-timeout is 5 s). */
    readonly requestTimeoutMs: number;
  };
}

export const PROFILES: Readonly<Record<Profile, TimingProfile>> = {
  realistic: {
    name: 'realistic',
    tickMs: 100,
    etcd: { heartbeatTicks: 1, electionTicks: 10, requestTimeoutMs: 7000 },
    kvClient: { requestTimeoutMs: 5000 },
  },
  classroom: {
    name: 'classroom',
    tickMs: 100,
    etcd: { heartbeatTicks: 1, electionTicks: 10, requestTimeoutMs: 7000 },
    kvClient: { requestTimeoutMs: 5000 },
  },
};

export const PROFILE_NAMES: readonly Profile[] = ['classroom', 'realistic'];

export function profileFor(name: Profile): TimingProfile {
  return PROFILES[name];
}
