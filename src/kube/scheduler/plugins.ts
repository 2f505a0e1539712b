// kube-scheduler's default filter plugins, as pure functions over a pod and the nodes
// (each with the pods already on it), and selectHost. Filters say why a node is
// rejected, in the real wording, so "0/3 nodes are available: …" reads like the real
// scheduler's. The score plugins are in scores.ts.

import { matchesLabels, matchesNodeSelectorTerm } from '../api/labels';
import type { Node, Pod, Taint, Toleration } from '../api/types';
import { podRequests, type PodRequests } from './pod-requests';
import { nodeTotals, type NodeTotals } from './node-totals';

export { podRequests } from './pod-requests';

export interface NodeInfo {
  readonly node: Node;
  /** Pods bound to the node and not terminated. */
  readonly pods: readonly Pod[];
  /** What its pods add up to, filled by nodeTotals on first use (node-totals.ts). */
  totals?: NodeTotals | undefined;
}

export function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (!t.key) return t.operator === 'Exists';
  if (t.key !== taint.key) return false;
  return t.operator === 'Exists' || (t.value ?? '') === (taint.value ?? '');
}

function untolerated(pod: Pod, node: Node, effects: readonly Taint['effect'][]): Taint | undefined {
  // Most nodes have no taints: no closure for them (this runs per node and pod).
  if (!node.spec.taints || node.spec.taints.length === 0) return undefined;
  return node.spec.taints.find((taint) => effects.includes(taint.effect) && !(pod.spec.tolerations ?? []).some((t) => tolerates(t, taint)));
}

const HARD_EFFECTS: readonly Taint['effect'][] = ['NoSchedule', 'NoExecute'];

function affinityMatches(pod: Pod, node: Node): boolean {
  const labels = node.metadata.labels;
  if (pod.spec.nodeSelector && !matchesLabels(pod.spec.nodeSelector, labels)) return false;
  const req = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  if (req && req.nodeSelectorTerms.length > 0 && !req.nodeSelectorTerms.some((t) => matchesNodeSelectorTerm(t.matchExpressions, labels))) return false;
  return true;
}

/** The default profile's filter plugins that this scheduler runs, in their order. */
export const FILTER_PLUGINS = ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodeResourcesFit'] as const;
export type FilterPlugin = (typeof FILTER_PLUGINS)[number];

/** The first filter that rejected a node, with the framework's status code: the
 * plugins before it passed, those after it did not run (RunFilterPlugins stops at the
 * first failure). */
export interface FilterFailure {
  readonly plugin: FilterPlugin;
  /** UnschedulableAndUnresolvable: preemption could not help (the node itself is wrong). */
  readonly status: 'Unschedulable' | 'UnschedulableAndUnresolvable';
  readonly reasons: readonly string[];
}

/** Why `info.node` cannot take the pod (undefined: it fits). Plugins in the default
 * profile's order; like the real framework, the first failing plugin decides. `want`:
 * the pod's requests (the scheduler reads them once per pod, not once per node). */
export function runFilters(pod: Pod, info: NodeInfo, want: PodRequests = podRequests(pod)): FilterFailure | undefined {
  const node = info.node;
  if (node.spec.unschedulable && !(pod.spec.tolerations ?? []).some((t) => tolerates(t, UNSCHEDULABLE_TAINT))) return unresolvable('NodeUnschedulable', 'node(s) were unschedulable');
  if (pod.spec.nodeName && pod.spec.nodeName !== node.metadata.name) return unresolvable('NodeName', "node(s) didn't match the requested node name");
  const taint = untolerated(pod, node, HARD_EFFECTS);
  if (taint) return unresolvable('TaintToleration', `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`);
  if (!affinityMatches(pod, node)) return unresolvable('NodeAffinity', "node(s) didn't match Pod's node affinity/selector");
  // The pods' requests summed from 0 in their order, the node's allocatable and pod
  // limit parsed: once per NodeInfo (node-totals.ts; this runs for every node and pod).
  const used = nodeTotals(info);
  const tooMany = info.pods.length + 1 > used.maxPods;
  const noCpu = want.cpu > 0 && used.cpu + want.cpu > used.allocCpu;
  const noMemory = want.memory > 0 && used.memory + want.memory > used.allocMemory;
  if (!tooMany && !noCpu && !noMemory) return undefined;
  const out: string[] = [];
  if (tooMany) out.push('Too many pods');
  if (noCpu) out.push('Insufficient cpu');
  if (noMemory) out.push('Insufficient memory');
  return { plugin: 'NodeResourcesFit', status: 'Unschedulable', reasons: out };
}

const UNSCHEDULABLE_TAINT: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

function unresolvable(plugin: FilterPlugin, reason: string): FilterFailure {
  return { plugin, status: 'UnschedulableAndUnresolvable', reasons: [reason] };
}

/** Why `info.node` cannot take the pod (empty: it fits). */
export function filterNode(pod: Pod, info: NodeInfo): string[] {
  return [...(runFilters(pod, info)?.reasons ?? [])];
}

/** The best node; among equal scores one at random (reservoir sampling, as the real
 * selectHost), deterministic for a given random function. */
export function selectHost(scores: Map<string, number>, randomInt: (lo: number, hiExclusive: number) => number): string | undefined {
  const names = [...scores.keys()].sort();
  return selectHostInOrder(names, names.map((n) => scores.get(n)!), randomInt);
}

/** selectHost over names already in sorted order (the scheduler's snapshot is sorted by
 * name, and so are the nodes that pass its filters), `totals[i]` being `names[i]`'s. */
export function selectHostInOrder(names: readonly string[], totals: readonly number[], randomInt: (lo: number, hiExclusive: number) => number): string | undefined {
  let best: string | undefined;
  let bestScore = -Infinity;
  let ties = 0;
  for (let i = 0; i < names.length; i++) {
    const s = totals[i]!;
    if (s > bestScore) {
      best = names[i];
      bestScore = s;
      ties = 1;
    } else if (s === bestScore) {
      ties++;
      if (randomInt(0, ties) === 0) best = names[i];
    }
  }
  return best;
}

/** The FitError message: "0/3 nodes are available: 1 node(s) …, 2 node(s) …. preemption: …". */
export function unschedulableMessage(total: number, reasons: Map<string, string[]>): string {
  if (total === 0) return 'no nodes available to schedule pods';
  const counts = new Map<string, number>();
  for (const rs of reasons.values()) for (const r of rs) counts.set(r, (counts.get(r) ?? 0) + 1);
  const parts = [...counts].map(([r, n]) => `${n} ${r}`).sort();
  return `0/${total} nodes are available: ${parts.join(', ')}. preemption: 0/${total} nodes are available: ${total} Preemption is not helpful for scheduling.`;
}
