// Events live under an etcd lease of --event-ttl (1 h), shared by the writes of a short
// window as the real lease manager does, and etcd deletes them when it expires.

import { describe, expect, it } from 'vitest';
import { etcdctl, kubeCluster, output } from '../../host/testing/cluster';
import { leaseHex } from '../../etcd/ids';
import { LeaseManager, reuseSeconds } from './lease-manager';
import type { EtcdClient } from '../../etcd/clientv3/etcd-client';
import type { ClientOp, ClientResult } from '../../etcd/types';

interface JsonKv {
  key: string;
  lease?: number;
}

function eventKeys(json: string): JsonKv[] {
  const kvs = (JSON.parse(json) as { kvs?: JsonKv[] }).kvs ?? [];
  return kvs.map((kv) => ({ key: Buffer.from(kv.key, 'base64').toString(), ...(kv.lease !== undefined ? { lease: kv.lease } : {}) }));
}

describe('Event TTL (--event-ttl)', () => {
  it('every Event key has a lease of 1 h plus the reuse window, and is gone once it expires', () => {
    const c = kubeCluster('name: event-ttl\nseed: 1\nuntil: 2h\ntopology: { etcd: stacked, masters: 1, workers: 1 }\n');
    c.runUntil(20_000);
    const before = eventKeys(output(etcdctl(c, 'etcdctl get /registry/events/ --prefix --keys-only -w json')));
    expect(before.length).toBeGreaterThan(3);
    for (const kv of before) expect(kv.lease, kv.key).toBeGreaterThan(0);
    // The boot's events share a few leases, not one each.
    const leases = [...new Set(before.map((kv) => kv.lease!))];
    expect(leases.length).toBeLessThan(before.length);
    expect(output(etcdctl(c, `etcdctl lease timetolive ${leaseHex(leases[0]!)}`))).toMatch(/granted with TTL\(3660s\)/);
    // A Pod has no lease.
    const pods = eventKeys(output(etcdctl(c, 'etcdctl get /registry/pods/ --prefix --keys-only -w json')));
    expect(pods.length).toBeGreaterThan(0);
    for (const kv of pods) expect(kv.lease, kv.key).toBeUndefined();

    c.runUntil(20_000 + 3_670_000);
    const after = new Set(eventKeys(output(etcdctl(c, 'etcdctl get /registry/events/ --prefix --keys-only -w json'))).map((kv) => kv.key));
    for (const kv of before) expect(after.has(kv.key), kv.key).toBe(false);
    expect(output(etcdctl(c, `etcdctl lease timetolive ${leaseHex(leases[0]!)}`))).toBe(`lease ${leaseHex(leases[0]!)} already expired`);
  });
});

describe('LeaseManager', () => {
  /** An etcd client that grants leases 1, 2, 3… at once and records the TTLs asked. */
  function fakeEtcd(): { etcd: EtcdClient; grants: number[] } {
    const grants: number[] = [];
    const etcd = {
      request(op: ClientOp, cb: (r: ClientResult) => void) {
        if (op.type !== 'leaseGrant') throw new Error(op.type);
        grants.push(op.ttl);
        cb({ ok: true, header: { clusterId: 0, memberId: 0, revision: 0, raftTerm: 0 }, lease: { id: grants.length, ttl: op.ttl } } as unknown as ClientResult);
        return 0;
      },
    } as unknown as EtcdClient;
    return { etcd, grants };
  }

  it('reuses one lease for the writes of the reuse window (min(60 s, 5 % of the TTL)), then grants another', () => {
    expect(reuseSeconds(3600)).toBe(60);
    expect(reuseSeconds(600)).toBe(30);
    let now = 0;
    const { etcd, grants } = fakeEtcd();
    const m = new LeaseManager(etcd, () => now);
    const ids: number[] = [];
    const take = () => m.get(3600, (r) => ids.push(r.ok ? r.id : -1));
    take();
    now = 30_000;
    take();
    now = 59_000;
    take();
    now = 61_000; // the first lease would no longer cover a full hour
    take();
    expect(ids).toEqual([1, 1, 1, 2]);
    expect(grants).toEqual([3660, 3660]);
  });

  it('a lease carries at most 1 000 objects', () => {
    const { etcd, grants } = fakeEtcd();
    const m = new LeaseManager(etcd, () => 0);
    const ids: number[] = [];
    for (let i = 0; i < 1001; i++) m.get(3600, (r) => ids.push(r.ok ? r.id : -1));
    expect(ids.filter((id) => id === 1)).toHaveLength(1000);
    expect(ids.at(-1)).toBe(2);
    expect(grants).toHaveLength(2);
  });
});
