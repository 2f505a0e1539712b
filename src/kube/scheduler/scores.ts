// kube-scheduler's default score plugins (v1.31, the default profile of
// pkg/scheduler/apis/config/v1/default_plugins.go), in the profile's order with its
// weights. Each gives every node that passed the filters 0–100 (after its
// NormalizeScore); a node's total is Σ weight × score, and selectHost takes the highest.
// The arithmetic is the real one: Go's int64 division truncates, so does this.

import { matchesNodeSelectorTerm } from '../api/labels';
import type { Node, Pod } from '../api/types';
import { interPodAffinityScores } from './inter-pod-affinity';
import { tolerates, type NodeInfo } from './plugins';
import { podRequests, type PodRequests } from './pod-requests';
import { exact, nodeTotals } from './node-totals';
import { topologySpreadScores } from './topology-spread';

export const SCORE_PLUGINS = [
  { name: 'TaintToleration', weight: 3 },
  { name: 'NodeAffinity', weight: 2 },
  { name: 'NodeResourcesFit', weight: 1 },
  { name: 'PodTopologySpread', weight: 2 },
  { name: 'InterPodAffinity', weight: 2 },
  { name: 'NodeResourcesBalancedAllocation', weight: 1 },
  { name: 'ImageLocality', weight: 1 },
] as const;
export type ScorePlugin = (typeof SCORE_PLUGINS)[number]['name'];

export interface NodeScore {
  /** One per SCORE_PLUGINS entry, 0–100, before weighting (0 for a skipped plugin). */
  readonly scores: readonly number[];
  /** Σ weight × score: what selectHost compares. */
  readonly total: number;
}

/** What the scoring saw besides the numbers: the plugins whose PreScore skipped the pod
 * (the framework does not run them; they add nothing). */
export interface ScoreResult {
  readonly nodes: Map<string, NodeScore>;
  readonly skipped: readonly ScorePlugin[];
}

/** The node's requested resources with the pod added (NodeInfo.NonZeroRequested, and
 * .Requested as BalancedAllocation asks), and its allocatable: cpu, then memory. Written
 * into `out` (one object per scoring pass, not three arrays per node: this runs for
 * every node and every pod placed). */
interface Usage {
  requestedCpu: number;
  requestedMemory: number;
  nonZeroCpu: number;
  nonZeroMemory: number;
  capCpu: number;
  capMemory: number;
}

function usage(own: PodRequests, info: NodeInfo, out: Usage): Usage {
  const t = nodeTotals(info);
  out.capCpu = t.allocCpu;
  out.capMemory = t.allocMemory;
  if (t.integral && exact(own) && Number.isSafeInteger(own.memoryNonZero + t.memoryNonZero) && Number.isSafeInteger(own.memory + t.memory) && Number.isSafeInteger(own.cpu + t.cpu) && Number.isSafeInteger(own.cpuNonZero + t.cpuNonZero)) {
    out.requestedCpu = own.cpu + t.cpu;
    out.requestedMemory = own.memory + t.memory;
    out.nonZeroCpu = own.cpuNonZero + t.cpuNonZero;
    out.nonZeroMemory = own.memoryNonZero + t.memoryNonZero;
    return out;
  }
  let cpu = own.cpu, memory = own.memory, cpuNZ = own.cpuNonZero, memoryNZ = own.memoryNonZero;
  for (const p of info.pods) {
    const r = podRequests(p);
    cpu += r.cpu;
    memory += r.memory;
    cpuNZ += r.cpuNonZero;
    memoryNZ += r.memoryNonZero;
  }
  out.requestedCpu = cpu;
  out.requestedMemory = memory;
  out.nonZeroCpu = cpuNZ;
  out.nonZeroMemory = memoryNZ;
  return out;
}

/** One resource's free share, 0–100 (leastRequestedScore); undefined for a resource
 * of zero capacity (it does not count). */
function freeShare(used: number, cap: number): number | undefined {
  if (cap === 0) return undefined;
  return used > cap ? 0 : Math.floor(((cap - used) * 100) / cap);
}

