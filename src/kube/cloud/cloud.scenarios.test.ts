// The cloud-controller-manager on the simulated cloud, in the realistic profile:
// node initialization (the uninitialized taint), terminated vs crashed instances, and
// LoadBalancer Services.

import { describe, expect, it } from 'vitest';
import { podsBoundOnce } from '../../check';
import { eventsOf, kubeCluster, kubectl, output, pods, runUntilTrue, WEB_DEPLOYMENT } from '../../host/testing/cluster';
import type { Node } from '../api/types';
import { nodeObject } from '../kubelet/node-status';
import type { KubeletSpec } from '../specs';

const CLOUD = (seed: number, cloud = 'sim') => `
name: cloud
seed: ${seed}
until: 30m
profile: realistic
topology: { etcd: stacked, masters: 1, workers: 3, cloud: ${cloud} }
manifests:${WEB_DEPLOYMENT('web', 6)}
  - apiVersion: v1
    kind: Service
    metadata: { name: web }
    spec: { type: LoadBalancer, selector: { app: web }, ports: [{ port: 80, targetPort: 80 }] }
`;

const running = (c: ReturnType<typeof kubeCluster>, node?: (n: string) => boolean) => [...pods(c).values()].filter((p) => p.status === 'Running' && (!node || node(p.node))).length;

function nodeJson(c: ReturnType<typeof kubeCluster>, name: string): Node {
  return JSON.parse(output(kubectl(c, `kubectl get node ${name} -o json`))) as Node;
}

