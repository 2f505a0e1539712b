// The cache kept by the informer's handlers must give the NodeInfos (same nodes, same
// pods in the same order) and the pending pods that the full walk over the store gives,
// and must keep the NodeInfo object of a node nothing changed on.

import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types';
import { SchedulerCache, fullNodeInfos, sameFigures } from './cache';
import { nodeTotals } from './node-totals';
import type { NodeInfo } from './plugins';

function pod(name: string, opts: { node?: string; phase?: 'Running' | 'Succeeded'; deleting?: boolean; scheduler?: string; cpu?: string; rs?: string } = {}): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: 'default', uid: `uid-${name}`, ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:00:00Z' } : {}),
      ...(opts.rs ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: opts.rs, uid: opts.rs, controller: true }] } : {}),
    },
    spec: { containers: [{ name: 'c', image: 'nginx', ...(opts.cpu ? { resources: { requests: { cpu: opts.cpu } } } : {}) }], ...(opts.node ? { nodeName: opts.node } : {}), ...(opts.scheduler ? { schedulerName: opts.scheduler } : {}) },
    ...(opts.phase ? { status: { phase: opts.phase } } : {}),
  } as Pod;
}

function node(name: string): Node {
  return { apiVersion: 'v1', kind: 'Node', metadata: { name }, spec: {} } as Node;
}

