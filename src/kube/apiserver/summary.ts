// A small picture of the cluster from an apiserver's watch cache, for the UI: pods by
// node with their phase, nodes with readiness, cordon and taints, lease holders and
// Deployments. Plain data, recomputed only when the cache's revision moves.

import { jobCompletions, jobStatusText, type CronJob, type Job } from '../api/batch-types';
import { nextTime, parseSchedule } from '../api/cron';
import { RESOURCES } from '../api/resources';
import { parseTimestamp } from '../api/time';
import type { Deployment, Lease, Node, Pod, Taint, Toleration } from '../api/types';
import type { Change, WatchCache } from './cache';
import { jsonEqual } from '../api/json-equal';
import type { PodSummary, NodeSummary, ClusterSummary } from '../../protocol/kube-views';

export type { PodSummary, NodeSummary, ClusterSummary } from '../../protocol/kube-views';

export const EMPTY_SUMMARY: ClusterSummary = { pods: [], nodes: [], leases: {}, deployments: [] };

/** When a pod on a node with these NoExecute taints is evicted: the earliest taint it
 * tolerates only for a while (an untolerated one evicts at once, already done). */
function evictAt(taints: readonly Taint[], tolerations: readonly Toleration[] | undefined): number | undefined {
  let at: number | undefined;
  for (const t of taints) {
    if (t.effect !== 'NoExecute' || !t.timeAdded) continue;
    const tol = (tolerations ?? []).find((x) => (x.operator === 'Exists' && !x.key) || (x.key === t.key && (!x.effect || x.effect === 'NoExecute')));
    if (tol?.tolerationSeconds === undefined) continue;
    const when = parseTimestamp(t.timeAdded) + tol.tolerationSeconds * 1000;
    at = at === undefined ? when : Math.min(at, when);
  }
  return at;
}

/** Summaries of the objects they were made from. A decoded object is never mutated and
 * is shared by every apiserver of the process (cache.ts), so a pod's summary stays valid
 * while its object and its node's object are the same: at 100 workers and 1 000 pods the
 * summaries of three apiservers, remade every frame while the rollout moved the caches,
 * were a fifth of the page's simulation worker (issue 14). */
const POD_SUMMARIES = new WeakMap<Pod, { readonly node: Node | undefined; readonly summary: PodSummary }>();
const NODE_SUMMARIES = new WeakMap<Node, NodeSummary>();
const LEASE_TIMES = new WeakMap<Lease, LeaseTime | null>();
const DEPLOYMENT_SUMMARIES = new WeakMap<Deployment, DeploymentSummary>();
const JOB_SUMMARIES = new WeakMap<Job, JobSummary>();
const CRONJOB_SUMMARIES = new WeakMap<CronJob, CronJobSummary>();

/** No jobs, no cronjobs: one empty list, so an unchanged summary compares as one. */
const NONE: readonly never[] = [];

type LeaseTime = NonNullable<ClusterSummary['leaseTimes']>[string];
type DeploymentSummary = ClusterSummary['deployments'][number];
type JobSummary = NonNullable<ClusterSummary['jobs']>[number];
type CronJobSummary = NonNullable<ClusterSummary['cronjobs']>[number];

/** The cluster summary of an apiserver's cache. Pass the summary it gave last time
 * (`prev`): every part equal to a part of it is that part itself, the same object, and
 * an unchanged summary is `prev`. The page's simulation worker keeps every view for
 * time travel (a view history moment every second of sim time at "max"), sharing what
 * is equal with the moment before; that comparison walked the three summaries whole
 * (node labels, lease times) whenever a Lease was renewed, and was the largest part of
 * a moment. With stable parts it stops at the first identical object. A summary made
 * again for an object (a pod whose node changed, a node's new status) is compared
 * once, here, against the one it replaces. */
