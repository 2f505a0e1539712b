// kube-scheduler: while it holds the kube-system/kube-scheduler Lease, it takes pending
// pods one at a time from its queue, filters and scores the nodes (plugins.ts), and
// binds the pod to the best one (pods/binding). A pod that fits nowhere stays Pending:
// its PodScheduled condition and a FailedScheduling event carry the real
// "0/3 nodes are available: …" message, and it is retried when nodes or pods change,
// once its backoff has run out (the scheduling queue's backoffQ: 1 s doubling to 10 s
// per failed attempt). Without the backoff, pods created before the workers were Ready
// were retried every tick and all went to the first worker whose not-ready taint was
// lifted; with it they wait a second, by which time the others are Ready too, and the
// scores spread them (scores.ts: PodTopologySpread, LeastAllocated).

import { PORT } from '../../sim/packet';
import type { Packet } from '../../sim/packet';
import type { Process, Runtime } from '../../sim/process';
import { timestamp } from '../api/time';
import type { Node, Pod } from '../api/types';
import { EventRecorder } from '../clientset/events';
import { Informer, objectKey } from '../clientset/informer';
import { SCHEDULER } from '../clientset/client-limits';
import { KubeClient } from '../clientset/kube-client';
import type { ThrottledClient } from '../clientset/throttled-client';
import { LeaderElector } from '../leaderelection/elector';
import type { ControlPlaneSpec } from '../specs';
import { FILTER_PLUGINS, podRequests, runFilters, selectHostInOrder, unschedulableMessage, type FilterFailure, type NodeInfo } from './plugins';
import { SCORE_PLUGINS, scoreColumns, scoresOf, type ScoreColumns } from './scores';
import { DecisionLog } from './decision-log';
import { SchedulerCache } from './cache';
import type { DecisionRow, SchedulerView } from '../../protocol/kube-views';

export type { SchedulerView } from '../../protocol/kube-views';

export const SCHEDULER_PORT = 10259;
/** Pods tried per tick at most (the real one does hundreds per second). */
const PER_TICK = 20;
/** An unschedulable pod is retried at least this often (podMaxInUnschedulablePodsDuration). */
const UNSCHEDULABLE_RETRY_MS = 5 * 60_000;
/** podInitialBackoffSeconds and podMaxBackoffSeconds (KubeSchedulerConfiguration defaults). */
const INITIAL_BACKOFF_MS = 1000;
const MAX_BACKOFF_MS = 10_000;

/** A pod that fit nowhere, waiting in unschedulablePods (or, once `moved` by a cluster
 * event, in backoffQ until its backoff runs out). */
interface Unschedulable {
  /** When it was last tried. */
  readonly at: number;
  readonly message: string;
  /** Failed attempts so far: the backoff is 1 s × 2^(attempts − 1), at most 10 s. */
  readonly attempts: number;
  /** A node or pod changed since: it may fit now (movePodsToActiveOrBackoffQueue). */
  moved: boolean;
}

