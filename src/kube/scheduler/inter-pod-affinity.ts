// InterPodAffinity's score (kube-scheduler v1.31, interpodaffinity/scoring.go): for
// every pod already placed, a node gains or loses weight in the topology domain of
// that pod's node when
//   - the incoming pod's preferred podAffinity term matches it (+weight),
//   - the incoming pod's preferred podAntiAffinity term matches it (−weight),
//   - its required podAffinity term matches the incoming pod (+hardPodAffinityWeight, 1),
//   - its preferred podAffinity / podAntiAffinity term matches the incoming pod (±weight).
// Scores are then spread over 0–100 between the lowest and the highest node. With no
// term anywhere the plugin skips the pod (every node 0). The filter half of the plugin
// (required terms of the incoming pod) is not modelled here.

import { matchesSelector } from '../api/labels';
import type { Pod, PodAffinityTerm } from '../api/types';
import type { NodeInfo } from './plugins';
import { nodeTotals } from './node-totals';

/** The default KubeSchedulerConfiguration's hardPodAffinityWeight. */
const HARD_POD_AFFINITY_WEIGHT = 1;

interface Weighted {
  readonly weight: number;
  readonly term: PodAffinityTerm;
}

function preferred(p: Pod, kind: 'podAffinity' | 'podAntiAffinity'): Weighted[] {
  return (p.spec.affinity?.[kind]?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((t) => ({ weight: t.weight, term: t.podAffinityTerm }));
}

function required(p: Pod): Weighted[] {
  return (p.spec.affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map((term) => ({ weight: HARD_POD_AFFINITY_WEIGHT, term }));
}

/** AffinityTerm.Matches: the target's namespace is one the term names (by default the
 * namespace of the pod that declares it; an empty namespaceSelector means every one)
 * and its labels match the selector (a missing selector matches nothing). */
function termMatches(term: PodAffinityTerm, owner: Pod, target: Pod): boolean {
  const ns = target.metadata.namespace ?? 'default';
  const names = term.namespaces ?? [];
  const sel = term.namespaceSelector;
  const inNamespace = names.includes(ns)
    || (sel !== undefined && matchesSelector(sel, { 'kubernetes.io/metadata.name': ns }))
    || (names.length === 0 && sel === undefined && ns === (owner.metadata.namespace ?? 'default'));
  return inNamespace && term.labelSelector !== undefined && matchesSelector(term.labelSelector, target.metadata.labels);
}

/** Adds a term's weight to the target's domain when the term matches. (A module function:
 * a closure bound to a name per call is wrapped by tsx/esbuild's `__name`.) */
function add(topo: Map<string, Map<string, number>>, w: Weighted, owner: Pod, target: Pod, labels: Readonly<Record<string, string>> | undefined, sign: number): void {
  const value = labels?.[w.term.topologyKey];
  if (value === undefined || !termMatches(w.term, owner, target)) return;
  const m = topo.get(w.term.topologyKey) ?? new Map<string, number>();
  m.set(value, (m.get(value) ?? 0) + sign * w.weight);
  topo.set(w.term.topologyKey, m);
}

/** Normalised 0–100 scores of `feasible`, in its order; undefined when the plugin skips. */
export function interPodAffinityScores(pod: Pod, feasible: readonly NodeInfo[], all: readonly NodeInfo[]): number[] | undefined {
  const affinity = preferred(pod, 'podAffinity');
  const anti = preferred(pod, 'podAntiAffinity');
  // topologyKey → domain value → score.
  const topo = new Map<string, Map<string, number>>();
  const own = affinity.length > 0 || anti.length > 0;
  for (const info of all) {
    // A node adds nothing when the pod has no preferred terms and none of its pods
    // declares any (counted once per NodeInfo, node-totals.ts).
    if (!own && !nodeTotals(info).affinityPods) continue;
    const labels = info.node.metadata.labels;
    for (const existing of info.pods) {
      for (const w of affinity) add(topo, w, pod, existing, labels, 1);
      for (const w of anti) add(topo, w, pod, existing, labels, -1);
      // Most pods have no terms: the real PreScore visits only nodes with such pods.
      if (!existing.spec.affinity?.podAffinity && !existing.spec.affinity?.podAntiAffinity) continue;
      if (labels && Object.keys(labels).length > 0) for (const w of required(existing)) add(topo, w, existing, pod, labels, 1);
      for (const w of preferred(existing, 'podAffinity')) add(topo, w, existing, pod, labels, 1);
      for (const w of preferred(existing, 'podAntiAffinity')) add(topo, w, existing, pod, labels, -1);
    }
  }
  if (topo.size === 0) return undefined;
  const raw = feasible.map((info) => {
    let s = 0;
    for (const [key, values] of topo) {
      const v = info.node.metadata.labels?.[key];
      if (v !== undefined) s += values.get(v) ?? 0;
    }
    return s;
  });
  const max = Math.max(...raw);
  const min = Math.min(...raw);
  return raw.map((s) => (max - min > 0 ? Math.trunc((100 * (s - min)) / (max - min)) : 0));
}
