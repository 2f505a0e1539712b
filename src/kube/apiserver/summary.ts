// A small picture of the cluster from an apiserver's watch cache, for the UI: pods by
// node with their phase, nodes with readiness, cordon and taints, lease holders and
// Deployments. Plain data, recomputed only when the cache's revision moves.

import { RESOURCES } from '../api/resources';
import type { Deployment, Lease, Node, Pod } from '../api/types';
import type { WatchCache } from './cache';
import type { PodSummary, ClusterSummary } from '../../protocol/kube-views';

export type { PodSummary, NodeSummary, ClusterSummary } from '../../protocol/kube-views';

export const EMPTY_SUMMARY: ClusterSummary = { pods: [], nodes: [], leases: {}, deployments: [] };

export function summarize(cache: WatchCache): ClusterSummary {
  const pods = (cache.list(RESOURCES.pods.prefix) as Pod[]).map((p): PodSummary => {
    // Statuses are the kubelet's, but etcdctl can write anything: read them defensively.
    const waiting = p.status?.containerStatuses?.find((c) => c.state?.waiting)?.state?.waiting?.reason;
    const unsched = p.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False')?.message;
    const owner = p.metadata.ownerReferences?.find((o) => o.controller);
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
    };
  });
  const nodes = (cache.list(RESOURCES.nodes.prefix) as Node[]).map((n) => ({
    name: n.metadata.name ?? '',
    ready: n.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown',
    unschedulable: n.spec.unschedulable ?? false,
    taints: (n.spec.taints ?? []).map((t) => `${t.key}${t.value ? `=${t.value}` : ''}:${t.effect}`),
    podCIDR: n.spec.podCIDR ?? '',
    labels: n.metadata.labels ?? {},
  }));
  const leases: Record<string, string> = {};
  for (const l of cache.list(RESOURCES.leases.prefix) as Lease[]) leases[`${l.metadata.namespace}/${l.metadata.name}`] = l.spec.holderIdentity ?? '';
  const deployments = (cache.list(RESOURCES.deployments.prefix) as Deployment[]).map((d) => ({
    namespace: d.metadata.namespace ?? 'default',
    name: d.metadata.name ?? '',
    replicas: d.spec.replicas ?? 1,
    ready: d.status?.readyReplicas ?? 0,
  }));
  return { pods, nodes, leases, deployments };
}
