// The events `kubectl describe node` shows, as on a kubeadm cluster (v1.31): the
// kubelet's start (Starting, the pressure conditions, NodeAllocatableEnforced), the node
// controller's RegisteredNode, NodeReady once the new node has its pod network, and
// NodeNotSchedulable / NodeSchedulable for cordon and uncordon. One event per
// transition, never one per status post.

import { beforeAll, describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../host/in-process';
import { eventsOf, kubeCluster, kubectl, output, runUntilTrue } from '../host/testing/cluster';

interface Row {
  type: string;
  reason: string;
  from: string;
  message: string;
}

/** The rows of describe's Events table, each with its count ("(x2 over 15s)": 2). */
function events(c: InProcessCluster, node: string): Row[] {
  const out = output(kubectl(c, `kubectl describe node ${node}`));
  const table = out.split('\nEvents:')[1] ?? '';
  return table
    .split('\n')
    .slice(3)
    .map((line) => /^\s+(Normal|Warning)\s+(\S+)\s+\S+(?: \(x(\d+) over \S+\))?\s+(\S+)\s+(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ row: { type: m[1]!, reason: m[2]!, from: m[4]!, message: m[5]! }, count: Number(m[3] ?? 1) }))
    .flatMap(({ row, count }) => Array.from({ length: count }, () => row));
}

const reasons = (rows: Row[]) => rows.map((r) => r.reason);
/** How many times `reason` was recorded (describe may show repeats as one row "xN"). */
const count = (rows: Row[], reason: string) => rows.filter((r) => r.reason === reason).length;

