// The per-NodeInfo sums stand in for loops over every pod on a node: same counts, same
// sums, and no shortcut where adding in another order could change a double.

import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { controllerKey, nodeTotals } from './node-totals';
import type { NodeInfo } from './plugins';

function pod(name: string, opts: { cpu?: string; memory?: string; ns?: string; rs?: string; deleting?: boolean; antiAffinity?: boolean } = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: opts.ns ?? 'default', uid: `uid-${name}`,
      ...(opts.rs ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: opts.rs, uid: opts.rs, controller: true }] } : {}),
      ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
    },
    spec: {
      containers: [{ name: 'c', image: 'nginx', ...(opts.cpu || opts.memory ? { resources: { requests: { ...(opts.cpu ? { cpu: opts.cpu } : {}), ...(opts.memory ? { memory: opts.memory } : {}) } } } : {}) }],
      ...(opts.antiAffinity ? { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } } } : {}),
    },
  } as Pod;
}

const node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'w' }, spec: {} } as NodeInfo['node'];

describe('nodeTotals', () => {
  it('sums requests (missing ones as the non-zero defaults) and counts each controller’s live pods per namespace', () => {
    const info: NodeInfo = { node, pods: [pod('a', { cpu: '250m', memory: '64Mi', rs: 'rs1' }), pod('b', { rs: 'rs1' }), pod('c', { rs: 'rs1', ns: 'other' }), pod('d', { rs: 'rs1', deleting: true }), pod('e')] };
    const t = nodeTotals(info);
    expect([t.cpu, t.memory]).toEqual([250, 64 * 2 ** 20]);
    expect([t.cpuNonZero, t.memoryNonZero]).toEqual([250 + 4 * 100, 64 * 2 ** 20 + 4 * 200 * 2 ** 20]);
    expect(t.integral).toBe(true);
    expect(t.byController.get(controllerKey('default', 'rs1'))).toBe(2);
    expect(t.byController.get(controllerKey('other', 'rs1'))).toBe(1);
    expect(t.affinityPods).toBe(false);
    expect(nodeTotals(info)).toBe(t); // once per NodeInfo
  });

  it('says when a sum is not exact in every order (a request that is no whole number: NaN here), and notices pod (anti-)affinity', () => {
    const t = nodeTotals({ node, pods: [pod('a', { cpu: '100u' }), pod('b', { antiAffinity: true })] });
    expect(t.integral).toBe(false);
    expect(t.affinityPods).toBe(true);
  });
});
