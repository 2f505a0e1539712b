// The trace: one event per line (JSON Lines), in the order the simulation produced
// them. This is a public contract (shared/contracts.md §3): extend, never rename.
// Every event has `t` (integer sim milliseconds) and `type`.

export type RaftRole = 'follower' | 'precandidate' | 'candidate' | 'leader';
export type KvOp = 'put' | 'get' | 'cas' | 'delete';

export type TraceEvent =
  // via (extension): what chose the target ("etcd-leader", "chaos", "ui"); note
  // (extension): why the fault did nothing ("no live etcd leader", "already down").
  | { t: number; type: 'fault'; action: string; target?: string; groups?: string[][]; rate?: number; via?: string; note?: string }
  | { t: number; type: 'machine.down'; machine: string }
  | { t: number; type: 'machine.up'; machine: string }
  /** Extension: a process threw (a bug, or input it could not handle) and stopped; the
   * rest of the machine runs on until the machine restarts. Fails the built-in checks. */
  | { t: number; type: 'process.crash'; machine: string; process: string; error: string }
  | { t: number; type: 'raft.role'; member: string; role: RaftRole; term: number; lead?: string }
  | { t: number; type: 'raft.apply'; member: string; index: number; term: number; data: string }
  // Extensions (not in the contract's table; outside checks may ignore them):
  // a granted vote, so the event log can say who voted for whom.
  | { t: number; type: 'raft.vote'; member: string; for: string; term: number; pre: boolean }
  // a leader learns an index is committed (commit index advanced).
  | { t: number; type: 'raft.commit'; member: string; index: number; term: number }
  // why a role changed, in a word, for the narration ('timeout', 'checkquorum', 'higher-term').
  | { t: number; type: 'raft.note'; member: string; term: number; note: string }
  // a member installed a snapshot: its applied index jumps to `index`.
  | { t: number; type: 'raft.snapshot'; member: string; index: number; term: number }
  | { t: number; type: 'kv.invoke'; process: string; id: number; f: KvOp; key: string; value?: string; expect?: string }
  | { t: number; type: 'kv.ok'; process: string; id: number; value?: string | null }
  | { t: number; type: 'kv.fail'; process: string; id: number; error: string }
  | { t: number; type: 'kv.info'; process: string; id: number; error: string }
  /** `holder` is the machine (or node) that holds it; `identity` the Lease's full
   * holderIdentity ("master-2_6f1c…" for the control plane's leases). */
  | { t: number; type: 'lease.holder'; lease: string; holder: string; identity?: string }
  | { t: number; type: 'node.ready'; node: string; ready: boolean }
  | { t: number; type: 'pod.bound'; pod: string; node: string }
  | { t: number; type: 'pod.phase'; pod: string; phase: string; node: string }
  | { t: number; type: 'pod.deleted'; pod: string }
  /** The job controller set a Job's Complete / Failed condition (`reason`: for failed,
   * BackoffLimitExceeded or DeadlineExceeded). */
  | { t: number; type: 'job.complete'; job: string; reason?: string }
  | { t: number; type: 'job.failed'; job: string; reason: string }
  /** The Node object is gone from etcd (its cloud instance was terminated, or kubectl delete node). */
  | { t: number; type: 'node.deleted'; node: string }
  /** A cloud load balancer's external IP is assigned to a Service (status.loadBalancer.ingress). */
  | { t: number; type: 'service.lb'; service: string; ip: string }
  /** Extension: a Kubernetes Event object was recorded (what `kubectl get events`
   * lists): `object` is "pod/default/web-1" style kind/namespace/name. */
  | { t: number; type: 'k8s.event'; object: string; reason: string; message: string; eventType: 'Normal' | 'Warning'; source: string; count?: number }
  /** Extension: a membership change was applied by `member` (every member emits it
   * for the same entry `index`): `target` was added (as a learner), promoted or removed;
   * `host` is the machine of its peer URL. */
  | { t: number; type: 'etcd.member'; member: string; action: 'add' | 'add-learner' | 'promote' | 'remove'; target: string; id: number; host: string; index: number }
  /** Extension: the console's `etcdctl snapshot save` wrote `file` (the keyspace of
   * `member` at `revision`), or `snapshot restore` asked for the cluster to be restored
   * from it (into `dataDir`). */
  | { t: number; type: 'etcdctl.snapshot'; action: 'save' | 'restore'; file: string; revision: number; member?: string; dataDir?: string }
  /** Extension: the simulator restored every member (`members`, on `hosts`) from `file`:
   * a new cluster at `revision`, its Raft log starting after `index` at term 1. Checkers
   * start over here: the old cluster's terms, log and history end. */
  | { t: number; type: 'etcd.restore'; file: string; revision: number; members: string[]; hosts: string[]; index: number }
  /** Extension: a Kubernetes client on `machine` sent a request it had held back more
   * than 1 s for a token of its client-side rate limiter (client-go's QPS / Burst);
   * `message` is client-go's log line ("Waited for 1.05s due to client-side throttling,
   * not priority and fairness, request: POST:https://…"), at most one per process per
   * 10 s, as client-go's throttled logger. `process`: "kube-controller-manager";
   * `client`: its clientset ("replicaset-controller"). */
  | { t: number; type: 'client.throttled'; machine: string; process: string; client: string; waitedMs: number; message: string }
  /** Extension: the kube-apiserver on `machine` became ready (cache synced) or not. */
  | { t: number; type: 'apiserver.ready'; machine: string; ready: boolean }
  /** A console line is run (`line` as typed, a manifest after a newline) / answered
   * (`text`: its output, or its error when not `ok`). From the page's console and a
   * scenario's kubectl, etcdctl, cordon, uncordon and drain steps. */
  | { t: number; type: 'console.line'; id: number; line: string }
  | { t: number; type: 'console.reply'; id: number; text: string; ok: boolean };

export type TraceType = TraceEvent['type'];

/** An event without its time: what a process emits; the host stamps `t`. */
export type TraceBody = TraceEvent extends infer E ? (E extends { t: number } ? Omit<E, 't'> : never) : never;

/** One line of the JSONL trace. Field order is fixed (t, type, then the rest as emitted)
 * so that two runs produce byte-identical files. */
export function traceLine(ev: TraceEvent): string {
  return JSON.stringify(ev);
}
