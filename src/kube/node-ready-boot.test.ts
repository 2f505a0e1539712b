// A node that gets its podCIDR turns Ready at once. The kubelet's first read of its Node
// comes from the apiserver's cache; when that lagged, its status update met a 409, and
// without updateNodeStatus's immediate retries (the later ones read etcd) the node stayed
// NotReady for a whole nodeStatusUpdateFrequency: in the HA cluster at seed 1, master-2
// was Ready at 6.4 s instead of 2.5 s once the controller-manager assigned the CIDRs
// only after it led. And a node waiting for its podCIDR learns it from its Node
// informer, as the real kubelet does, not by reading the Node through the apiserver.

import { expect, it } from 'vitest';
import { kubeCluster } from '../host/testing/cluster';

const HA = `name: node-ready-boot
seed: 1
until: 12s
topology: { etcd: stacked, masters: 3, workers: 3 }
manifests:
  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: web }, spec: { replicas: 3, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: nginx, image: "nginx:1.27" } ] } } } }
`;

it('every node of the HA cluster is Ready within a second of the controller-manager leading', () => {
  const c = kubeCluster(HA);
  c.runToEnd();
  const led = c.sim.trace.find((e) => e.type === 'lease.holder' && e.lease === 'kube-system/kube-controller-manager')?.t;
  expect(led).toBeDefined();
  const ready = new Map<string, number>();
  for (const e of c.sim.trace) if (e.type === 'node.ready' && e.ready && !ready.has(e.node)) ready.set(e.node, e.t);
  expect([...ready.keys()].sort()).toEqual(['master-1', 'master-2', 'master-3', 'worker-1', 'worker-2', 'worker-3']);
  const late = [...ready].filter(([, t]) => t - led! >= 1000).map(([node, t]) => `${node} at ${t} ms`);
  expect(late).toEqual([]);
});

it('a kubelet waits for its podCIDR on its Node informer: it does not poll the Node through the apiserver', () => {
  // The real kubelet's fastStatusUpdateOnce looks at its Node lister every 100 ms (no
  // request). 60 workers: node IPAM (the controller-manager's client, QPS 20, burst 30)
  // gives the last ones their podCIDR a second or two after they registered; reading
  // the Node with a GET every 100 ms meanwhile was ~10 more requests per late node.
  const c = kubeCluster('name: cidr-wait\nseed: 1\nuntil: 20s\ntopology: { etcd: stacked, masters: 1, workers: 60 }\n');
  const ready = new Map<string, number>();
  const sent = new Map<string, number>();
  const counted = new Set<number>();
  for (let t = 100; t <= 15_000 && ready.size < 61; t += 100) {
    c.runUntil(t);
    for (const p of c.sim.takePacketsForFrame(Infinity)) {
      if (p.kind !== 'kube.request' || !p.from.startsWith('worker') || counted.has(p.id) || ready.has(p.from)) continue;
      counted.add(p.id);
      sent.set(p.from, (sent.get(p.from) ?? 0) + 1);
    }
    for (const e of c.sim.trace) if (e.type === 'node.ready' && e.ready && !ready.has(e.node)) ready.set(e.node, e.t);
  }
  expect(ready.size).toBe(61);
  // Until Ready: registration, its Lease, its pods' and Services' list and watch, its
  // Node's list and watch, the events of its start, a status read and update or two.
  for (const [node, n] of sent) expect({ node, n: n <= 24 ? 'few' : n }).toEqual({ node, n: 'few' });
});
