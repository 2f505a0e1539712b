// The ReplicaSet controller creates missing pods as kube-controller-manager does: at
// most burstReplicas (500) per sync, in slow-start batches of 1, 2, 4, … each sent once
// the previous one succeeded, and none after a batch with a failure.

import { describe, expect, it } from 'vitest';
import type { KubeRequest, KubeResult } from '../api/wire';
import type { ReplicaSet } from '../api/types';
import type { ControllerContext } from './context';
import { OwnerIndex } from './owner-index';
import { BURST_REPLICAS, ReplicaSetController } from './replicaset';

function fixture(replicas: number) {
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name: 'web-1', namespace: 'default', uid: 'rs-uid', generation: 1 },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  };
  const pending: { req: Omit<KubeRequest, 'reqId'>; cb: (r: KubeResult) => void }[] = [];
  let n = 0;
  const ctx = {
    rt: { now: () => 0 },
    client: { request: (req: Omit<KubeRequest, 'reqId'>, cb: (r: KubeResult) => void) => pending.push({ req, cb }) },
    recorder: { withComponent: () => ({ record: () => {} }) },
    informers: { pods: { store: new Map() }, replicasets: { store: new Map([['default/web-1', rs]]) } },
    podsByOwner: new OwnerIndex(),
    randomChars: () => String(n++).padStart(5, '0'),
    claim: () => undefined,
  } as unknown as ControllerContext;
  return { controller: new ReplicaSetController(ctx), pending };
}

/** Answers every create in flight (ok, or a refusal); returns how many there were. */
function answer(pending: { req: Omit<KubeRequest, 'reqId'>; cb: (r: KubeResult) => void }[], ok = true): number {
  const now = pending.splice(0).filter((p) => p.req.verb === 'create');
  for (const p of now) p.cb(ok ? { ok: true, object: p.req.body } : { ok: false, status: { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'forbidden', reason: 'Forbidden', code: 403 } });
  return now.length;
}

describe('ReplicaSet controller slow start', () => {
  it('creates 1, 2, 4, … pods, at most burstReplicas in one sync, for replicas: 20000', () => {
    const { controller, pending } = fixture(20_000);
    controller.sync();
    const batches: number[] = [];
    for (let b = answer(pending); b > 0; b = answer(pending)) batches.push(b);
    expect(batches).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 245]);
    expect(batches.reduce((a, b) => a + b, 0)).toBe(BURST_REPLICAS);
    // Until those pods are observed, another sync creates nothing (expectations).
    controller.sync();
    expect(pending.filter((p) => p.req.verb === 'create')).toHaveLength(0);
  });

  it('stops after a batch in which a creation failed', () => {
    const { controller, pending } = fixture(100);
    controller.sync();
    expect(answer(pending)).toBe(1);
    expect(answer(pending, false)).toBe(2);
    expect(answer(pending)).toBe(0);
  });
});
