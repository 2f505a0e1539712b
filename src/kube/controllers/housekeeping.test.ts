// Node IPAM hands each node without a pod CIDR the lowest free /24 of 10.244.0.0/16, the
// nodes in name order (as the range allocator's first-fit over its bitmap, which here
// is rebuilt from the Nodes at each pass).

import { describe, expect, it } from 'vitest';
import type { KubeObject, Node } from '../api/types';
import type { KubeRequest } from '../api/wire';
import type { ControllerContext } from './context';
import { GarbageCollector, NodeIpamController } from './housekeeping';

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
  const rs = { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'web', namespace: 'default', uid: 'rs-1' } } as KubeObject;
  const pod = (name: string, ownerUid: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `pod-${name}`, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: ownerUid, controller: true }] } }) as KubeObject;

  /** A collector over stores the test fills (every informer synced), the deletes it sent,
   * and a clock and stamp the test moves. */
  function harness() {
    const resources = ['deployments', 'replicasets', 'pods', 'services', 'endpointslices', 'jobs', 'cronjobs', 'nodes'];
    const informers = Object.fromEntries(resources.map((r) => [r, { synced: true, store: new Map<string, KubeObject>() }]));
    const deleted: string[] = [];
    const clock = { now: 0, stamp: 0, sent: 0 };
    const ctx = {
      rt: { now: () => clock.now },
      informers,
      client: { get sent() { return clock.sent; }, request: (req: Omit<KubeRequest, 'reqId'>) => { clock.sent++; deleted.push(`${req.resource}/${req.name}`); } },
      claim: () => () => {},
      stamp: () => clock.stamp,
    } as unknown as ControllerContext;
    const put = (resource: string, o: KubeObject) => informers[resource]!.store.set(`${o.metadata.namespace}/${o.metadata.name}`, o);
    const gc = new GarbageCollector(ctx);
    /** The manager's next sync at `ms`, after the stores changed (a new stamp). */
    const syncAt = (ms: number) => {
      clock.now = ms;
      clock.stamp++;
      gc.sync();
    };
    return { gc, informers, deleted, clock, put, syncAt };
  }

  it('deletes a pod whose owner left the stores, and one that came with an owner no store holds', () => {
    const h = harness();
    h.put('replicasets', rs);
    h.put('pods', pod('a', 'rs-1'));
    h.gc.sync();
    expect(h.deleted).toEqual([]);
    h.informers.replicasets!.store.clear();
    h.gc.deleted();
    h.syncAt(1000);
    expect(h.deleted).toEqual(['pods/a']);
    h.informers.pods!.store.clear();
    h.gc.deleted();
    h.syncAt(2000); // the pass that finds no orphan left
    const stray = pod('b', 'rs-gone');
    h.put('pods', stray);
    h.gc.observe(stray);
    h.syncAt(3000);
    expect(h.deleted).toEqual(['pods/a', 'pods/b']);
  });

  it('does not walk the stores while every object it heard of has an owner in them (the handlers report every change)', () => {
    const h = harness();
    h.put('replicasets', rs);
    const a = pod('a', 'rs-1');
    h.put('pods', a);
    h.gc.sync();
    h.gc.observe(a); // an update of a pod whose owner is there
    // The owner is gone without a delete reported: no pass looks (a pass would delete a).
    h.informers.replicasets!.store.clear();
    h.syncAt(1000);
    expect(h.deleted).toEqual([]);
    // An owner reference whose uid is not the stored owner's: a pass decides.
    const b = pod('b', 'rs-2');
    h.put('pods', b);
    h.gc.observe(b);
    h.syncAt(2000);
    expect(h.deleted).toEqual(['pods/a', 'pods/b']);
  });
});
