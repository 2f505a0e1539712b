// Deviations from etcd-io/raft that porting its suite turned up and that no ported Go
// test names: each written as the smallest test of etcd's behaviour, listed in
// known-deviations.ts like the others.

import { describe, expect } from 'vitest';
import { MemoryStorage } from '../memory-storage';
import { RawNode } from '../rawnode';
import { becomeCandidate, becomeLeader, index, msg, newTestConfig, newTestRaft, progress, readMessages, snapshot } from '../testing/etcd-harness';
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

  // etcd stepLeader, MsgAppResp: `case pr.State == StateSnapshot && pr.Match+1 >=
  // r.raftLog.firstIndex()`: a follower that acks an index the leader's log can serve
  // from leaves snapshot state, even below the pending snapshot (etcd's
  // snapshot_succeed_via_app_resp_behind.txt is the same story end to end).
  etcdTest('Leave snapshot state once the log can serve the follower', () => {
    const storage = new MemoryStorage();
    storage.applySnapshot(snapshot(10, 1, [1, 2, 3]));
    storage.append(index(11).terms(1, 1));
    const r = newTestRaft(1, 10, 1, storage);
    becomeCandidate(r);
    becomeLeader(r);
    readMessages(r);
    progress(r, 2).becomeSnapshot(12);
    r.step(msg({ from: 2, to: 1, type: 'MsgAppResp', term: r.term, index: 11 }));
    expect(progress(r, 2).state).toBe('replicate');
    const sent = readMessages(r).filter((m) => m.to === 2 && m.type === 'MsgApp');
    expect(sent[0]?.index).toBe(11);
  });
});