export function summarize(cache: WatchCache, prev: ClusterSummary = EMPTY_SUMMARY): ClusterSummary {
  const [nodeList, podList, leaseList, deploymentList, jobList, cronjobList] = cache.listResources([
    RESOURCES.nodes.prefix, RESOURCES.pods.prefix, RESOURCES.leases.prefix, RESOURCES.deployments.prefix, RESOURCES.jobs.prefix, RESOURCES.cronjobs.prefix,
  ]);
  const nodeObjects = nodeList as Node[];
  const nodesByName = new Map(nodeObjects.map((n) => [n.metadata.name ?? '', n]));
  const pods = sameItems(
    (podList as Pod[]).map((p, i) => {
      const node = nodesByName.get(p.spec.nodeName ?? '');
      const hit = POD_SUMMARIES.get(p);
      if (hit !== undefined && hit.node === node) return hit.summary;
      const summary = stable(podSummary(p, node), hit?.summary ?? named(prev.pods, i, p.metadata.namespace ?? 'default', p.metadata.name ?? ''));
      POD_SUMMARIES.set(p, { node, summary });
      return summary;
    }),
    prev.pods,
  );
  const nodes = sameItems(
    nodeObjects.map((n, i) => {
      let summary = NODE_SUMMARIES.get(n);
      if (summary === undefined) NODE_SUMMARIES.set(n, (summary = stable(nodeSummary(n), named(prev.nodes, i, undefined, n.metadata.name ?? ''))));
      return summary;
    }),
    prev.nodes,
  );
  const leasesMade: Record<string, string> = {};
  const leaseTimesMade: Record<string, LeaseTime> = {};
  for (const l of leaseList as Lease[]) {
    const key = `${l.metadata.namespace}/${l.metadata.name}`;
    leasesMade[key] = l.spec.holderIdentity ?? '';
    const time = leaseTimeOf(l, prev.leaseTimes?.[key]);
    if (time !== null) leaseTimesMade[key] = time;
  }
  const leases = sameRecord(leasesMade, prev.leases);
  const leaseTimes = sameRecord(leaseTimesMade, prev.leaseTimes);
  const deployments = sameItems(
    (deploymentList as Deployment[]).map((d, i) => cached(DEPLOYMENT_SUMMARIES, d, () => ({
      namespace: d.metadata.namespace ?? 'default',
      name: d.metadata.name ?? '',
      replicas: d.spec.replicas ?? 1,
      ready: d.status?.readyReplicas ?? 0,
      ...(d.spec.paused ? { paused: true as const } : {}),
    }), prev.deployments[i])),
    prev.deployments,
  );
  const jobs = sameItems(
    (jobList as Job[]).map((j, i) => cached(JOB_SUMMARIES, j, () => ({
      namespace: j.metadata.namespace ?? 'default',
      name: j.metadata.name ?? '',
      status: jobStatusText(j),
      completions: jobCompletions(j),
      active: j.status?.active ?? 0,
    }), prev.jobs?.[i])),
    prev.jobs ?? NONE,
  );
  const cronjobs = sameItems(
    (cronjobList as CronJob[]).map((cj, i) => cached(CRONJOB_SUMMARIES, cj, () => {
      const last = cj.status?.lastScheduleTime ? parseTimestamp(cj.status.lastScheduleTime) : NaN;
      return {
        namespace: cj.metadata.namespace ?? 'default',
        name: cj.metadata.name ?? '',
        schedule: cj.spec?.schedule ?? '',
        suspend: cj.spec?.suspend === true,
        active: cj.status?.active?.length ?? 0,
        ...(Number.isNaN(last) ? {} : { lastScheduleMs: last }),
        ...nextScheduleField(cj, last),
      };
    }, prev.cronjobs?.[i])),
    prev.cronjobs ?? NONE,
  );
  if (pods === prev.pods && nodes === prev.nodes && leases === prev.leases && leaseTimes === prev.leaseTimes && deployments === prev.deployments && jobs === (prev.jobs ?? NONE) && cronjobs === (prev.cronjobs ?? NONE)) return prev;
  return { pods, nodes, leases, leaseTimes, deployments, ...(jobs.length > 0 ? { jobs } : {}), ...(cronjobs.length > 0 ? { cronjobs } : {}) };
}

/** The resources the summary reads. */
const SUMMARY_PREFIXES: ReadonlySet<string> = new Set([RESOURCES.nodes.prefix, RESOURCES.pods.prefix, RESOURCES.leases.prefix, RESOURCES.deployments.prefix, RESOURCES.jobs.prefix, RESOURCES.cronjobs.prefix]);

