// The owner index kept by the pods informer's handlers must list each owner's pods as a
// walk over the store grouped by controller would (same pods, store order), and its
// generation must move whenever that list changes.

import { describe, expect, it } from 'vitest';
import type { Pod } from '../api/types';
import { controllerOf } from './context';
import { OwnerIndex } from './owner-index';

function pod(name: string, owner: string | undefined, rv: number): Pod {
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, resourceVersion: String(rv), ...(owner ? { ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: owner, uid: owner, controller: true }] } : {}) },
    spec: { containers: [{ name: 'c', image: 'nginx' }] },
  } as Pod;
}

function walk(store: Map<string, Pod>, owner: string): Pod[] {
  return [...store.values()].filter((p) => controllerOf(p) === owner);
}

describe('OwnerIndex', () => {
  it('keeps the store’s order when a pod changes owner (adopted after its siblings were created)', () => {
    const store = new Map<string, Pod>();
    const idx = new OwnerIndex<Pod>();
    const put = (p: Pod) => (store.set(`default/${p.metadata.name}`, p), idx.set(`default/${p.metadata.name}`, p));
    put(pod('a', undefined, 1));
    put(pod('b', 'rs1', 2));
    put(pod('c', 'rs1', 3));
    const g = idx.generation('rs1');
    put(pod('a', 'rs1', 4)); // adopted: first in the store, last to join rs1
    expect(idx.generation('rs1')).not.toBe(g);
    expect(idx.list('rs1').map((p) => p.metadata.name)).toEqual(['a', 'b', 'c']);
  });

  it('matches the grouped walk over a long history, and keeps its list while the generation stays', () => {
    const store = new Map<string, Pod>();
    const idx = new OwnerIndex<Pod>();
    let seed = 11;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const owners = ['rs1', 'rs2', 'rs3'];
    for (let step = 0; step < 3000; step++) {
      const key = `default/p${rand(40)}`;
      if (rand(5) === 0) {
        store.delete(key);
        idx.delete(key);
      } else {
        const r = rand(4);
        const p = pod(key.slice(8), r === 3 ? undefined : owners[r], step);
        store.set(key, p);
        idx.set(key, p);
      }
      for (const o of owners) {
        const list = idx.list(o);
        expect(list).toEqual(walk(store, o));
        if (list.length > 0) expect(idx.list(o)).toBe(list); // kept: nothing moved

      }
    }
  });

  it('names every key that moved since a generation (consumers that look often, seldom or never again), or says it no longer knows', () => {
    const store = new Map<string, Pod>();
    const idx = new OwnerIndex<Pod>();
    let seed = 5;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const owners = ['rs1', 'rs2'];
    // Each consumer keeps, per owner, a copy of the owner's objects by key, brought up to
    // date from changedSince (or read whole when it answers undefined).
    const consumers = [1, 3, 40, 400].map((every) => ({ every, seen: new Map(owners.map((o) => [o, { gen: 0, objs: new Map<string, Pod>() }])) }));
    let unknown = 0;
    for (let step = 0; step < 4000; step++) {
      const key = `default/p${rand(rand(10) === 0 ? 200 : 30)}`;
      if (rand(6) === 0) {
        store.delete(key);
        idx.delete(key);
      } else {
        const r = rand(5);
        const p = pod(key.slice(8), r >= 3 ? (r === 3 ? undefined : 'rs1') : owners[r], step);
        store.set(key, p);
        idx.set(key, p);
      }
      for (const c of consumers) {
        if (step % c.every !== 0) continue;
        for (const o of owners) {
          const s = c.seen.get(o)!;
          const changed = idx.changedSince(o, s.gen);
          if (changed === undefined) {
            unknown++;
            s.objs = new Map(idx.keys(o).map((k) => [k, idx.get(o, k)!]));
          } else {
            expect(new Set(changed).size).toBe(changed.length);
            for (const k of changed) {
              const now = idx.get(o, k);
              if (now) s.objs.set(k, now);
              else s.objs.delete(k);
            }
          }
          s.gen = idx.generation(o);
          const want = new Map(walk(store, o).map((p) => [`default/${p.metadata.name}`, p]));
          expect(s.objs).toEqual(want);
          for (const [k, p] of want) expect(s.objs.get(k)).toBe(p);
          expect(idx.changedSince(o, s.gen)).toEqual([]);
        }
      }
    }
    // The seldom consumers fell behind the journal at least once; the frequent ones did not.
    expect(unknown).toBeGreaterThan(0);
  });
});

