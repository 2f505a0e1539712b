// Deviations from etcd-io/raft that porting its suite turned up and that no ported Go
// test names: each written as the smallest test of etcd's behaviour. A deviation not
// fixed yet is listed in known-deviations.ts like the others; a fixed one stays here
// as its regression.

import { describe, expect } from 'vitest';
import { MemoryStorage } from '../memory-storage';
import { RawNode } from '../rawnode';
import { addLearner, addNode, becomeCandidate, becomeLeader, index, msg, newTestConfig, newTestMemoryStorage, newTestRaft, progress, readMessages, snapshot } from '../testing/etcd-harness';
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

  // etcd confchange initProgress: Next = max(LastIndex, 1), RecentActive = true, so the
  // new member's first probe carries the last entry and CheckQuorum counts it at once.
  etcdTest('A new peer is probed at the last index', () => {
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2, 3]));
    becomeCandidate(r);
    becomeLeader(r);
    readMessages(r);
    const last = r.log.lastIndex();
    addNode(r, 4);
    expect(progress(r, 4).next).toBe(last);
    expect(progress(r, 4).recentActive).toBe(true);
    const sent = readMessages(r).filter((m) => m.to === 4);
    expect(sent.map((m) => [m.type, m.index, m.entries?.length])).toEqual([['MsgApp', last - 1, 1]]);
  });

  // etcd confchange makeVoter/makeLearner flip IsLearner on the existing Progress: what
  // the leader knows of the member (state, match, inflights) survives a promotion.
  etcdTest('A promotion keeps the progress', () => {
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2], [3]));
    becomeCandidate(r);
    becomeLeader(r);
    readMessages(r);
    r.step(msg({ from: 3, to: 1, type: 'MsgAppResp', term: r.term, index: r.log.lastIndex() }));
    const before = progress(r, 3);
    expect(before.state).toBe('replicate');
    addNode(r, 3);
    expect(progress(r, 3)).toBe(before);
    expect(before.isLearner).toBe(false);
    addLearner(r, 3);
    expect(progress(r, 3)).toBe(before);
    expect(before.isLearner).toBe(true);
  });
});