/** An apiserver's cluster summary, kept as its cache moves. Most changes of a running
 * cluster are Lease renewals (every node's every 10 s, the leaders' every 2 s) and
 * objects the summary does not show (Events, EndpointSlices): those are taken from the
 * cache's recent changes, without listing the cache again (six resources out of every
 * object, sorted: most of a summary's cost). Anything else, or changes the cache no
 * longer holds, or a cache that went back (a relist after a restore), makes the summary
 * again from the lists. */
export class SummaryBook {
  private rev = -1;
  private summary: ClusterSummary = EMPTY_SUMMARY;

  of(cache: WatchCache): ClusterSummary {
    if (cache.rev === this.rev) return this.summary;
    const changes = this.rev >= 0 && cache.rev > this.rev ? cache.since(this.rev) : undefined;
    this.summary = (changes && renewed(this.summary, changes)) || summarize(cache, this.summary);
    this.rev = cache.rev;
    return this.summary;
  }
}

/** `prev` with these changes when they are only Leases modified and objects the summary
 * does not read; undefined otherwise. */
function renewed(prev: ClusterSummary, changes: readonly Change[]): ClusterSummary | undefined {
  let leases: Record<string, string> | undefined;
  let leaseTimes: Record<string, LeaseTime> | undefined;
  for (const c of changes) {
    if (!SUMMARY_PREFIXES.has(c.resource.prefix)) continue;
    if (c.resource.prefix !== RESOURCES.leases.prefix || c.type !== 'MODIFIED') return undefined;
    const l = c.object as Lease;
    const key = `${l.metadata.namespace}/${l.metadata.name}`;
    const time = leaseTimeOf(l, prev.leaseTimes?.[key]);
    // A lease that gains or loses its times (or was not in the summary) moves keys:
    // the whole summary keeps them in key order.
    if (!Object.hasOwn(prev.leases, key) || (time !== null) !== (prev.leaseTimes !== undefined && Object.hasOwn(prev.leaseTimes, key))) return undefined;
    (leases ??= { ...prev.leases })[key] = l.spec.holderIdentity ?? '';
    if (time !== null) (leaseTimes ??= { ...prev.leaseTimes })[key] = time;
  }
  if (leases === undefined) return prev;
  const nextLeases = sameRecord(leases, prev.leases);
  const nextTimes = leaseTimes === undefined ? prev.leaseTimes : sameRecord(leaseTimes, prev.leaseTimes);
  return nextLeases === prev.leases && nextTimes === prev.leaseTimes ? prev : { ...prev, leases: nextLeases, ...(nextTimes ? { leaseTimes: nextTimes } : {}) };
}

/** A Lease's renew time and duration (null: it has none), made once per object. */
function leaseTimeOf(l: Lease, before: LeaseTime | undefined): LeaseTime | null {
  let time = LEASE_TIMES.get(l);
  if (time === undefined) {
    const made = l.spec.renewTime && l.spec.leaseDurationSeconds ? { renewMs: parseTimestamp(l.spec.renewTime), durationS: l.spec.leaseDurationSeconds } : null;
    LEASE_TIMES.set(l, (time = made && stable(made, before)));
  }
  return time;
}

/** `made`, or `before` when it is equal to it (the same JSON). */
function stable<T>(made: T, before: T | undefined): T {
  return before !== undefined && jsonEqual(before, made) ? before : made;
}

/** An object's summary, made once per (immutable) object and equal ones shared. */
function cached<K extends object, T>(memo: WeakMap<K, T>, object: K, make: () => T, before: T | undefined): T {
  let summary = memo.get(object);
  if (summary === undefined) memo.set(object, (summary = stable(make(), before)));
  return summary;
}

/** The previous summary at the same place in its list, if it is of the same object
 * (lists come in key order, so an unchanged list lines up). */
function named<T extends { readonly name: string; readonly namespace?: string }>(list: readonly T[], i: number, namespace: string | undefined, name: string): T | undefined {
  const at = list[i];
  return at !== undefined && at.name === name && at.namespace === namespace ? at : undefined;
}

