// Deviations from etcd-io/raft that porting its suite turned up and that no ported Go
// test names: each written as the smallest test of etcd's behaviour, listed in
// known-deviations.ts like the others.

import { describe, expect } from 'vitest';
import { MemoryStorage } from '../memory-storage';
import { RawNode } from '../rawnode';
import { newTestConfig } from '../testing/etcd-harness';
import { etcdTest } from '../testing/etcd-test';

describe('deviations found by the port', () => {
  // etcd NewRawNode: rn.prevHardSt = r.hardState(), so a node that boots from a snapshot
  // has nothing to hand out until something happens (etcd's transcripts rely on it).
  etcdTest('RawNode boot HardState', () => {
    const storage = new MemoryStorage();
    storage.applySnapshot({ meta: { index: 2, term: 1, confState: { voters: [1, 2, 3], learners: [] } }, data: '' });
    const cfg = newTestConfig(1, 3, 1, storage);
    const rn = new RawNode({ ...cfg, applied: 2 }, storage);
    expect(rn.status().commit).toBe(2);
    expect(rn.hasReady()).toBe(false);
  });
});
