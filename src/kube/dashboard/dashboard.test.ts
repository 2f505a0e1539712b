// The dashboard reads the cluster through the load balancer, as a client: its view
// lists what kubectl lists.

import { describe, expect, it } from 'vitest';
import { kubeCluster, kubectl, output, pods, runUntilTrue, WEB_DEPLOYMENT } from '../../host/testing/cluster';
import type { DashboardView } from '../../protocol/dashboard';

describe('dashboard', () => {
  it('lists the Deployments, Pods, Nodes and Events kubectl sees, with the zone labels of a cloud', () => {
    const c = kubeCluster(`
name: dash
seed: 4
until: 10m
topology: { masters: 1, workers: 2, cloud: sim, dashboard: true }
manifests:${WEB_DEPLOYMENT('web', 3)}
`);
    const view = () => c.views().get('client')?.processes['dashboard'] as DashboardView;
    expect(runUntilTrue(c, () => view()?.synced && view().pods.filter((p) => p.phase === 'Running').length === 3, 60_000)).toBe(true);
    expect(runUntilTrue(c, () => view().nodes.length === 3 && view().nodes.every((n) => n.ready === 'True'), 30_000)).toBe(true);
    // The Deployment's status follows its pods' readiness by a controller sync or two.
    expect(runUntilTrue(c, () => view().workloads[0]?.ready === 3, 10_000)).toBe(true);
    const v = view();
    expect(v.identity).toBe('system:serviceaccount:kubernetes-dashboard:kubernetes-dashboard');
    expect(v.workloads).toEqual([{ namespace: 'default', name: 'web', ready: 3, desired: 3, images: 'nginx:1.27' }]);
    expect(v.pods.filter((p) => p.namespace === 'default').map((p) => p.name).sort()).toEqual([...pods(c).keys()].sort());
    expect(v.pods.filter((p) => p.namespace === 'kube-system').map((p) => p.name)).toContain('cloud-controller-manager-master-1');
    expect(v.nodes.map((n) => [n.name, n.ready, n.roles])).toEqual([['master-1', 'True', 'control-plane'], ['worker-1', 'True', '<none>'], ['worker-2', 'True', '<none>']]);
    expect(v.nodes.every((n) => /^sim-region-1[abc]$/.test(n.zone))).toBe(true);
    expect(v.events.some((e) => e.reason === 'Scheduled')).toBe(true);
    // A scale through kubectl shows in the dashboard: both read the same apiserver.
    expect(output(kubectl(c, 'kubectl scale deployment web --replicas=1'))).toBe('deployment.apps/web scaled');
    expect(runUntilTrue(c, () => view().workloads[0]?.desired === 1, 10_000)).toBe(true);
  });
});