/** NodeResourcesFit, LeastAllocated (cpu and memory, weight 1 each): the free share. */
function leastAllocated(u: Usage): number {
  const cpu = freeShare(u.nonZeroCpu, u.capCpu);
  const memory = freeShare(u.nonZeroMemory, u.capMemory);
  const weights = (cpu === undefined ? 0 : 1) + (memory === undefined ? 0 : 1);
  return weights === 0 ? 0 : Math.floor(((cpu ?? 0) + (memory ?? 0)) / weights);
}

/** NodeResourcesBalancedAllocation: 100 × (1 − the spread of the cpu and memory
 * fractions), from the pods' actual requests (useRequested). With one resource of zero
 * capacity there is one fraction and no spread. */
function balancedAllocation(u: Usage): number {
  const std = u.capCpu !== 0 && u.capMemory !== 0 ? Math.abs((Math.min(1, u.requestedCpu / u.capCpu) - Math.min(1, u.requestedMemory / u.capMemory)) / 2) : 0;
  return Math.trunc((1 - std) * 100);
}

/** TaintToleration: PreferNoSchedule taints the pod does not tolerate (fewer is better). */
function intolerablePreferNoSchedule(pod: Pod, node: Node): number {
  // Most nodes have no taints: nothing to count, no copies (this runs per node and pod).
  if (!node.spec.taints || node.spec.taints.length === 0) return 0;
  const tolerations = (pod.spec.tolerations ?? []).filter((t) => !t.effect || t.effect === 'PreferNoSchedule');
  return (node.spec.taints ?? []).filter((t) => t.effect === 'PreferNoSchedule' && !tolerations.some((x) => tolerates(x, t))).length;
}

/** NodeAffinity: the weights of the preferred terms the node matches. */
function preferredAffinityWeight(pod: Pod, node: Node): number {
  let w = 0;
  for (const term of pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []) {
    if (matchesNodeSelectorTerm(term.preference.matchExpressions, node.metadata.labels)) w += term.weight;
  }
  return w;
}

/** helper.DefaultNormalizeScore: scaled so the highest is 100 (reversed: the lowest). */
function defaultNormalize(raw: readonly number[], reverse: boolean): number[] {
  const max = Math.max(0, ...raw);
  if (max === 0) return raw.map(() => (reverse ? 100 : 0));
  return raw.map((s) => {
    const n = Math.floor((100 * s) / max);
    return reverse ? 100 - n : n;
  });
}

const MB = 1024 * 1024;
/** imagelocality: below 23 MB an image is not worth moving a pod for; 1000 MB a container is the most it counts. */
const MIN_IMAGE_BYTES = 23 * MB;
const MAX_CONTAINER_IMAGE_BYTES = 1000 * MB;

/** "nginx" → "nginx:latest", as the scheduler normalises image names. */
function normalizedImage(name: string): string {
  return name.lastIndexOf(':') <= name.lastIndexOf('/') && !name.includes('@') ? `${name}:latest` : name;
}

/** ImageLocality: the sizes of the pod's images already on the node, each scaled by
 * the share of nodes that have it, between 23 MB and 1000 MB per container. It reads
 * node.status.images; the kubelets here do not report them, so it gives 0. */
function imageLocalityScores(pod: Pod, feasible: readonly NodeInfo[], all: readonly NodeInfo[]): number[] {
  const images = (n: Node) => ((n.status as { images?: { names?: string[]; sizeBytes?: number }[] } | undefined)?.images ?? []);
  if (!all.some((info) => images(info.node).length > 0)) return feasible.map(() => 0);
  const nodesWith = new Map<string, number>();
  for (const info of all) for (const img of images(info.node)) for (const name of img.names ?? []) nodesWith.set(name, (nodesWith.get(name) ?? 0) + 1);
  const containers = pod.spec.containers.length;
  const maxBytes = MAX_CONTAINER_IMAGE_BYTES * containers;
  return feasible.map((info) => {
    const size = new Map<string, number>();
    for (const img of images(info.node)) for (const name of img.names ?? []) size.set(name, img.sizeBytes ?? 0);
    let sum = 0;
    for (const c of pod.spec.containers) {
      const name = normalizedImage(c.image);
      const s = size.get(name);
      if (s !== undefined) sum += Math.trunc(s * ((nodesWith.get(name) ?? 0) / all.length));
    }
    const clamped = Math.min(maxBytes, Math.max(MIN_IMAGE_BYTES, sum));
    return Math.floor((100 * (clamped - MIN_IMAGE_BYTES)) / (maxBytes - MIN_IMAGE_BYTES));
  });
}

