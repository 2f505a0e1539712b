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
});