/** A store and the cache fed the way the scheduler's handlers feed it. */
class Harness {
  readonly store = new Map<string, Pod>();
  readonly assumed = new Map<string, string>();
  readonly cache = new SchedulerCache();
  put(p: Pod): void {
    const key = `default/${p.metadata.name}`;
    this.store.set(key, p);
    if (p.spec.nodeName) this.assumed.delete(key);
    this.cache.set(key, p, this.assumed.get(key));
  }
  remove(name: string): void {
    const key = `default/${name}`;
    this.store.delete(key);
    this.assumed.delete(key);
    this.cache.delete(key);
  }
  assume(name: string, on: string): void {
    const key = `default/${name}`;
    this.assumed.set(key, on);
    this.cache.set(key, this.store.get(key)!, on);
  }
  unassume(name: string): void {
    const key = `default/${name}`;
    this.assumed.delete(key);
    this.cache.set(key, this.store.get(key)!, undefined);
  }
  pendingByWalk(): string[] {
    return [...this.store].filter(([, p]) => !p.spec.nodeName && !p.metadata.deletionTimestamp && (p.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler').map(([k]) => k).sort();
  }
}

/** nodeTotals of each NodeInfo, and of a NodeInfo of the same pods built afresh. */
const figures = (infos: readonly NodeInfo[]) => infos.map((i) => nodeTotals(i));
const fresh = (infos: readonly NodeInfo[]) => infos.map((i) => nodeTotals({ node: i.node, pods: i.pods }));

const names = (infos: readonly { node: Node; pods: readonly Pod[] }[]) => infos.map((i) => `${i.node.metadata.name}:${i.pods.map((p) => `${p.metadata.name}${p.status?.phase ?? ''}`).join(',')}`);

describe('SchedulerCache', () => {
  it('lists each node’s pods in the store’s order, not the order they were bound or assumed in', () => {
    const h = new Harness();
    const nodes = [node('w2'), node('w1')];
    for (const n of ['a', 'b', 'c']) h.put(pod(n));
    h.put(pod('c', { node: 'w1' }));
    h.assume('b', 'w1');
    h.put(pod('a', { node: 'w1' }));
    expect(names(h.cache.snapshot(nodes))).toEqual(['w1:a,b,c', 'w2:']);
    expect(names(h.cache.snapshot(nodes))).toEqual(names(fullNodeInfos(h.store.values(), nodes, h.assumed)));
  });

  it('keeps the NodeInfo of a node whose pods and Node object did not change, and rebuilds the one that did', () => {
    const h = new Harness();
    const nodes = [node('w1'), node('w2')];
    h.put(pod('a', { node: 'w1' }));
    h.put(pod('b', { node: 'w2' }));
    const [w1, w2] = h.cache.snapshot(nodes);
    h.put(pod('c', { node: 'w2' }));
    h.put(pod('d')); // pending: no node changes
    const [w1b, w2b] = h.cache.snapshot(nodes);
    expect(w1b).toBe(w1);
    expect(w2b).not.toBe(w2);
    expect(names([w2b!])).toEqual(['w2:b,c']);
    const renamed = [node('w1'), nodes[1]!];
    expect(h.cache.snapshot(renamed)[0]).not.toBe(w1); // a new Node object
  });

  it('gives the last snapshot again while the nodes informer\'s version and every node\'s pods stay, and a fresh array each time', () => {
    const h = new Harness();
    const nodes = [node('w2'), node('w1')];
    h.put(pod('a', { node: 'w1' }));
    const first = h.cache.snapshot(nodes, 5);
    const again = h.cache.snapshot([], 5); // not read: nothing changed at version 5
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    again[0] = { node: node('x'), pods: [] }; // the caller's to change (the scheduler's assume)
    expect(names(h.cache.snapshot(nodes, 5))).toEqual(['w1:a', 'w2:']);
    h.put(pod('b', { node: 'w2' }));
    expect(names(h.cache.snapshot(nodes, 5))).toEqual(['w1:a', 'w2:b']);
    expect(names(h.cache.snapshot([node('w3'), ...nodes], 6))).toEqual(['w1:a', 'w2:b', 'w3:']);
  });

  it('keeps a node’s figures across a pod update that changes nothing they add up, and adds up again when one does', () => {
    const h = new Harness();
    const nodes = [node('w1'), node('w2')];
    h.put(pod('a', { node: 'w1', cpu: '100m', rs: 'rs1' }));
    h.put(pod('b', { node: 'w1', cpu: '200m', rs: 'rs1' }));
    const [w1] = h.cache.snapshot(nodes, 1);
    const t = nodeTotals(w1!);
    h.put(pod('a', { node: 'w1', cpu: '100m', rs: 'rs1', phase: 'Running' })); // a status write
    const [w1b] = h.cache.snapshot(nodes, 1);
    expect(w1b).not.toBe(w1);
    expect(names([w1b!])).toEqual(['w1:aRunning,b']); // the new object is listed
    expect(nodeTotals(w1b!)).toBe(t); // the figures are not added up again
    h.put(pod('b', { node: 'w1', cpu: '300m', rs: 'rs1' })); // requests changed (a resize)
    const [w1c] = h.cache.snapshot(nodes, 1);
    expect(nodeTotals(w1c!)).not.toBe(t);
    expect(nodeTotals(w1c!).cpu).toBe(400);
    h.put({ ...pod('a', { node: 'w1', cpu: '100m', rs: 'rs1' }), metadata: { ...pod('a').metadata, deletionTimestamp: '2026-01-01T00:00:00Z', ownerReferences: pod('a', { rs: 'rs1' }).metadata.ownerReferences! } });
    const [w1d] = h.cache.snapshot(nodes); // the unversioned path too
    expect(nodeTotals(w1d!).byController.get(`default\nrs1`)).toBe(1); // a terminating pod is not counted
  });

  it('says two objects of a pod add up the same only when requests, controller, namespace, pod affinity and the deletion mark agree', () => {
    const a = pod('a', { node: 'w1', cpu: '100m', rs: 'rs1' });
    expect(sameFigures(a, pod('a', { node: 'w1', cpu: '100m', rs: 'rs1', phase: 'Running' }))).toBe(true);
    expect(sameFigures(a, pod('a', { node: 'w1', cpu: '0.1', rs: 'rs1' }))).toBe(false); // the same number, another text: added up again (safe)
    expect(sameFigures(a, pod('a', { node: 'w1', cpu: '100m', rs: 'rs2' }))).toBe(false);
    expect(sameFigures(a, pod('a', { node: 'w1', cpu: '100m', rs: 'rs1', deleting: true }))).toBe(false);
    expect(sameFigures(a, { ...a, metadata: { ...a.metadata, namespace: 'other' } })).toBe(false);
    expect(sameFigures(a, { ...a, spec: { ...a.spec, affinity: { podAntiAffinity: {} } } })).toBe(false);
    expect(sameFigures(a, { ...a, spec: { ...a.spec, containers: [...a.spec.containers, { name: 'd', image: 'x' }] } })).toBe(false);
  });

  it.each([false, true])('matches the full walk over a long mixed history of adds, binds, assumptions, failed binds, completions and deletes (versioned: %s)', (versioned) => {
    const h = new Harness();
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      // The high bits: an LCG's low bits repeat with a short period (bit 0 alternates).
      return Math.floor(seed / 2 ** 15) % n;
    };
    const nodes = [node('w3'), node('w1'), node('w2')];
    for (let step = 0; step < 3000; step++) {
      const name = `p${rand(60)}`;
      const key = `default/${name}`;
      const cur = h.store.get(key);
      const n = `w${1 + rand(4)}`; // w4 is no node: its pods are counted nowhere
      switch (rand(8)) {
        case 0: case 1: if (!cur) h.put(pod(name, { scheduler: rand(5) === 0 ? 'other' : undefined! })); break;
        case 2: if (cur && !cur.spec.nodeName) h.assume(name, n); break;
        case 3: if (cur && !cur.spec.nodeName) h.put(pod(name, { node: h.assumed.get(key) ?? n })); break;
        case 4: if (cur && h.assumed.has(key)) h.unassume(name); break;
        case 5: if (cur?.spec.nodeName) h.put(pod(name, { node: cur.spec.nodeName, phase: rand(3) === 0 ? 'Succeeded' : 'Running', cpu: rand(2) ? '100m' : '250m', rs: rand(2) ? 'rs1' : 'rs2' })); break;
        case 6: if (cur) h.put({ ...cur, metadata: { ...cur.metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } }); break;
        case 7: if (cur) h.remove(name); break;
      }
      if (versioned || step % 7 === 0) {
        const infos = h.cache.snapshot(nodes, versioned ? 1 : undefined);
        expect(names(infos)).toEqual(names(fullNodeInfos(h.store.values(), nodes, h.assumed)));
        // The figures carried over from an earlier NodeInfo are those of its pods now.
        if (versioned || step % 3 === 0) expect(figures(infos)).toEqual(fresh(infos));
      }
      expect([...h.cache.pending.keys()].sort()).toEqual(h.pendingByWalk());
    }
  });
});
