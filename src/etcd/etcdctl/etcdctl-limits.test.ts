// etcdctl and etcd refuse what the real ones refuse, with their texts (issue 15): an
// empty key, int64 flags that are not numbers, lease ids beyond 2^53 kept exact, TTLs
// over MaxLeaseTTL, txns over 128 operations, and a corrupted snapshot file (which
// must not stop the simulation).

import { beforeAll, describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../../host/in-process';
import { etcdctl, kubeCluster, output } from '../../host/testing/cluster';
import { fileKey, type SnapshotFile } from './snapshot-command';
import { requestLimitError } from '../server/request-limits';

describe('etcd limits and etcdctl parsing', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: limits\nseed: 12\nuntil: 1h\ntopology: { etcd: stacked, masters: 3, kubernetes: false }\n');
    c.runUntil(5000);
  });

  it('an empty key is refused by etcd, not stored', () => {
    expect(output(etcdctl(c, 'etcdctl put "" v'))).toBe('Error: etcdserver: key is not provided');
    expect(output(etcdctl(c, "etcdctl get ''"))).toBe('Error: etcdserver: key is not provided');
  });

  it('int64 flags are parsed as pflag does', () => {
    expect(output(etcdctl(c, 'etcdctl get a --limit=abc'))).toBe('Error: invalid argument "abc" for "--limit" flag: strconv.ParseInt: parsing "abc": invalid syntax');
    expect(output(etcdctl(c, 'etcdctl get a --rev=NaN'))).toBe('Error: invalid argument "NaN" for "--rev" flag: strconv.ParseInt: parsing "NaN": invalid syntax');
    expect(output(etcdctl(c, 'etcdctl watch a --rev=99999999999999999999'))).toBe('Error: invalid argument "99999999999999999999" for "--rev" flag: strconv.ParseInt: parsing "99999999999999999999": value out of range');
  });

  it('lease ids above 2^53 stay exact; above int64 they are refused; TTLs are bounded', () => {
    expect(output(etcdctl(c, 'etcdctl lease timetolive 0020000000000001'))).toBe('lease 0020000000000001 already expired');
    expect(output(etcdctl(c, 'etcdctl lease revoke 7fffffffffffffff'))).toBe('Error: etcdserver: requested lease not found');
    expect(output(etcdctl(c, 'etcdctl lease revoke ffffffffffffffff'))).toBe('Error: bad lease ID arg (strconv.ParseInt: parsing "ffffffffffffffff": value out of range), expecting ID in Hex');
    expect(output(etcdctl(c, 'etcdctl put k v --lease=ffffffffffffffff'))).toBe('Error: bad lease ID (strconv.ParseInt: parsing "ffffffffffffffff": value out of range), expecting ID in Hex');
    expect(output(etcdctl(c, 'etcdctl lease grant 9000000001'))).toBe('Error: etcdserver: too large lease TTL');
    expect(output(etcdctl(c, 'etcdctl lease grant 1e30'))).toBe('Error: lease grant command needs TTL argument: bad TTL (strconv.ParseInt: parsing "1e30": invalid syntax)');
  });

  it('a txn of more than 128 operations is refused before Raft', () => {
    const puts = Array.from({ length: 129 }, (_, i) => ({ type: 'put' as const, key: `k${i}`, value: 'v' }));
    expect(requestLimitError({ type: 'txn', compare: [], success: puts, failure: [] })).toBe('etcdserver: too many operations in txn request');
    expect(requestLimitError({ type: 'txn', compare: [], success: puts.slice(0, 128), failure: [] })).toBeUndefined();
  });

  it('a corrupted snapshot file is "invalid database", and the simulation runs on', () => {
    expect(output(etcdctl(c, 'etcdctl --endpoints=https://master-1:2379 snapshot save snap.db'))).toMatch(/Snapshot saved at snap.db$/);
    const disk = c.sim.diskOf('client')!;
    const file = disk.get<SnapshotFile>(fileKey('snap.db'))!;
    disk.put(fileKey('snap.db'), { ...file, data: `${file.data.slice(0, 40)}garbage` });
    expect(output(etcdctl(c, 'etcdutl snapshot status snap.db'))).toBe('Error: invalid database');
    expect(output(etcdctl(c, 'etcdutl snapshot restore snap.db --data-dir=/var/lib/etcd-new'))).toBe('Error: invalid database');
    expect(output(etcdctl(c, 'etcdctl put after ok'))).toBe('OK');
  });
});