function backoffMs(attempts: number): number {
  return Math.min(MAX_BACKOFF_MS, INITIAL_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
}

export class KubeScheduler implements Process {
  readonly name = 'kube-scheduler';
  readonly ports = [SCHEDULER_PORT];
  private readonly client: KubeClient;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly elector: LeaderElector;
  private readonly recorder: EventRecorder;
  /** The "scheduler" clientset: informers, bindings, status. */
  private readonly api: ThrottledClient;
  /** Pods bound by us whose binding the informer has not shown yet: pod key → node. */
  private readonly assumed = new Map<string, string>();
  /** Pods that fit nowhere, by key. */
  private readonly unschedulable = new Map<string, Unschedulable>();
  /** Each node's pods and the pods to place, kept by the pods informer's handlers. */
  private readonly cache = new SchedulerCache();
  private moveRequested = false;
  /** Why each recent pod went where it did (the pod inspector's table). */
  private readonly decisions = new DecisionLog();
  private leaderSinceMs: number | undefined;

  constructor(
    spec: ControlPlaneSpec,
    private readonly rt: Runtime,
  ) {
    this.client = new KubeClient(rt, { host: rt.host, port: PORT.apiserver }, SCHEDULER_PORT, `kube-scheduler/${rt.host}`, spec.requestTimeoutMs, spec.watchSilenceMs);
    // createClients (cmd/kube-scheduler/app/options/options.go): the main client and a
    // separate event client, both with clientConnection's 50 QPS / burst 100; the
    // leader election lock builds one more from the same config.
    this.api = this.client.clientset('scheduler', SCHEDULER);
    this.recorder = EventRecorder.withoutSpamFilter(rt, this.client.clientset('events', SCHEDULER), 'default-scheduler');
    const wake = () => (this.moveRequested = true);
    this.pods = new Informer<Pod>(rt, this.api, 'pods', {
      onAdd: (p) => this.cache.set(objectKey(p), p, this.assumed.get(objectKey(p))),
      onUpdate: (_o, p) => {
        const key = objectKey(p);
        if (p.spec.nodeName) this.assumed.delete(key);
        this.cache.set(key, p, this.assumed.get(key));
      },
      onDelete: (p) => {
        const key = objectKey(p);
        this.assumed.delete(key);
        this.unschedulable.delete(key);
        this.decisions.forget(key);
        this.cache.delete(key);
        wake();
      },
    });
    this.nodes = new Informer<Node>(rt, this.api, 'nodes', { onAdd: wake, onUpdate: wake, onDelete: wake });
    const identity = `${rt.host}_${uuid(rt)}`;
    this.elector = new LeaderElector(rt, this.client.clientset('leader-election', SCHEDULER), 'kube-system', 'kube-scheduler', identity, spec.election, this.recorder, () => {});
  }

  receive(packet: Packet): void {
    this.client.receive(packet);
  }

  tick(): void {
    this.client.tick();
    this.pods.tick();
    this.nodes.tick();
    this.elector.tick();
    if (!this.elector.isLeader) this.leaderSinceMs = undefined;
    else if (this.leaderSinceMs === undefined) this.leaderSinceMs = this.rt.now();
    if (this.elector.isLeader && this.pods.synced && this.nodes.synced) this.scheduleSome();
  }

  /** The pods to try now; `peek` leaves the move request alone (for the view). Only the
   * pods waiting to be placed are walked (the cache's `pending`, fed by the informer's
   * handlers like the real activeQ), not every pod of the store. */
  private queue(peek = false): Pod[] {
    const now = this.rt.now();
    const out: { pod: Pod; key: string }[] = [];
    for (const [k, p] of this.cache.pending) {
      if (this.assumed.has(k)) continue;
      const u = this.unschedulable.get(k);
      if (u) {
        if (this.moveRequested && !peek) u.moved = true;
        const moved = u.moved || this.moveRequested || now - u.at >= UNSCHEDULABLE_RETRY_MS;
        if (!moved || now < u.at + backoffMs(u.attempts)) continue;
      }
      out.push({ pod: p, key: k });
    }
    if (!peek) this.moveRequested = false;
    // Higher priority first, then the older pod (the active queue's order); the keys are
    // made once, not in every comparison (a thousand pending pods at scale).
    out.sort((x, y) => (y.pod.spec.priority ?? 0) - (x.pod.spec.priority ?? 0) || cmp(x.pod.metadata.creationTimestamp, y.pod.metadata.creationTimestamp) || cmp(x.key, y.key));
    return out.map((x) => x.pod);
  }

  /** The cache's snapshot: only the nodes whose pods or Node changed are rebuilt
   * (UpdateSnapshot), so node-totals' memo per NodeInfo holds across ticks. */
  private nodeInfos(): NodeInfo[] {
    return this.cache.snapshot(this.nodes.store.values(), this.nodes.version);
  }

  /** The node infos are built once per tick and kept current as pods are assumed:
   * rebuilding them per pod costs pods × pending, which thousands of pods feel. */
  private scheduleSome(): void {
    const pending = this.queue();
    if (pending.length === 0) return;
    const infos = this.nodeInfos();
    for (const pod of pending.slice(0, PER_TICK)) this.scheduleOne(pod, infos);
  }

  private scheduleOne(pod: Pod, infos: NodeInfo[]): void {
    const key = objectKey(pod);
    const feasible: NodeInfo[] = [];
    const names: string[] = [];
    const failures: (FilterFailure | undefined)[] = [];
    const want = podRequests(pod);
    for (const info of infos) {
      const failure = runFilters(pod, info, want);
      failures.push(failure);
      if (!failure) {
        feasible.push(info);
        names.push(info.node.metadata.name ?? '');
      }
    }
    const scoring = feasible.length > 0 ? scoreColumns(pod, feasible, infos) : undefined;
    // The snapshot is sorted by name (cache.ts), so are the feasible nodes: selectHost's
    // sort is not needed.
    const host = scoring && selectHostInOrder(names, scoring.totals, (lo, hi) => this.rt.rng.int(lo, hi));
    const message = host ? undefined : unschedulableMessage(infos.length, filterReasons(infos, failures));
    // The rows (one per node) are built only if the decision is still kept when a view
    // asks for it: at 100 nodes 10 decisions are kept of the thousand made. (`infos` may
    // have an entry replaced by the assume below, always with the same Node: the rows
    // read only the nodes' names.)
    this.decisions.record({ pod: key, uid: pod.metadata.uid ?? '', atMs: this.rt.now(), ...(host ? { node: host } : { message: message! }), rowCount: infos.length, rows: () => decisionRows(infos, failures, scoring), ...(scoring && scoring.skipped.length > 0 ? { skipped: scoring.skipped } : {}) });
    if (!host) return this.unfit(pod, message!);
    this.unschedulable.delete(key);
    this.assumed.set(key, host);
    this.cache.set(key, pod, host);
    const i = infos.findIndex((x) => x.node.metadata.name === host);
    if (i >= 0) infos[i] = { node: infos[i]!.node, pods: [...infos[i]!.pods, pod], totals: undefined };
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name ?? '';
    this.api.request({ verb: 'bind', resource: 'pods', namespace: ns, name, node: host }, (r) => {
      if (!r.ok) {
        this.assumed.delete(key);
        const cur = this.pods.store.get(key);
        if (cur) this.cache.set(key, cur, undefined);
        return;
      }
      this.recorder.record({ kind: 'Pod', namespace: ns, name, uid: pod.metadata.uid ?? '' }, 'Normal', 'Scheduled', `Successfully assigned ${ns}/${name} to ${host}`);
    });
  }

  private unfit(pod: Pod, message: string): void {
    const key = objectKey(pod);
    const before = this.unschedulable.get(key);
    this.unschedulable.set(key, { at: this.rt.now(), message, attempts: (before?.attempts ?? 0) + 1, moved: false });
    if (before?.message === message) return;
    const ns = pod.metadata.namespace ?? 'default';
    const name = pod.metadata.name ?? '';
    this.recorder.record({ kind: 'Pod', namespace: ns, name, uid: pod.metadata.uid ?? '' }, 'Warning', 'FailedScheduling', message);
    const conditions = [
      ...(pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'),
      { type: 'PodScheduled' as const, status: 'False' as const, lastProbeTime: null, lastTransitionTime: timestamp(this.rt.now()), reason: 'Unschedulable', message },
    ];
    this.api.request({ verb: 'updateStatus', resource: 'pods', namespace: ns, name, body: { ...pod, status: { ...pod.status, conditions } } }, () => {});
  }

  private clientsView(): { clients?: SchedulerView['clients'] } {
    const clients = this.client.rateViews();
    return clients ? { clients } : {};
  }

  view(): SchedulerView {
    return {
      kind: 'kube-scheduler', election: this.elector.view(), pending: this.queue(true).length, unschedulable: this.unschedulable.size,
      ...(this.leaderSinceMs !== undefined ? { leaderSinceMs: this.leaderSinceMs } : {}),
      filterPlugins: FILTER_PLUGINS, scorePlugins: SCORE_PLUGINS, decisions: this.decisions.list(), keep: this.decisions.keep,
      ...this.clientsView(),
    };
  }
}

/** One row per node, in the nodes' order: the filter that failed, or the scores of a
 * node that passed (`scoring` is over the nodes that passed, in the same order). */
function decisionRows(infos: readonly NodeInfo[], failures: readonly (FilterFailure | undefined)[], scoring: ScoreColumns | undefined): DecisionRow[] {
  const rows: DecisionRow[] = [];
  let n = 0;
  for (let i = 0; i < infos.length; i++) {
    const node = infos[i]!.node.metadata.name ?? '';
    const failed = failures[i];
    if (failed) rows.push({ node, failed });
    else if (scoring) {
      rows.push({ node, scores: scoresOf(scoring.columns, n), total: scoring.totals[n]! });
      n++;
    } else rows.push({ node });
  }
  return rows;
}

/** Why each node failed its filters, by node name (unschedulableMessage's input). */
function filterReasons(infos: readonly NodeInfo[], failures: readonly (FilterFailure | undefined)[]): Map<string, string[]> {
  const reasons = new Map<string, string[]>();
  infos.forEach((info, i) => {
    const failed = failures[i];
    if (failed) reasons.set(info.node.metadata.name ?? '', [...failed.reasons]);
  });
  return reasons;
}

function cmp(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

/** A version-4 UUID from the process's stream (the holderIdentity suffix). */
export function uuid(rt: Runtime): string {
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[rt.rng.int(0, 16)];
    return s;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[rt.rng.int(0, 4)]}${hex(3)}-${hex(12)}`;
}
