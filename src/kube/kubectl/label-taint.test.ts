// kubectl label, annotate and taint against a live cluster (classroom profile, one master,
// two workers): kubectl's texts, and what the scheduler and the taint eviction then do
// with the node (the course's "scheduler with user constraints", disk==ssd).

import { beforeAll, describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../../host/in-process';
import { kubeCluster, kubectl, output, pods, runUntilTrue } from '../../host/testing/cluster';

const SSD = `apiVersion: apps/v1
kind: Deployment
metadata: { name: fast }
spec:
  replicas: 2
  selector: { matchLabels: { app: fast } }
  template:
    metadata: { labels: { app: fast } }
    spec:
      nodeSelector: { disk: ssd }
      containers: [ { name: c, image: "nginx:1.27" } ]
`;

const running = (c: InProcessCluster, prefix: string) => [...pods(c)].filter(([n, p]) => n.startsWith(prefix) && p.status === 'Running');

describe('kubectl label, annotate and taint', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: label\nseed: 3\nuntil: 1h\ntopology: { masters: 1, workers: 2 }\n');
    c.runUntil(10_000);
  });

  it('label: labeled, not labeled, refused without --overwrite, unlabeled; annotate likewise', () => {
    expect(output(kubectl(c, 'kubectl label node worker-1 tier=gold'))).toBe('node/worker-1 labeled');
    expect(output(kubectl(c, 'kubectl label nodes worker-1 tier=gold'))).toBe('node/worker-1 not labeled');
    expect(output(kubectl(c, 'kubectl label node/worker-1 tier=silver'))).toBe("error: 'tier' already has a value (gold), and --overwrite is false");
    expect(output(kubectl(c, 'kubectl label node worker-1 tier=silver --overwrite'))).toBe('node/worker-1 labeled');
    expect(output(kubectl(c, 'kubectl get nodes -l tier=silver -o name'))).toBe('node/worker-1');
    expect(output(kubectl(c, 'kubectl label node worker-1 tier-'))).toBe('node/worker-1 unlabeled');
    expect(output(kubectl(c, 'kubectl label node worker-1 tier-'))).toBe('label "tier" not found.\nnode/worker-1 not labeled');
    expect(output(kubectl(c, 'kubectl label node worker-1'))).toBe('error: at least one label update is required');
    expect(output(kubectl(c, 'kubectl label node worker-1 tier=a b'))).toBe('node/worker-1 labeled\nError from server (NotFound): nodes "b" not found');
    expect(output(kubectl(c, 'kubectl label node worker-1 "x=no spaces"'))).toMatch(/^error: invalid label value: "x=no spaces": a valid label must be/);
    expect(output(kubectl(c, 'kubectl annotate node worker-1 note=fast'))).toBe('node/worker-1 annotated');
    expect(output(kubectl(c, 'kubectl annotate node worker-1 note=slow'))).toBe("error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (fast)");
    expect(output(kubectl(c, 'kubectl describe node worker-1'))).toMatch(/^\s+note: fast$/m);
  });

  it('a nodeSelector pod waits Pending until a node is labeled, then runs there', () => {
    expect(output(kubectl(c, 'kubectl apply -f -', SSD))).toBe('deployment.apps/fast created');
    c.runUntil(c.sim.now + 5_000);
    expect(running(c, 'fast-')).toHaveLength(0);
    expect(output(kubectl(c, 'kubectl label node worker-2 disk=ssd'))).toBe('node/worker-2 labeled');
    expect(runUntilTrue(c, () => running(c, 'fast-').length === 2, 60_000)).toBe(true);
    for (const [, p] of running(c, 'fast-')) expect(p.node).toBe('worker-2');
  });

  it('taint: NoSchedule keeps new pods off; NoExecute evicts; untaint; kubectl\'s refusals', () => {
    expect(output(kubectl(c, 'kubectl taint nodes worker-1 dedicated=db:NoSchedule'))).toBe('node/worker-1 tainted');
    expect(output(kubectl(c, 'kubectl taint nodes worker-1 dedicated=web:NoSchedule'))).toBe('error: node worker-1 already has dedicated taint(s) with same effect(s) and --overwrite is false');
    expect(output(kubectl(c, 'kubectl taint nodes worker-1 dedicated=web:NoSchedule --overwrite'))).toBe('node/worker-1 modified');
    expect(output(kubectl(c, 'kubectl describe node worker-1'))).toMatch(/^Taints:\s+dedicated=web:NoSchedule$/m);
    expect(output(kubectl(c, 'kubectl taint nodes worker-1 dedicated:Sometimes'))).toBe('error: invalid taint effect: Sometimes, unsupported taint effect');
    expect(output(kubectl(c, 'kubectl taint nodes worker-1 other'))).toBe('error: unknown taint spec: other');
    expect(output(kubectl(c, 'kubectl taint pods worker-1 a=b:NoSchedule'))).toBe('error: invalid resource type pods, only node types are supported');
    expect(output(kubectl(c, 'kubectl create deployment web --image=nginx:1.27 --replicas=3'))).toBe('deployment.apps/web created');
    expect(runUntilTrue(c, () => running(c, 'web-').length === 3, 60_000)).toBe(true);
    for (const [, p] of running(c, 'web-')) expect(p.node).toBe('worker-2');
    // worker-2 goes NoExecute: its pods are evicted; worker-1 (tainted NoSchedule) and
    // worker-2 both refuse the replacements, which stay Pending.
    expect(output(kubectl(c, 'kubectl taint node worker-2 maintenance=now:NoExecute'))).toBe('node/worker-2 tainted');
    expect(runUntilTrue(c, () => running(c, 'web-').length === 0 && running(c, 'fast-').length === 0, 60_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl get events'))).toMatch(/TaintManagerEviction\s+pod\/web-\S+\s+Marking for deletion Pod default\/web-/);
    expect(output(kubectl(c, 'kubectl taint node worker-1 dedicated-'))).toBe('node/worker-1 untainted');
    expect(output(kubectl(c, 'kubectl taint node worker-1 dedicated-'))).toBe('error: taint "dedicated" not found');
    expect(runUntilTrue(c, () => running(c, 'web-').length === 3, 60_000)).toBe(true);
    for (const [, p] of running(c, 'web-')) expect(p.node).toBe('worker-1');
  });
});