describe('cloud-controller-manager, realistic profile', () => {
  it('a node registers with the uninitialized taint; the cloud node controller fills in providerID, addresses and zone labels and removes it', () => {
    // What a kubelet with --cloud-provider=external registers: tainted, its node IP in an annotation.
    const spec = { kind: 'kubelet', controlPlane: false, labels: {}, capacity: { cpu: '4', memory: '8Gi', pods: '110' }, internalIP: '10.0.0.32', cloudProvider: 'external' } as unknown as KubeletSpec;
    const registered = nodeObject(spec, 'worker-2', 0);
    expect(registered.spec.taints).toEqual([{ key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' }]);
    expect(registered.metadata.annotations?.['alpha.kubernetes.io/provided-node-ip']).toBe('10.0.0.32');
    const c = kubeCluster(CLOUD(3));
    expect(runUntilTrue(c, () => running(c) === 6, 60_000)).toBe(true);
    const n = nodeJson(c, 'worker-2');
    expect(n.spec.taints ?? []).not.toContainEqual(expect.objectContaining({ key: 'node.cloudprovider.kubernetes.io/uninitialized' }));
    expect(n.spec.providerID).toMatch(/^sim:\/\/sim-region-1[abc]\/worker-2$/);
    expect(n.metadata.labels?.['topology.kubernetes.io/zone']).toMatch(/^sim-region-1[abc]$/);
    expect(n.metadata.labels?.['topology.kubernetes.io/region']).toBe('sim-region-1');
    expect(n.metadata.labels?.['node.kubernetes.io/instance-type']).toBe('sim.large');
    expect(n.status?.addresses).toEqual([
      { type: 'InternalIP', address: '10.0.0.32' },
      { type: 'ExternalIP', address: '203.0.113.32' },
      { type: 'Hostname', address: 'worker-2' },
    ]);
    // The CCM leads through its own Lease.
    expect(c.sim.leaseHolder('kube-system/cloud-controller-manager')).toBe('master-1');
    expect(output(kubectl(c, 'kubectl describe node worker-2'))).toMatch(/^ProviderID:\s+sim:\/\/sim-region-1[abc]\/worker-2$/m);
    // Ready at its next status update (10 s apart in this profile): the pods may all be
    // running elsewhere before that.
    expect(runUntilTrue(c, () => eventsOf(c, 'node.ready', (e) => e.node === 'worker-2' && e.ready).length > 0, 30_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl get nodes -o wide'))).toMatch(/worker-2\s+Ready\s+<none>.*10\.0\.0\.32\s+203\.0\.113\.32/);
  });

  it('a terminated instance loses its Node and its pods are replaced long before a crashed machine’s, which keeps its Node until the 300 s toleration', () => {
    const c = kubeCluster(CLOUD(1));
    expect(runUntilTrue(c, () => running(c) === 6, 60_000)).toBe(true);
    const before = pods(c);
    const on = (node: string) => [...before].filter(([, p]) => p.node === node).map(([n]) => n);
    const [terminated, crashed] = ['worker-2', 'worker-3'];
    expect(on(terminated!).length).toBeGreaterThan(0);
    expect(on(crashed!).length).toBeGreaterThan(0);
    const at = c.sim.now;
    c.sim.inject({ kind: 'terminate', target: terminated! }, 'test');
    c.sim.inject({ kind: 'kill', target: crashed! }, 'test');

    // Not Ready after the grace period (40 s), then the cloud node lifecycle controller
    // finds no instance and deletes the Node.
    const deleted = () => eventsOf(c, 'node.deleted', (e) => e.t > at);
    expect(runUntilTrue(c, () => deleted().length > 0, 70_000)).toBe(true);
    expect(deleted().map((e) => e.node)).toEqual([terminated]);
    expect(deleted()[0]!.t - at).toBeLessThanOrEqual(55_000);
    expect(eventsOf(c, 'k8s.event', (e) => e.reason === 'DeletingNode')[0]?.message).toBe(`Deleting node ${terminated} because it does not exist in the cloud provider`);
    // PodGC force-deletes the orphaned pods after its 40 s quarantine (checking every 20 s).
    const gone = () => on(terminated!).every((p) => eventsOf(c, 'pod.deleted', (e) => e.pod === `default/${p}`).length > 0);
    expect(runUntilTrue(c, () => gone(), 70_000)).toBe(true);
    const replacedAt = c.sim.now;
    expect(replacedAt - deleted()[0]!.t).toBeGreaterThanOrEqual(40_000);
    expect(replacedAt - at).toBeLessThan(130_000);
    // The crashed machine keeps its Node (NotReady) and its pods are still there, not yet evicted.
    expect(output(kubectl(c, 'kubectl get nodes'))).toMatch(new RegExp(`${crashed}\\s+NotReady`));
    expect(output(kubectl(c, `kubectl get node ${terminated}`))).toBe(`Error from server (NotFound): nodes "${terminated}" not found`);
    for (const p of on(crashed!)) expect(pods(c).has(p)).toBe(true);
    expect(eventsOf(c, 'k8s.event', (e) => e.reason === 'TaintManagerEviction')).toEqual([]);
    // Only after the toleration are the crashed machine's pods evicted and replaced.
    const eviction = () => eventsOf(c, 'k8s.event', (e) => e.reason === 'TaintManagerEviction');
    expect(runUntilTrue(c, () => eviction().length >= on(crashed!).length, 330_000)).toBe(true);
    expect(eviction()[0]!.t - at).toBeGreaterThanOrEqual(300_000);
    expect(runUntilTrue(c, () => running(c, (n) => n === 'worker-1') === 6, 60_000)).toBe(true);
    expect(podsBoundOnce(c.sim.trace).ok).toBe(true);
  });

  it('a LoadBalancer Service gets an external IP from the cloud, and loses an endpoint when its pod’s node dies', () => {
    const c = kubeCluster(CLOUD(2));
    expect(runUntilTrue(c, () => eventsOf(c, 'service.lb').length > 0, 30_000)).toBe(true);
    const lb = eventsOf(c, 'service.lb')[0]!;
    expect(lb).toMatchObject({ service: 'default/web', ip: '198.51.100.1' });
    expect(output(kubectl(c, 'kubectl get svc web'))).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nweb\s+LoadBalancer\s+10\.96\.\S+\s+198\.51\.100\.1\s+80/);
    expect(output(kubectl(c, 'kubectl describe svc web'))).toMatch(/^LoadBalancer Ingress:\s+198\.51\.100\.1 \(VIP\)$/m);
    expect(runUntilTrue(c, () => running(c) === 6, 60_000)).toBe(true);
    // describe's Endpoints: the ready addresses of the Service's EndpointSlices.
    const ready = () => {
      const line = /^Endpoints:\s+(.*)$/m.exec(output(kubectl(c, 'kubectl describe svc web')))?.[1] ?? '';
      const more = /\+ (\d+) more/.exec(line);
      return line.split(',').filter((a) => a.includes(':')).length + (more ? Number(more[1]) : 0);
    };
    expect(runUntilTrue(c, () => ready() === 6, 30_000)).toBe(true);
    const victim = [...pods(c).values()].find((p) => p.node.startsWith('worker-'))!.node;
    const onVictim = [...pods(c).values()].filter((p) => p.node === victim).length;
    c.sim.inject({ kind: 'kill', target: victim }, 'test');
    // Marked not Ready with its node (grace period), the pod's endpoint stops being ready.
    expect(runUntilTrue(c, () => ready() === 6 - onVictim, 70_000)).toBe(true);
  });

  it('without a cloud a LoadBalancer Service stays <pending>, as on kubeadm, and no cloud-controller-manager runs', () => {
    const c = kubeCluster(CLOUD(2, 'none'));
    expect(runUntilTrue(c, () => running(c) === 6, 60_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl get svc web'))).toMatch(/web\s+LoadBalancer\s+10\.96\.\S+\s+<pending>\s+80/);
    expect(eventsOf(c, 'service.lb')).toEqual([]);
    expect(c.sim.machineList().map((m) => m.name)).not.toContain('cloud');
    expect(nodeJson(c, 'worker-1').spec.providerID).toBeUndefined();
  });
});