/** `prev` when `next` holds the same objects in the same order. */
function sameItems<T>(next: readonly T[], prev: readonly T[]): readonly T[] {
  if (next.length !== prev.length) return next;
  for (let i = 0; i < next.length; i++) if (next[i] !== prev[i]) return next;
  return prev;
}

/** `prev` when `next` has the same keys with the same values (identical objects). */
function sameRecord<V>(next: Record<string, V>, prev: Readonly<Record<string, V>> | undefined): Readonly<Record<string, V>> {
  if (prev === undefined) return next;
  let n = 0;
  for (const k in next) {
    if (prev[k] !== next[k] || !Object.hasOwn(prev, k)) return next;
    n++;
  }
  return n === Object.keys(prev).length ? prev : next;
}

function noExecuteTaints(n: Node | undefined): readonly Taint[] {
  return (n?.spec.taints ?? []).filter((t) => t.effect === 'NoExecute');
}

function podSummary(p: Pod, node: Node | undefined): PodSummary {
  // Statuses are the kubelet's, but etcdctl can write anything: read them defensively.
  const waiting = p.status?.containerStatuses?.find((c) => c.state?.waiting)?.state?.waiting?.reason;
  const unsched = p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False')?.message;
  const owner = p.metadata.ownerReferences?.find((o) => o.controller);
  const scheduled = p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'True')?.lastTransitionTime;
  return {
    namespace: p.metadata.namespace ?? 'default',
    name: p.metadata.name ?? '',
    node: p.spec.nodeName ?? '',
    phase: p.status?.phase ?? 'Pending',
    terminating: p.metadata.deletionTimestamp !== undefined,
    ready: p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    restarts: (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0),
    ...(waiting || unsched ? { reason: waiting ?? unsched } : {}),
    mirror: p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined,
    ...(owner ? { owner: `${owner.kind}/${owner.name}` } : {}),
    ...(typeof p.status?.podIP === 'string' && p.status.podIP ? { ip: p.status.podIP } : {}),
    ...scheduledField(scheduled),
    ...evictField(evictAt(noExecuteTaints(node), p.spec.tolerations)),
  };
}

function nodeSummary(n: Node): NodeSummary {
  return {
    name: n.metadata.name ?? '',
    ready: n.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown',
    unschedulable: n.spec.unschedulable ?? false,
    taints: (n.spec.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
    podCIDR: n.spec.podCIDR ?? '',
    ...internalIPField(n),
    labels: n.metadata.labels ?? {},
    ...noExecuteField(noExecuteTaints(n)),
  };
}

/** The next time the cronjob controller will start a Job: the first scheduled minute
 * after the last start (or the CronJob's creation), as the controller counts it. */
function nextScheduleField(cj: CronJob, last: number): { nextScheduleMs?: number } {
  if (cj.spec?.suspend === true) return {};
  const from = Number.isNaN(last) ? parseTimestamp(cj.metadata.creationTimestamp ?? '') : last;
  const schedule = parseSchedule(cj.spec?.schedule ?? '');
  if (Number.isNaN(from) || 'error' in schedule) return {};
  const next = nextTime(schedule, from);
  return next === undefined ? {} : { nextScheduleMs: next };
}

function evictField(at: number | undefined): { evictAtMs?: number } {
  return at === undefined ? {} : { evictAtMs: at };
}

function noExecuteField(taints: readonly Taint[]): { noExecuteSinceMs?: Record<string, number> } {
  const since = taints.filter((t) => t.timeAdded).map((t) => [t.key, parseTimestamp(t.timeAdded!)] as const);
  return since.length === 0 ? {} : { noExecuteSinceMs: Object.fromEntries(since) };
}

function internalIPField(n: Node): { internalIP?: string } {
  const ip = (n.status?.addresses ?? []).find((a) => a?.type === 'InternalIP')?.address;
  return typeof ip === 'string' && ip ? { internalIP: ip } : {};
}

function scheduledField(at: unknown): { scheduledAtMs?: number } {
  const ms = typeof at === 'string' ? parseTimestamp(at) : NaN;
  return Number.isFinite(ms) ? { scheduledAtMs: ms } : {};
}
