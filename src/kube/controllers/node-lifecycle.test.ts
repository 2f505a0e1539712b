// The taint pass runs over every node whenever anything changed; a Node object whose
// taints were found in order is skipped after, but a new object for the same node
// (its Ready condition went False) is looked at again.

import { describe, expect, it } from 'vitest';
import type { Node } from '../api/types';
import type { KubeRequest } from '../api/wire';
import type { ControllerContext } from './context';
import { NodeLifecycleController } from './node-lifecycle';

function node(ready: 'True' | 'False', taints: Node['spec']['taints'] = undefined): Node {
  return {
    apiVersion: 'v1', kind: 'Node', metadata: { name: 'w1', uid: 'n1', resourceVersion: ready },
    spec: { ...(taints ? { taints } : {}) },
    status: { conditions: [{ type: 'Ready', status: ready, lastHeartbeatTime: '2026-01-01T00:00:00Z' }] },
  } as Node;
}

describe('node lifecycle taint pass', () => {
  it('leaves a node in order alone and taints the same node once its Ready condition is False', () => {
    const sent: Omit<KubeRequest, 'reqId'>[] = [];
    const nodes = new Map<string, Node>([['w1', node('True')]]);
    let stamp = 0;
    const ctx = {
      rt: { now: () => 0 },
      client: { request: (req: Omit<KubeRequest, 'reqId'>) => sent.push(req), get sent() { return sent.length; } },
      recorder: { withComponent: () => ({ record: () => {} }) },
      informers: { nodes: { store: nodes }, pods: { store: new Map() }, leases: { get: () => undefined } },
      timing: { nodeMonitorPeriodMs: 5000, nodeMonitorGraceMs: 40_000 },
      claim: () => () => {},
      stamp: () => stamp,
    } as unknown as ControllerContext;
    const c = new NodeLifecycleController(ctx);
    c.sync();
    stamp++;
    c.sync();
    expect(sent).toHaveLength(0);
    nodes.set('w1', node('False'));
    stamp++;
    c.sync();
    expect(sent.map((r) => [r.verb, (r as { body?: Node }).body?.spec.taints?.map((t) => `${t.key}:${t.effect}`)])).toEqual([['update', ['node.kubernetes.io/not-ready:NoSchedule', 'node.kubernetes.io/not-ready:NoExecute']]]);
  });

  it('skips the pass while the nodes informer\'s version stays after every node was found in order, and tries again a node whose update was still in flight', () => {
    const sent: Omit<KubeRequest, 'reqId'>[] = [];
    const nodes = { store: new Map<string, Node>([['w1', node('False')]]), version: 1 };
    let stamp = 0;
    let held = true;
    const ctx = {
      rt: { now: () => 0 },
      client: { request: (req: Omit<KubeRequest, 'reqId'>) => sent.push(req), get sent() { return sent.length; } },
      recorder: { withComponent: () => ({ record: () => {} }) },
      informers: { nodes, pods: { store: new Map() }, leases: { get: () => undefined } },
      timing: { nodeMonitorPeriodMs: 5000, nodeMonitorGraceMs: 40_000 },
      claim: () => (held ? undefined : () => {}),
      stamp: () => stamp,
    } as unknown as ControllerContext;
    const c = new NodeLifecycleController(ctx);
    c.sync(); // the node's taint update is still in flight (claimed): nothing sent
    expect(sent).toHaveLength(0);
    held = false;
    stamp++;
    c.sync(); // same nodes version, but the node was not in order: looked at again
    expect(sent).toHaveLength(1);
    const tainted = { ...node('False'), spec: { taints: (sent[0] as { body: Node }).body.spec.taints } } as Node;
    nodes.store.set('w1', tainted);
    nodes.version++;
    stamp++;
    c.sync(); // in order now
    // A new Node object at the same version is not looked at (the informer always bumps
    // its version with its store: this only shows the pass is skipped).
    nodes.store.set('w1', { ...node('True'), spec: tainted.spec } as Node); // Ready again, still tainted
    stamp++;
    c.sync();
    expect(sent).toHaveLength(1);
    nodes.version++;
    stamp++;
    c.sync();
    expect(sent).toHaveLength(2);
    expect((sent[1] as { body: Node }).body.spec.taints).toBeUndefined();
  });
});