/** Every score plugin's 0–100 for each node in `feasible`, as columns in SCORE_PLUGINS'
 * order, and each node's weighted total (in `feasible`'s order): what the scheduler
 * reads for every pod it places, without an object per node. `all`: every node in the
 * scheduler's snapshot, with the pods on it (bound or assumed), for the plugins that
 * count across domains. */
export interface ScoreColumns {
  readonly columns: readonly (readonly number[])[];
  readonly totals: readonly number[];
  readonly skipped: readonly ScorePlugin[];
}

/** A plugin's scores, or zeros with the plugin noted as skipped. A module function, not
 * a closure bound to a name in scoreColumns: run through tsx/esbuild (the benchmarks)
 * such a closure is wrapped to keep its name (`__name`) each time it is made. */
function orSkipped(skipped: ScorePlugin[], feasible: readonly NodeInfo[], name: ScorePlugin, s: number[] | undefined): number[] {
  if (s) return s;
  skipped.push(name);
  return feasible.map(() => 0);
}

export function scoreColumns(pod: Pod, feasible: readonly NodeInfo[], all: readonly NodeInfo[] = feasible): ScoreColumns {
  const skipped: ScorePlugin[] = [];
  const nodeAffinity = pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length
    ? defaultNormalize(feasible.map((i) => preferredAffinityWeight(pod, i.node)), false)
    : undefined;
  const fit: number[] = [];
  const balanced: number[] = [];
  const u: Usage = { requestedCpu: 0, requestedMemory: 0, nonZeroCpu: 0, nonZeroMemory: 0, capCpu: 0, capMemory: 0 };
  const own = podRequests(pod);
  for (const info of feasible) {
    usage(own, info, u);
    fit.push(leastAllocated(u));
    balanced.push(balancedAllocation(u));
  }
  const columns: Record<ScorePlugin, number[]> = {
    TaintToleration: defaultNormalize(feasible.map((i) => intolerablePreferNoSchedule(pod, i.node)), true),
    NodeAffinity: orSkipped(skipped, feasible, 'NodeAffinity', nodeAffinity),
    NodeResourcesFit: fit,
    PodTopologySpread: orSkipped(skipped, feasible, 'PodTopologySpread', topologySpreadScores(pod, feasible, all)),
    InterPodAffinity: orSkipped(skipped, feasible, 'InterPodAffinity', interPodAffinityScores(pod, feasible, all)),
    NodeResourcesBalancedAllocation: balanced,
    ImageLocality: imageLocalityScores(pod, feasible, all),
  };
  const cols = SCORE_PLUGINS.map((p) => columns[p.name]);
  const totals: number[] = [];
  for (let n = 0; n < feasible.length; n++) {
    let total = 0;
    for (let i = 0; i < cols.length; i++) total += SCORE_PLUGINS[i]!.weight * cols[i]![n]!;
    totals.push(total);
  }
  return { columns: cols, totals, skipped };
}

/** Node `n`'s scores, one per SCORE_PLUGINS entry (a decision row's). */
export function scoresOf(columns: readonly (readonly number[])[], n: number): number[] {
  return columns.map((c) => c[n]!);
}

/** scoreColumns per node name: each node's scores and total. */
export function scoreBreakdown(pod: Pod, feasible: readonly NodeInfo[], all: readonly NodeInfo[] = feasible): ScoreResult {
  const { columns, totals, skipped } = scoreColumns(pod, feasible, all);
  const nodes = new Map<string, NodeScore>();
  for (let n = 0; n < feasible.length; n++) nodes.set(feasible[n]!.node.metadata.name ?? '', { scores: scoresOf(columns, n), total: totals[n]! });
  return { nodes, skipped };
}

/** Weighted totals of the nodes that passed the filters (scoreBreakdown's totals). */
export function scoreNodes(pod: Pod, feasible: readonly NodeInfo[], all: readonly NodeInfo[] = feasible): Map<string, number> {
  return new Map([...scoreBreakdown(pod, feasible, all).nodes].map(([name, s]) => [name, s.total]));
}
