// A node that gets its podCIDR turns Ready at once. The kubelet's first read of its Node
// comes from the apiserver's cache; when that lagged, its status update met a 409, and
// without updateNodeStatus's immediate retries (the later ones read etcd) the node stayed
// NotReady for a whole nodeStatusUpdateFrequency: in the HA cluster at seed 1, master-2
// was Ready at 6.4 s instead of 2.5 s once the controller-manager assigned the CIDRs
// only after it led.

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
