// Raft's in-memory snapshot shares the store's lists (sharedState): restoring it gives
// the store as it was when it was taken, however the live store went on (appends,
// compaction, deletes), and a structured clone of it (a worker's MsgSnap) does too.

import { describe, expect, it } from 'vitest';
import { MvccStore } from './mvcc';

describe('MvccStore.sharedState', () => {
  it('restores to the store as it was at the snapshot, not as it is now', () => {
    const s = new MvccStore();
    s.grantLease(7, 60);
    for (let i = 0; i < 20; i++) s.apply({ type: 'put', key: `k${i % 4}`, value: String(i), ...(i % 4 === 3 ? { lease: 7 } : {}) });
    const shared = s.sharedState();
    const expected = s.serialize();
    // The live store goes on: more versions, a delete, a new key, a compaction.
    for (let i = 0; i < 10; i++) s.apply({ type: 'put', key: `k${i % 5}`, value: `later ${i}` });
    s.apply({ type: 'deleteRange', key: 'k1' });
    s.compact(s.rev - 2);
    expect(MvccStore.restore(shared).serialize()).toBe(expected);
    expect(MvccStore.restore(structuredClone(shared)).serialize()).toBe(expected);
    // The lease index is rebuilt from the versions the snapshot had.
    expect(MvccStore.restore(shared).leaseKeys(7)).toEqual(['k3']);
    expect(s.serialize()).not.toBe(expected);
  });
});
