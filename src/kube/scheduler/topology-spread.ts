// PodTopologySpread's score with the system default constraints (kube-scheduler v1.31,
// pkg/scheduler/framework/plugins/podtopologyspread/scoring.go): what spreads a
// Deployment's pods over the nodes when they ask for nothing else.
//
// The defaults, used when a pod sets no topologySpreadConstraints of its own:
//   kubernetes.io/hostname        maxSkew 3, ScheduleAnyway
//   topology.kubernetes.io/zone   maxSkew 5, ScheduleAnyway
// Both are soft: they only score. A node's raw score is, per constraint whose key the
// node has, (matching pods in its domain) × ln(domains + 2) + (maxSkew − 1), rounded;
// then normalised so the emptiest node gets 100: 100 × (max + min − s) / max.
//
// The default constraints' selector is built from the Services, ReplicationControllers,
// ReplicaSets and StatefulSets that select the pod (helper.DefaultSelector). This
// scheduler watches no Services or ReplicaSets, so it counts what that selector finds
// for a controlled pod: the pods of the same controller (a ReplicaSet's selector carries
// pod-template-hash, so it selects exactly its own pods, and every Service that selects
// one of them selects them all). A pod with no such controller is not spread (as if no
// Service selected it): the plugin skips it.

import { matchesLabels, matchesNodeSelectorTerm } from '../api/labels';
import type { Pod } from '../api/types';
import type { NodeInfo } from './plugins';
import { controllerKey, controllerUid, nodeTotals } from './node-totals';

/** The system default constraints (podtopologyspread/plugin.go systemDefaultConstraints). */
export const SYSTEM_DEFAULT_CONSTRAINTS = [
  { topologyKey: 'kubernetes.io/hostname', maxSkew: 3 },
  { topologyKey: 'topology.kubernetes.io/zone', maxSkew: 5 },
] as const;

const HOSTNAME = 'kubernetes.io/hostname';

/** countPodsMatchSelector: terminating pods and other namespaces do not count (counted
 * once per NodeInfo, node-totals.ts); `key` is controllerKey(namespace, controller uid). */
function countMatching(info: NodeInfo, key: string): number {
  return nodeTotals(info).byController.get(key) ?? 0;
}

/** The pod's required node affinity (nodeSelector and required terms): NodeAffinityPolicy
 * Honor, so only nodes the pod could go to count in a domain. */
function requiredAffinityMatches(pod: Pod, labels: Readonly<Record<string, string>> | undefined): boolean {
  if (pod.spec.nodeSelector && !matchesLabels(pod.spec.nodeSelector, labels)) return false;
  const req = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
  return !req || req.nodeSelectorTerms.length === 0 || req.nodeSelectorTerms.some((t) => matchesNodeSelectorTerm(t.matchExpressions, labels));
}

/** Normalised 0–100 scores of `feasible`, in its order; undefined when the plugin skips
 * the pod (no constraint applies). `all`: every node, for the counts per zone. */
export function topologySpreadScores(pod: Pod, feasible: readonly NodeInfo[], all: readonly NodeInfo[]): number[] | undefined {
  const uid = controllerUid(pod);
  if (uid === undefined || feasible.length === 0) return undefined;
  const key = controllerKey(pod.metadata.namespace ?? 'default', uid);
  // PreScore: the domains among the candidates (a node without the label is in the ""
  // domain here, as the real map is keyed), and the pods per domain over all nodes.
  // Only a key some candidate has can score (Score skips a node without it): no zone
  // labels (no cloud), no domains to count and no pass over every node's pods.
  const scored = SYSTEM_DEFAULT_CONSTRAINTS.some((c) => c.topologyKey !== HOSTNAME && feasible.some((info) => info.node.metadata.labels?.[c.topologyKey] !== undefined));
  const perDomain = SYSTEM_DEFAULT_CONSTRAINTS.map(() => new Map<string, number>());
  if (scored) {
    SYSTEM_DEFAULT_CONSTRAINTS.forEach((c, i) => {
      if (c.topologyKey === HOSTNAME) return;
      for (const info of feasible) perDomain[i]!.set(info.node.metadata.labels?.[c.topologyKey] ?? '', 0);
    });
  }
  // (Unscored, a zone constraint's weight is never used: no candidate has its key.)
  const weights = SYSTEM_DEFAULT_CONSTRAINTS.map((c, i) => Math.log((c.topologyKey === HOSTNAME ? feasible.length : perDomain[i]!.size) + 2));
  for (const info of scored ? all : []) {
    const labels = info.node.metadata.labels;
    if (!requiredAffinityMatches(pod, labels)) continue;
    SYSTEM_DEFAULT_CONSTRAINTS.forEach((c, i) => {
      if (c.topologyKey === HOSTNAME) return;
      const value = labels?.[c.topologyKey] ?? '';
      const count = perDomain[i]!.get(value);
      if (count !== undefined) perDomain[i]!.set(value, count + countMatching(info, key));
    });
  }
  // Score: only the constraints whose key the node has.
  const raw = feasible.map((info) => {
    let score = 0;
    const labels = info.node.metadata.labels;
    for (let i = 0; i < SYSTEM_DEFAULT_CONSTRAINTS.length; i++) {
      const c = SYSTEM_DEFAULT_CONSTRAINTS[i]!;
      const value = labels?.[c.topologyKey];
      if (value === undefined) continue;
      const count = c.topologyKey === HOSTNAME ? countMatching(info, key) : perDomain[i]!.get(value) ?? 0;
      score += count * weights[i]! + (c.maxSkew - 1);
    }
    return Math.round(score);
  });
  // NormalizeScore, in integers as Go's int64.
  const max = Math.max(...raw);
  const min = Math.min(...raw);
  return raw.map((s) => (max === 0 ? 100 : Math.floor((100 * (max + min - s)) / max)));
}