describe('node events', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: node-events\nseed: 3\nuntil: 1h\ntopology: { etcd: stacked, masters: 1, workers: 2 }\n');
    c.runUntil(15_000);
  });

  it('a fresh node: the kubelet\'s start, RegisteredNode from node-controller, NodeReady', () => {
    const rows = events(c, 'worker-1');
    const out = output(kubectl(c, 'kubectl describe node worker-1'));
    expect(out).toMatch(/\nEvents:\n {2}Type\s+Reason\s+Age\s+From\s+Message\n {2}----\s+------\s+----\s+----\s+-------\n/);
    const kubelet = (reason: string, message: string): Row => ({ type: 'Normal', reason, from: 'kubelet', message });
    expect(rows.filter((r) => r.from === 'kubelet')).toEqual([
      kubelet('Starting', 'Starting kubelet.'),
      kubelet('NodeHasSufficientMemory', 'Node worker-1 status is now: NodeHasSufficientMemory'),
      kubelet('NodeHasNoDiskPressure', 'Node worker-1 status is now: NodeHasNoDiskPressure'),
      kubelet('NodeHasSufficientPID', 'Node worker-1 status is now: NodeHasSufficientPID'),
      kubelet('NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods'),
      kubelet('NodeReady', 'Node worker-1 status is now: NodeReady'),
    ]);
    expect(rows.filter((r) => r.from === 'node-controller')).toEqual([
      { type: 'Normal', reason: 'RegisteredNode', from: 'node-controller', message: 'Node worker-1 event: Registered Node worker-1 in Controller' },
    ]);
    // Every node has its own; the master too.
    for (const node of ['master-1', 'worker-2']) {
      const r = events(c, node);
      for (const reason of ['Starting', 'NodeHasSufficientMemory', 'NodeHasNoDiskPressure', 'NodeHasSufficientPID', 'NodeAllocatableEnforced', 'RegisteredNode', 'NodeReady']) expect(count(r, reason), `${node} ${reason}`).toBe(1);
    }
  });

  it('the node registered NotReady (no pod network before its podCIDR) and turned Ready once', () => {
    // The trace's node.ready (contracts §3) reports the node once it is Ready, not its
    // registration NotReady; the kubelet's NodeReady event shows the transition.
    const ready = eventsOf(c, 'node.ready', (e) => e.node === 'worker-1');
    expect(ready.map((e) => e.ready)).toEqual([true]);
    expect(eventsOf(c, 'k8s.event', (e) => e.object === 'node/worker-1' && e.reason === 'NodeReady')).toHaveLength(1);
    // Status posts after that record nothing: the kubelet records transitions only.
    c.runUntil(c.sim.now + 20_000);
    expect(eventsOf(c, 'k8s.event', (e) => e.object === 'node/worker-1').length).toBe(7);
    expect(output(kubectl(c, 'kubectl describe node worker-1'))).toMatch(/\n {2}Ready\s+True\s.*KubeletReady\s+kubelet is posting ready status\n/);
  });

  it('cordon and uncordon: NodeNotSchedulable, then NodeSchedulable, from the kubelet', () => {
    expect(output(kubectl(c, 'kubectl cordon worker-1'))).toBe('node/worker-1 cordoned');
    // The kubelet sees spec.unschedulable when it next reads its Node (node status update period).
    expect(runUntilTrue(c, () => count(events(c, 'worker-1'), 'NodeNotSchedulable') === 1, 15_000)).toBe(true);
    expect(events(c, 'worker-1').find((r) => r.reason === 'NodeNotSchedulable')).toEqual({ type: 'Normal', reason: 'NodeNotSchedulable', from: 'kubelet', message: 'Node worker-1 status is now: NodeNotSchedulable' });
    expect(output(kubectl(c, 'kubectl uncordon worker-1'))).toBe('node/worker-1 uncordoned');
    expect(runUntilTrue(c, () => count(events(c, 'worker-1'), 'NodeSchedulable') === 1, 15_000)).toBe(true);
    c.runUntil(c.sim.now + 10_000);
    const rows = events(c, 'worker-1');
    expect(count(rows, 'NodeNotSchedulable')).toBe(1);
    expect(count(rows, 'NodeSchedulable')).toBe(1);
    expect(rows.find((r) => r.reason === 'NodeSchedulable')).toEqual({ type: 'Normal', reason: 'NodeSchedulable', from: 'kubelet', message: 'Node worker-1 status is now: NodeSchedulable' });
    expect(reasons(rows).slice(-2)).toEqual(['NodeNotSchedulable', 'NodeSchedulable']);
    // The other worker saw no change.
    expect(count(events(c, 'worker-2'), 'NodeNotSchedulable')).toBe(0);
  });

  it('a worker down past the grace period: NodeNotReady from node-controller; rebooted, its kubelet starts again and the node is Ready', () => {
    c.sim.inject({ kind: 'kill', target: 'worker-2' }, 'test');
    expect(runUntilTrue(c, () => count(events(c, 'worker-2'), 'NodeNotReady') === 1, 60_000)).toBe(true);
    expect(events(c, 'worker-2').find((r) => r.reason === 'NodeNotReady')).toEqual({ type: 'Normal', reason: 'NodeNotReady', from: 'node-controller', message: 'Node worker-2 status is now: NodeNotReady' });
    c.sim.inject({ kind: 'restart', target: 'worker-2' }, 'test');
    expect(runUntilTrue(c, () => count(events(c, 'worker-2'), 'NodeReady') === 2, 30_000)).toBe(true);
    const rows = events(c, 'worker-2');
    expect(count(rows, 'Starting')).toBe(2);
    expect(count(rows, 'NodeAllocatableEnforced')).toBe(2);
    // The Node the rebooted kubelet builds records the pressure conditions (the real
    // kubelet's "x2"), and posting over the controller's Unknown records them again.
    expect(count(rows, 'NodeHasSufficientMemory')).toBe(3);
    expect(count(rows, 'NodeHasNoDiskPressure')).toBe(3);
    expect(count(rows, 'NodeHasSufficientPID')).toBe(3);
    // The node controller had seen it all along: registered once.
    expect(count(rows, 'RegisteredNode')).toBe(1);
    expect(reasons(rows).at(-1)).toBe('NodeReady');
  });
});

describe('node events across a controller-manager leader change', () => {
  it('the new leader registers every node again', () => {
    const c = kubeCluster('name: node-events-ha\nseed: 5\nuntil: 1h\ntopology: { etcd: stacked, masters: 3, workers: 1 }\n');
    c.runUntil(15_000);
    expect(count(events(c, 'worker-1'), 'RegisteredNode')).toBe(1);
    const holder = c.sim.leaseHolder('kube-system/kube-controller-manager');
    expect(holder).toMatch(/^master-\d$/);
    const killedAt = c.sim.now;
    c.sim.inject({ kind: 'kill', target: holder! }, 'test');
    expect(runUntilTrue(c, () => eventsOf(c, 'lease.holder', (e) => e.lease === 'kube-system/kube-controller-manager' && e.t > killedAt).length > 0, 60_000)).toBe(true);
    expect(runUntilTrue(c, () => count(events(c, 'worker-1'), 'RegisteredNode') === 2, 15_000)).toBe(true);
    const registered = eventsOf(c, 'k8s.event', (e) => e.reason === 'RegisteredNode' && e.t > killedAt).map((e) => e.object).sort();
    expect(registered).toEqual(['node/master-1', 'node/master-2', 'node/master-3', 'node/worker-1']);
  });
});
