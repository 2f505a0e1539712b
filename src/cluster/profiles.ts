// Timing profiles, in one place (design.md "Time"). `realistic` uses the real defaults
// of realism.md; `classroom` keeps every mechanism and Raft's own numbers, and is where
// the slow Kubernetes timings (lease durations, eviction after 300 s…) get shortened
// when the control plane arrives, so that a lesson fits in minutes.

import type { Profile } from '../protocol/commands';
import type { KubeTiming } from '../kube/specs';

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
    /** --snapshot-count (10 000 in v3.6) and the entries kept after a snapshot (5 000). */
    readonly snapshotCount: number;
    readonly catchUpEntries: number;
    /** Periodic auto-compaction of an etcd-only cluster (`--auto-compaction-mode=periodic
     * --auto-compaction-retention`). etcd's default is off, and with Kubernetes it stays
     * off (kube-apiserver compacts every 5 min, kubeadm sets nothing); an etcd cluster on
     * its own is run as the etcd docs' maintenance guide suggests, with a retention of
     * 1 h, or 5 min in the classroom (the apiserver's interval) so a lesson sees one. */
    readonly autoCompactionRetentionMs: number;
  };
  readonly kvClient: {
    /** A workload client gives up on a request after this long and records kv.info
     * (clientv3 has no default deadline; etcdctl's --command-timeout is 5 s). */
    readonly requestTimeoutMs: number;
  };
  readonly kube: KubeTiming;
  /** The apiserver sends an idle watch a BOOKMARK this often: once a minute, the
   * cacher's bookmark frequency (storage/cacher, `defaultBookmarkFrequency`), in both
   * profiles. Clients do not need them to tell a dead connection: they ping it
   * (KubeTiming.watchSilenceMs). */
  readonly bookmarkMs: number;
  /** HAProxy in front of the apiservers: `inter 2s fall 3 rise 2`, `timeout check 1s`. */
  readonly lb: { readonly checkIntervalMs: number; readonly checkTimeoutMs: number; readonly fall: number; readonly rise: number };
}

/** Leader election of the scheduler and controller-manager: 15 s / 10 s / 2 s in both
 * profiles — already short enough for a lesson, and the number people look for. */
const ELECTION = { leaseDurationMs: 15_000, renewDeadlineMs: 10_000, retryPeriodMs: 2_000 };
const LB = { checkIntervalMs: 2000, checkTimeoutMs: 1000, fall: 3, rise: 2 };

/** realism.md's Kubernetes numbers. */
const REAL_KUBE: KubeTiming = {
  requestTimeoutMs: 10_000,
  // client-go's HTTP/2 health check: ReadIdleTimeout 30 s + PingTimeout 15 s.
  watchSilenceMs: 45_000,
  election: ELECTION,
  nodeLeaseDurationS: 40,
  nodeLeaseRenewMs: 10_000,
  nodeStatusUpdateMs: 10_000,
  nodeStatusReportMs: 5 * 60_000,
  nodeMonitorPeriodMs: 5_000,
  nodeMonitorGraceMs: 40_000,
  tolerationSeconds: 300,
  // PodGC (pkg/controller/podgc): gcCheckPeriod 20 s, quarantineTime 40 s for a missing node.
  podGcPeriodMs: 20_000,
  podGcQuarantineMs: 40_000,
  imagePullMs: [2_000, 6_000],
  backoffBaseMs: 10_000,
  backoffMaxMs: 300_000,
};

/** The same mechanisms, shortened so that "a worker dies, its pods come back
 * elsewhere" takes under a minute instead of six. */
const CLASSROOM_KUBE: KubeTiming = {
  requestTimeoutMs: 5_000,
  // The same health check, 2 : 1 as the real one: ping after ~5.3 s of silence, close
  // ~2.7 s later, so a client notices a dead connection within 8 s.
  watchSilenceMs: 8_000,
  election: ELECTION,
  nodeLeaseDurationS: 16,
  nodeLeaseRenewMs: 4_000,
  nodeStatusUpdateMs: 4_000,
  nodeStatusReportMs: 60_000,
  nodeMonitorPeriodMs: 2_000,
  nodeMonitorGraceMs: 16_000,
  tolerationSeconds: 30,
  // Short enough that a terminated instance's pods go before a crashed node's are evicted.
  podGcPeriodMs: 5_000,
  podGcQuarantineMs: 5_000,
  imagePullMs: [800, 2_500],
  backoffBaseMs: 2_000,
  backoffMaxMs: 40_000,
};

export const PROFILES: Readonly<Record<Profile, TimingProfile>> = {
  realistic: {
    name: 'realistic',
    tickMs: 100,
    etcd: { heartbeatTicks: 1, electionTicks: 10, requestTimeoutMs: 7000, snapshotCount: 10_000, catchUpEntries: 5_000, autoCompactionRetentionMs: 3_600_000 },
    kvClient: { requestTimeoutMs: 5000 },
    kube: REAL_KUBE,
    bookmarkMs: 60_000,
    lb: LB,
  },
  classroom: {
    name: 'classroom',
    tickMs: 100,
    // Snapshots every 500 entries (a few minutes of a Kubernetes cluster), 100 kept.
    etcd: { heartbeatTicks: 1, electionTicks: 10, requestTimeoutMs: 7000, snapshotCount: 500, catchUpEntries: 100, autoCompactionRetentionMs: 5 * 60_000 },
    kvClient: { requestTimeoutMs: 5000 },
    kube: CLASSROOM_KUBE,
    bookmarkMs: 60_000,
    lb: LB,
  },
};

export const PROFILE_NAMES: readonly Profile[] = ['classroom', 'realistic'];

export function profileFor(name: Profile): TimingProfile {
  return PROFILES[name];
}
