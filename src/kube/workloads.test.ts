// Controllers and the kubelet end to end (classroom profile, one master, two workers):
// a rolling update through a new ReplicaSet, a Service's EndpointSlice and kube-proxy's
// rules, a crashing container in CrashLoopBackOff, deletion cascading through owners,
// and the contract's Kubernetes trace events.

import { beforeAll, describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../host/in-process';
import type { KubeProxyView } from './proxy/kube-proxy';
import { eventsOf, kubeCluster, kubectl, output, pods, runUntilTrue } from '../host/testing/cluster';

const deployment = (image: string) => `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 4
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [ { name: nginx, image: "${image}", ports: [ { containerPort: 80 } ] } ]
`;

const running = (c: InProcessCluster) => [...pods(c)].filter(([, p]) => p.status === 'Running');

describe('workloads on a live cluster', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: w\nseed: 8\nuntil: 1h\ntopology: { masters: 1, workers: 2 }\n');
    c.runUntil(10_000);
    expect(output(kubectl(c, 'kubectl apply -f -', deployment('nginx:1.27')))).toBe('deployment.apps/web created');
    expect(runUntilTrue(c, () => running(c).length === 4, 30_000)).toBe(true);
  });

  it('a new image rolls out through a new ReplicaSet, keeping at least 3 of 4 pods available', () => {
    const oldHash = running(c)[0]![0].split('-')[1];
    expect(output(kubectl(c, 'kubectl apply -f -', deployment('nginx:1.28')))).toBe('deployment.apps/web configured');
    let minAvailable = 4;
    const done = runUntilTrue(c, () => {
      const r = running(c);
      minAvailable = Math.min(minAvailable, r.length);
      return r.length === 4 && r.every(([name]) => name.split('-')[1] !== oldHash) && pods(c).size === 4;
    }, 120_000);
    expect(done).toBe(true);
    expect(minAvailable).toBeGreaterThanOrEqual(3);
    const rs = output(kubectl(c, 'kubectl get rs'));
    expect(rs).toMatch(new RegExp(`\\nweb-${oldHash}\\s+0\\s+0\\s+0\\s`));
    expect(output(kubectl(c, 'kubectl describe deployment web'))).toMatch(/Replicas:\s+4 desired \| 4 updated \| 4 total \| 4 available \| 0 unavailable/);
  });

  it('a Service gets a ClusterIP, an EndpointSlice of the ready pods, and kube-proxy rules on every node', () => {
    const svc = `apiVersion: v1
kind: Service
metadata: { name: web }
spec:
  selector: { app: web }
  ports: [ { port: 80, targetPort: 80 } ]
`;
    expect(output(kubectl(c, 'kubectl apply -f -', svc))).toBe('service/web created');
    expect(output(kubectl(c, 'kubectl get svc web'))).toMatch(/\nweb\s+ClusterIP\s+10\.9[6-9]\.\d+\.\d+\s+<none>\s+80\/TCP\s/);
    expect(runUntilTrue(c, () => /web-[a-z0-9]{5}\s+IPv4\s+80\s+10\.244\.\d+\.\d+(,10\.244\.\d+\.\d+){2} \+ 1 more\.\.\./.test(output(kubectl(c, 'kubectl get endpointslices'))), 20_000)).toBe(true);
    expect(runUntilTrue(c, () => {
      const rules = (c.views().get('worker-2')!.processes['kube-proxy'] as KubeProxyView).rules.find((r) => r.service === 'default/web');
      return rules?.endpoints.length === 4;
    }, 20_000)).toBe(true);
  });

  it('a container that exits is restarted with a growing back-off (CrashLoopBackOff)', () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: { name: crasher }
spec:
  containers: [ { name: app, image: "busybox:1.36", command: ["sh", "-c", "exit 1"] } ]
`;
    expect(output(kubectl(c, 'kubectl apply -f -', pod))).toBe('pod/crasher created');
    expect(runUntilTrue(c, () => /crasher\s+0\/1\s+CrashLoopBackOff\s+[2-9]/.test(output(kubectl(c, 'kubectl get pod crasher'))), 60_000)).toBe(true);
    expect(eventsOf(c, 'k8s.event', (e) => e.reason === 'BackOff' && e.object === 'pod/default/crasher').length).toBeGreaterThan(0);
    // Repeats are counted into one event, as the recorder's correlator does.
    expect(runUntilTrue(c, () => /Warning\s+BackOff\s+\S+ \(x[2-9] over \S+\)\s+kubelet\s+Back-off restarting failed container/.test(output(kubectl(c, 'kubectl describe pod crasher'))), 60_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl describe pod crasher')).match(/\bBackOff/g)?.length).toBe(1);
    expect(output(kubectl(c, 'kubectl delete pod crasher'))).toBe('pod "crasher" deleted');
  });

  it('deleting the Deployment takes its ReplicaSets and pods with it; the trace has every contract event', () => {
    expect(output(kubectl(c, 'kubectl delete deployment web'))).toBe('deployment.apps "web" deleted');
    expect(runUntilTrue(c, () => pods(c).size === 0, 60_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl get rs'))).toBe('No resources found in default namespace.');
    for (const type of ['lease.holder', 'node.ready', 'pod.bound', 'pod.phase', 'pod.deleted'] as const) expect(eventsOf(c, type).length, type).toBeGreaterThan(0);
    expect(eventsOf(c, 'pod.deleted', (e) => e.pod === 'default/crasher')).toHaveLength(1);
  });
});
