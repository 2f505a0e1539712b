// The garbage collector deletes dependents whose owners are gone, walking every object
// only when the owner graph or its own claims moved.
//
// Node IPAM hands each node without a pod CIDR the lowest free /24 of 10.244.0.0/16, the
// nodes in name order (as the range allocator's first-fit over its bitmap, which here
// is rebuilt from the Nodes at each pass).

import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types';
import type { KubeRequest } from '../api/wire';
import type { ControllerContext } from './context';
import { GarbageCollector, NodeIpamController } from './housekeeping';
import { ownerGraphChanged } from './manager';

function node(name: string, podCIDR?: string): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: podCIDR ? { podCIDR } : {} } as Node;
}

/** The CIDR patched onto each node by one sync over `nodes`; `held`: nodes whose patch is still in flight. */
function allocate(nodes: Node[], held: readonly string[] = []): Record<string, string> {
  const sent: Record<string, string> = {};
  const ctx = {
    informers: { nodes: { store: new Map(nodes.map((n) => [n.metadata.name!, n])) } },
    client: { request: (req: Omit<KubeRequest, 'reqId'>) => (sent[req.name!] = (req.body as Node).spec.podCIDR!) },
    claim: (key: string) => (held.includes(key.slice('ipam/'.length)) ? undefined : () => {}),
  } as unknown as ControllerContext;
  new NodeIpamController(ctx).sync();
  return sent;
}

describe('node IPAM', () => {
  it('gives each node the lowest free /24, in name order, filling the holes first', () => {
    expect(allocate([node('worker-2'), node('worker-1'), node('master-1', '10.244.1.0/24'), node('worker-3', '10.244.3.0/24'), node('worker-4')])).toEqual({
      'worker-1': '10.244.0.0/24',
      'worker-2': '10.244.2.0/24',
      'worker-4': '10.244.4.0/24',
    });
  });

  it('counts a range as taken for a node whose patch is still in flight, without patching it again', () => {
    expect(allocate([node('a'), node('b'), node('c', '10.244.2.0/24'), node('d')], ['a'])).toEqual({ b: '10.244.1.0/24', d: '10.244.3.0/24' });
  });

  it('allocates 103 nodes registering at once 10.244.0.0 to 10.244.102.0', () => {
    const names = Array.from({ length: 103 }, (_, i) => `n-${String(i).padStart(3, '0')}`);
    const sent = allocate(names.map((n) => node(n)));
    expect(names.map((n) => sent[n])).toEqual(names.map((_, i) => `10.244.${i}.0/24`));
  });
});

describe('garbage collector', () => {
  const pod = (name: string, ownerUid: string, extra: Partial<Pod['metadata']> = {}): Pod => ({
    apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}`, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: ownerUid, controller: true }], ...extra },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  } as Pod);

  function fixture() {
    const sent: { req: Omit<KubeRequest, 'reqId'>; cb: () => void }[] = [];
    let now = 0;
    let graph = 0;
    const store = <T,>(entries: [string, T][] = []) => ({ store: new Map(entries), synced: true });
    const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'default', uid: 'rs-1' } };
    const informers = {
      deployments: store(), replicasets: store([['default/rs', rs]]), pods: store<Pod>([['default/a', pod('a', 'rs-1')]]),
      services: store(), endpointslices: store(), jobs: store(), cronjobs: store(), nodes: store(),
    };
    const ctx = {
      rt: { now: () => now },
      informers,
      client: { request: (req: Omit<KubeRequest, 'reqId'>, cb: () => void) => sent.push({ req, cb }), get sent() { return sent.length; } },
      claim: () => () => {},
      ownerGraph: () => graph,
    } as unknown as ControllerContext;
    const gc = new GarbageCollector(ctx);
    const pass = () => {
      now += 1000;
      gc.sync();
    };
    return { gc, sent, informers, pass, bump: () => graph++ };
  }

  it('deletes a dependent whose owner is gone, and walks the objects again only when the owner graph or its own claims moved', () => {
    const { sent, informers, pass, bump } = fixture();
    pass();
    expect(sent).toHaveLength(0);
    // A status change is not an owner-graph change: the pass is not run (had it run, it
    // would have found the orphan below, which the informer did not report).
    informers.pods.store.set('default/b', pod('b', 'gone'));
    pass();
    expect(sent).toHaveLength(0);
    bump();
    pass();
    expect(sent.map((s) => [s.req.verb, s.req.name])).toEqual([['delete', 'b']]);
    // The delete is answered (the claim released): the next pass looks again.
    sent[0]!.cb();
    pass();
    expect(sent).toHaveLength(2);
  });

  it('runs again after a pass that found an informer not yet listed', () => {
    const { sent, informers, pass } = fixture();
    informers.jobs.synced = false;
    informers.pods.store.set('default/b', pod('b', 'gone'));
    pass();
    expect(sent).toHaveLength(0);
    informers.jobs.synced = true;
    pass();
    expect(sent).toHaveLength(1);
  });
});

describe('ownerGraphChanged', () => {
  const obj = (meta: Partial<Pod['metadata']>): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', uid: 'u1', ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'o1' }], ...meta }, spec: { containers: [] } } as Pod);

  it('is true for a new uid, other owners or a deletion timestamp, false for the rest of an update', () => {
    expect(ownerGraphChanged(obj({}), { ...obj({}), status: { phase: 'Running' } })).toBe(false);
    expect(ownerGraphChanged(obj({}), obj({ labels: { a: 'b' }, resourceVersion: '9' }))).toBe(false);
    expect(ownerGraphChanged(obj({}), obj({ uid: 'u2' }))).toBe(true);
    expect(ownerGraphChanged(obj({}), obj({ deletionTimestamp: '2026-01-01T00:00:00Z' }))).toBe(true);
    expect(ownerGraphChanged(obj({}), obj({ ownerReferences: [] }))).toBe(true);
    expect(ownerGraphChanged(obj({}), obj({ ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'o2' }] }))).toBe(true);
  });
});
