import { describe, expect, it } from 'vitest';
import { MvccStore } from './mvcc';

describe("MVCC store: a lease's keys (the index revoke reads)", () => {
  it('follows puts, overwrites without the lease, deletes, revokes and a restore', () => {
    const s = new MvccStore();
    s.grantLease(7, 60);
    s.grantLease(8, 60);
    s.apply({ type: 'put', key: 'b', value: '1', lease: 7 });
    s.apply({ type: 'put', key: 'a', value: '1', lease: 7 });
    s.apply({ type: 'put', key: 'c', value: '1', lease: 8 });
    expect(s.leaseKeys(7)).toEqual(['a', 'b']);
    // Overwritten without a lease, moved to another lease, deleted: no longer attached.
    s.apply({ type: 'put', key: 'b', value: '2' });
    s.apply({ type: 'put', key: 'c', value: '2', lease: 7 });
    expect(s.leaseKeys(7)).toEqual(['a', 'c']);
    expect(s.leaseKeys(8)).toEqual([]);
    s.apply({ type: 'deleteRange', key: 'a' });
    expect(s.leaseKeys(7)).toEqual(['c']);
    // A restored store (a snapshot) knows the same.
    const r = MvccStore.restore(s.state());
    expect(r.leaseKeys(7)).toEqual(['c']);
    expect(r.revokeLease(7)).toBe(1);
    expect(r.range({ key: 'c' }).kvs).toEqual([]);
    expect(r.leaseKeys(7)).toEqual([]);
    expect(s.leaseKeys(7)).toEqual(['c']);
  });
});
