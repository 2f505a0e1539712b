// "What the API says": the cluster summary of the live, ready kube-apiserver with the
// highest revision (its watch cache is the freshest). The graph draws pods, node
// readiness and lease holders from it, so a dead worker still shows the pods the API
// believes are there — exactly what kubectl would list.

import type { MachineState } from '../../protocol/frames';
import type { ApiserverView, ClusterSummary, NodeSummary, PodSummary } from '../../protocol/kube-views';

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
  // objects are still in etcd, and the page should not go blank.
  if (best) lastSummary = best.cluster;
  return lastSummary;
}

export function resetApiSummary(): void {
  lastMachines = undefined;
  lastSummary = EMPTY;
}

/** "master-2_6f1c…" → "master-2". */
export function holderMachine(identity: string | undefined): string {
  if (!identity) return '';
  const i = identity.indexOf('_');
  return i < 0 ? identity : identity.slice(0, i);
}

export const PHASE_ORDER = ['Running', 'Pending', 'Succeeded', 'Failed', 'Unknown'] as const;
