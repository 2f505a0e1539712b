// What a machine spec says about the etcd member it runs (its flags, in effect).

export const INJECTED_BUGS = ['stale-reads', 'read-index-context-acks'] as const;
export type InjectedBug = (typeof INJECTED_BUGS)[number];

export interface EtcdMemberSpec {
  readonly kind: 'etcd';
  readonly member: string;
  readonly id: number;
  /** The cluster at this member's first boot. A member started by `member add` lists
   * the cluster as it is then, itself included (etcd's --initial-cluster-state=existing);
   * `learner` marks a non-voting member. */
  readonly peers: readonly { readonly id: number; readonly name: string; readonly host: string; readonly learner?: boolean }[];
  readonly electionTicks: number;
  readonly heartbeatTicks: number;
  /** etcd: 5 s + 2 × election timeout. */
  readonly requestTimeoutMs: number;
  /** Take a snapshot every this many applied entries (etcd --snapshot-count: 10 000 in
   * v3.6; the classroom profile uses fewer so a lesson sees one) and keep this many
   * entries after it for slow followers (5 000). */
  readonly snapshotCount?: number;
  readonly catchUpEntries?: number;
  /** etcd's `--auto-compaction-retention` in periodic mode (off when absent, etcd's
   * default; a cluster with Kubernetes leaves compaction to kube-apiserver). */
  readonly autoCompactionRetentionMs?: number;
  /** etcd's `--initial-election-tick-advance` (default true): fast-forward the election
   * timer once the peers are connected at start (tick-advance.ts). */
  readonly initialElectionTickAdvance?: boolean;
  /** A known bug switched on, to show that the swarm's checkers catch it (tests only):
   * 'stale-reads' answers every read from this member's local state, skipping ReadIndex;
   * 'read-index-context-acks' puts back Raft's ReadIndex bookkeeping from before issue
   * 10's fix (raft/testing/context-read-only.ts). */
  readonly inject?: InjectedBug;
}
