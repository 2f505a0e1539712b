// "What the API says": the cluster summary of the live, ready kube-apiserver with the
// highest revision (its watch cache is the freshest). The graph draws pods, node
// readiness and lease holders from it, so a dead worker still shows the pods the API
// believes are there — exactly what kubectl would list.

import type { MachineState } from '../../protocol/frames';
import type { ApiserverView, ClusterSummary, NodeSummary, PodSummary } from '../../protocol/kube-views';
import { shareDeep } from '../store/share';

export type { ClusterSummary, NodeSummary, PodSummary };

const EMPTY: ClusterSummary = { pods: [], nodes: [], leases: {}, deployments: [] };

let lastMachines: Readonly<Record<string, MachineState>> | undefined;
let lastSummary: ClusterSummary = EMPTY;

export function apiserverOf(m: MachineState | undefined): ApiserverView | undefined {
  const v = m?.processes?.['kube-apiserver'] as ApiserverView | undefined;
  return v?.kind === 'kube-apiserver' ? v : undefined;
}

/** Memoised on the machines record's identity (the store shares unchanged frames). */
export function apiSummary(machines: Readonly<Record<string, MachineState>>): ClusterSummary {
  if (machines === lastMachines) return lastSummary;
  let best: ApiserverView | undefined;
  for (const m of Object.values(machines)) {
    const v = apiserverOf(m);
    if (!v || m.status !== 'up' || v.revision === 0) continue;
    if (!best || (v.ready && !best.ready) || (v.ready === best.ready && v.revision > best.revision)) best = v;
  }
  lastMachines = machines;
  // Keep the previous picture while no apiserver answers (all masters down): the
  // objects are still in etcd, and the page should not go blank. The freshest apiserver
  // changes from frame to frame (their caches move a few ms apart): its summary is
  // shared with the previous one, so a pod or node that is the same keeps its object
  // and its tile does not re-render (at 100 workers, every tile on every frame).
  if (best) lastSummary = shareDeep(lastSummary, best.cluster);
  return lastSummary;
}

export function resetApiSummary(): void {
  lastMachines = undefined;
  lastSummary = EMPTY;
}

const nodeIndexes = new WeakMap<readonly NodeSummary[], Map<string, NodeSummary>>();

/** The API's Node by name: every card and tile asks on every store update, so the list
 * is indexed once per version of it (at 100 workers a find per tile was 10 000 string
 * comparisons per frame). */
export function nodeNamed(nodes: readonly NodeSummary[], name: string): NodeSummary | undefined {
  let index = nodeIndexes.get(nodes);
  if (!index) nodeIndexes.set(nodes, (index = new Map(nodes.map((n) => [n.name, n]))));
  return index.get(name);
}

const NO_PODS: readonly PodSummary[] = [];
const podIndexes = new WeakMap<readonly PodSummary[], Map<string, { mirror: PodSummary[]; own: PodSummary[] }>>();

/** The pods the API places on a node, its static pods' mirrors apart: indexed once per
 * version of the pod list, so a card's selector does not filter 1 000 pods on every
 * store update, and (with `useShallow`) the card re-renders only when its own pods
 * change. */
export function podsOn(pods: readonly PodSummary[], node: string, mirror: boolean): readonly PodSummary[] {
  let index = podIndexes.get(pods);
  if (!index) {
    index = new Map();
    for (const p of pods) {
      if (p.node === '') continue;
      let e = index.get(p.node);
      if (!e) index.set(p.node, (e = { mirror: [], own: [] }));
      (p.mirror ? e.mirror : e.own).push(p);
    }
    podIndexes.set(pods, index);
  }
  const e = index.get(node);
  return (e && (mirror ? e.mirror : e.own)) ?? NO_PODS;
}

/** "master-2_6f1c…" → "master-2". */
export function holderMachine(identity: string | undefined): string {
  if (!identity) return '';
  const i = identity.indexOf('_');
  return i < 0 ? identity : identity.slice(0, i);
}

export const PHASE_ORDER = ['Running', 'Pending', 'Succeeded', 'Failed', 'Unknown'] as const;
