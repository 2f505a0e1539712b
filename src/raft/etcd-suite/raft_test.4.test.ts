// Port of etcd-io/raft raft_test.go, part 4 of 6 (TestLeaderAppResp … TestSlowNodeRestore):
// the leader's progress and heartbeats, snapshots and restore.

import { describe, expect } from 'vitest';
import { stepCandidate, stepFollower } from '../follower';
import { sendAppend, stepLeader } from '../replication';
import type { Message } from '../types';
import {
  appliedSnap,
  becomeCandidate,
  becomeLeader,
  entry,
  index,
  internals,
  isLearner,
  learnerNodes,
  msg,
  mustAppendEntry,
  newTestMemoryStorage,
  newTestRaft,
  nextEnts,
  msgAppFlowPaused,
  progress,
  readMessages,
  replaceLog,
  restore,
  setRandomizedElectionTimeout,
  snapshot,
  voterNodes,
} from '../testing/etcd-harness';
import { newNetwork } from '../testing/etcd-network';
import { etcdTest, notModelled } from '../testing/etcd-test';
import { MemoryStorage } from '../memory-storage';

const hup = (id: number): Message => msg({ from: id, to: id, type: 'MsgHup' });
const beat = (id: number): Message => msg({ from: id, to: id, type: 'MsgBeat' });
const prop = (id: number, data = ''): Message => msg({ from: id, to: id, type: 'MsgProp', entries: [entry({ data })] });

describe('raft_test.go (4/6)', () => {
  describe('TestLeaderAppResp', () => {
    // initial progress: match = 0; next = 3
    const tests: [number, boolean, number, number, number, number, number][] = [
      [3, true, 0, 3, 0, 0, 0], // stale resp; no replies
      [2, true, 0, 2, 1, 1, 0], // denied resp; leader does not commit; decrease next and send probing msg
      [2, false, 2, 4, 2, 2, 2], // accept resp; leader commits; broadcast with commit index
      // The follower is probing at 0 and acks 0 (its match): it moves to replicate and
      // gets every entry (1, 2 and 3); next is then 4.
      [0, false, 0, 4, 1, 0, 0],
    ];
    tests.forEach(([idx, reject, wmatch, wnext, wmsgNum, windex, wcommitted], i) => {
      etcdTest(`TestLeaderAppResp/case ${i}`, () => {
        // sm's term is 1 once it leads, so the last log term must be 1 to be committed.
        const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2, 3]));
        replaceLog(sm, index(1).terms(1, 1));
        becomeCandidate(sm);
        becomeLeader(sm);
        readMessages(sm);
        sm.step(msg({ from: 2, type: 'MsgAppResp', index: idx, term: sm.term, reject, rejectHint: idx }));
        const p = progress(sm, 2);
        expect(p.match).toBe(wmatch);
        expect(p.next).toBe(wnext);
        const msgs = readMessages(sm);
        expect(msgs).toHaveLength(wmsgNum);
        for (const m of msgs) {
          expect(m.index ?? 0, JSON.stringify(m)).toBe(windex);
          expect(m.commit ?? 0, JSON.stringify(m)).toBe(wcommitted);
        }
      });
    });
  });

  // On a heartbeat tick the leader sends MsgHeartbeat with no index, log term or entries,
  // and a commit no higher than what each follower matches.
  etcdTest('TestBcastBeat', () => {
    const offset = 1000;
    // a state machine with log.offset = 1000
    const storage = new MemoryStorage();
    storage.applySnapshot(snapshot(offset, 1, [1, 2, 3]));
    const sm = newTestRaft(1, 10, 1, storage);
    sm.term = 1;
    becomeCandidate(sm);
    becomeLeader(sm);
    for (let i = 0; i < 10; i++) mustAppendEntry(sm, entry({ index: i + 1 }));
    // slow follower
    progress(sm, 2).match = 5;
    progress(sm, 2).next = 6;
    // normal follower
    progress(sm, 3).match = sm.log.lastIndex();
    progress(sm, 3).next = sm.log.lastIndex() + 1;
    sm.step(msg({ type: 'MsgBeat' }));
    const msgs = readMessages(sm);
    expect(msgs).toHaveLength(2);
    const wantCommitMap = new Map([
      [2, Math.min(sm.log.committed, progress(sm, 2).match)],
      [3, Math.min(sm.log.committed, progress(sm, 3).match)],
    ]);
    msgs.forEach((m, i) => {
      expect(m.type, `#${i}`).toBe('MsgHeartbeat');
      expect(m.index ?? 0, `#${i}`).toBe(0);
      expect(m.logTerm ?? 0, `#${i}`).toBe(0);
      expect(wantCommitMap.has(m.to), `#${i}`).toBe(true);
      expect(m.commit, `#${i}`).toBe(wantCommitMap.get(m.to));
      wantCommitMap.delete(m.to);
      expect(m.entries ?? [], `#${i}`).toEqual([]);
    });
  });

  // Only a leader acts on MsgBeat.
  etcdTest('TestRecvMsgBeat', () => {
    const tests: ['leader' | 'candidate' | 'follower', number][] = [
      ['leader', 2],
      // candidate and follower should ignore MsgBeat
      ['candidate', 0],
      ['follower', 0],
    ];
    tests.forEach(([state, wMsg], i) => {
      const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2, 3]));
      replaceLog(sm, index(1).terms(1, 1));
      sm.term = 1;
      sm.role = state;
      internals(sm).stepFn = state === 'follower' ? stepFollower : state === 'candidate' ? stepCandidate : stepLeader;
      sm.step(beat(1));
      const msgs = readMessages(sm);
      expect(msgs, `#${i}`).toHaveLength(wMsg);
      for (const m of msgs) expect(m.type, `#${i}`).toBe('MsgHeartbeat');
    });
  });

  etcdTest('TestLeaderIncreaseNext', () => {
    const previousEnts = index(1).terms(1, 2, 3);
    const tests: ['replicate' | 'probe', number, number][] = [
      // replicate: optimistically increase next (previous entries + noop + proposal + 1)
      ['replicate', 2, previousEnts.length + 1 + 1 + 1],
      // probe: next is not increased optimistically
      ['probe', 2, 2],
    ];
    tests.forEach(([state, next, wnext], i) => {
      const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
      sm.log.append(previousEnts);
      becomeCandidate(sm);
      becomeLeader(sm);
      progress(sm, 2).state = state;
      progress(sm, 2).next = next;
      sm.step(prop(1, 'somedata'));
      expect(progress(sm, 2).next, `#${i}`).toBe(wnext);
    });
  });

  etcdTest('TestSendAppendForProgressProbe', () => {
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
    becomeCandidate(r);
    becomeLeader(r);
    readMessages(r);
    progress(r, 2).becomeProbe();
    // each round is a heartbeat
    for (let i = 0; i < 3; i++) {
      if (i === 0) {
        // Only one MsgApp goes out in the first round; then the follower is paused until
        // a heartbeat response is received.
        mustAppendEntry(r, entry({ data: 'somedata' }));
        sendAppend(r, 2);
        const m = readMessages(r);
        expect(m).toHaveLength(1);
        expect(m[0]!.index ?? 0).toBe(0);
      }
      expect(msgAppFlowPaused(progress(r, 2))).toBe(true);
      for (let j = 0; j < 10; j++) {
        mustAppendEntry(r, entry({ data: 'somedata' }));
        sendAppend(r, 2);
        expect(readMessages(r)).toEqual([]);
      }
      // do a heartbeat
      for (let j = 0; j < r.cfg.heartbeatTicks; j++) r.step(beat(1));
      expect(msgAppFlowPaused(progress(r, 2))).toBe(true);
      // consume the heartbeat
      const m = readMessages(r);
      expect(m).toHaveLength(1);
      expect(m[0]!.type).toBe('MsgHeartbeat');
    }
    // a heartbeat response will allow another message to be sent
    r.step(msg({ from: 2, to: 1, type: 'MsgHeartbeatResp' }));
    const m = readMessages(r);
    expect(m).toHaveLength(1);
    expect(m[0]!.index ?? 0).toBe(0);
    expect(msgAppFlowPaused(progress(r, 2))).toBe(true);
  });

  etcdTest('TestSendAppendForProgressReplicate', () => {
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
    becomeCandidate(r);
    becomeLeader(r);
    readMessages(r);
    progress(r, 2).becomeReplicate();
    for (let i = 0; i < 10; i++) {
      mustAppendEntry(r, entry({ data: 'somedata' }));
      sendAppend(r, 2);
      expect(readMessages(r), `#${i}`).toHaveLength(1);
    }
  });

  etcdTest('TestSendAppendForProgressSnapshot', () => {
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
    becomeCandidate(r);
    becomeLeader(r);
    readMessages(r);
    progress(r, 2).becomeSnapshot(10);
    for (let i = 0; i < 10; i++) {
      mustAppendEntry(r, entry({ data: 'somedata' }));
      sendAppend(r, 2);
      expect(readMessages(r), `#${i}`).toEqual([]);
    }
  });

  // The host reports a peer unreachable (etcd ReportUnreachable): stop pipelining to it
  // and probe from its match.
  etcdTest('TestRecvMsgUnreachable', () => {
    const previousEnts = index(1).terms(1, 2, 3);
    const s = newTestMemoryStorage([1, 2]);
    s.append(previousEnts);
    const r = newTestRaft(1, 10, 1, s);
    becomeCandidate(r);
    becomeLeader(r);
    readMessages(r);
    // set node 2 to state replicate
    progress(r, 2).match = 3;
    progress(r, 2).becomeReplicate();
    progress(r, 2).next = 6;
    r.step(msg({ from: 2, to: 1, type: 'MsgUnreachable' }));
    expect(progress(r, 2).state).toBe('probe');
    expect(progress(r, 2).next).toBe(progress(r, 2).match + 1);
  });

  etcdTest('TestRestore', () => {
    const s = snapshot(11, 11, [1, 2, 3]); // magic numbers
    const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
    expect(restore(sm, s)).toBe(true);
    expect(sm.log.lastIndex()).toBe(s.meta.index);
    expect(sm.log.term(s.meta.index)).toBe(s.meta.term);
    expect(voterNodes(sm)).toEqual(s.meta.confState.voters);
    expect(restore(sm, s)).toBe(false);
    // It should not campaign before actually applying data.
    for (let i = 0; i < sm.randomizedElectionTimeout; i++) sm.tick();
    expect(sm.role).toBe('follower');
  });

  // A snapshot that lists learners.
  etcdTest('TestRestoreWithLearner', () => {
    const s = snapshot(11, 11, [1, 2], [3]);
    const sm = newTestRaft(3, 8, 2, newTestMemoryStorage([1, 2], [3]));
    expect(restore(sm, s)).toBe(true);
    expect(sm.log.lastIndex()).toBe(s.meta.index);
    expect(sm.log.term(s.meta.index)).toBe(s.meta.term);
    expect(voterNodes(sm)).toHaveLength(s.meta.confState.voters.length);
    expect(learnerNodes(sm)).toHaveLength(s.meta.confState.learners.length);
    for (const n of s.meta.confState.voters) expect(progress(sm, n).isLearner).toBe(false);
    for (const n of s.meta.confState.learners) expect(progress(sm, n).isLearner).toBe(true);
    expect(restore(sm, s)).toBe(false);
  });

  notModelled('TestRestoreWithVotersOutgoing', 'joint consensus (VotersOutgoing): src/raft changes membership one node at a time');

  // A voter can be demoted to learner by a snapshot (which may compress a removal and a
  // re-add as learner); it must accept it or be cut off from the log.
  etcdTest('TestRestoreVoterToLearner', () => {
    const s = snapshot(11, 11, [1, 2], [3]);
    const sm = newTestRaft(3, 10, 1, newTestMemoryStorage([1, 2, 3]));
    expect(isLearner(sm)).toBe(false);
    expect(restore(sm, s)).toBe(true);
  });

  // A learner becomes a voter by restoring a snapshot.
  etcdTest('TestRestoreLearnerPromotion', () => {
    const s = snapshot(11, 11, [1, 2, 3]);
    const sm = newTestRaft(3, 10, 1, newTestMemoryStorage([1, 2], [3]));
    expect(isLearner(sm)).toBe(true);
    expect(restore(sm, s)).toBe(true);
    expect(isLearner(sm)).toBe(false);
  });

  // A learner receives a snapshot from the leader.
  etcdTest('TestLearnerReceiveSnapshot', () => {
    // restore the state machine from a snapshot so it has a compacted log and a snapshot
    const s = snapshot(11, 11, [1], [2]);
    const store = newTestMemoryStorage([1], [2]);
    const n1 = newTestRaft(1, 10, 1, store);
    const n2 = newTestRaft(2, 10, 1, newTestMemoryStorage([1], [2]));
    restore(n1, s);
    const snap = n1.log.pendingSnapshot()!;
    store.applySnapshot(snap);
    appliedSnap(n1, snap);
    const nt = newNetwork(n1, n2);
    setRandomizedElectionTimeout(n1, n1.electionTimeout);
    for (let i = 0; i < n1.electionTimeout; i++) n1.tick();
    nt.send(beat(1));
    expect(n2.log.committed).toBe(n1.log.committed);
  });

  etcdTest('TestRestoreIgnoreSnapshot', () => {
    const previousEnts = index(1).terms(1, 1, 1);
    const commit = 1;
    const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
    sm.log.append(previousEnts);
    sm.log.commitTo(commit);
    // ignore snapshot
    expect(restore(sm, snapshot(commit, 1, [1, 2]))).toBe(false);
    expect(sm.log.committed).toBe(commit);
    // ignore snapshot and fast forward commit
    expect(restore(sm, snapshot(commit + 1, 1, [1, 2]))).toBe(false);
    expect(sm.log.committed).toBe(commit + 1);
  });

  etcdTest('TestProvideSnap', () => {
    // restore the state machine from a snapshot so it has a compacted log and a snapshot
    const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1]));
    restore(sm, snapshot(11, 11, [1, 2]));
    becomeCandidate(sm);
    becomeLeader(sm);
    // force set the next of node 2, so that node 2 needs a snapshot
    progress(sm, 2).next = sm.log.firstIndex();
    sm.step(msg({ from: 2, to: 1, type: 'MsgAppResp', index: progress(sm, 2).next - 1, reject: true }));
    const msgs = readMessages(sm);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.type).toBe('MsgSnap');
  });

  etcdTest('TestIgnoreProvidingSnap', () => {
    const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1]));
    restore(sm, snapshot(11, 11, [1, 2]));
    becomeCandidate(sm);
    becomeLeader(sm);
    // node 2 needs a snapshot but is inactive: node 1 does not send it
    progress(sm, 2).next = sm.log.firstIndex() - 1;
    progress(sm, 2).recentActive = false;
    sm.step(prop(1, 'somedata'));
    expect(readMessages(sm)).toEqual([]);
  });

  etcdTest('TestRestoreFromSnapMsg', () => {
    const m = msg({ type: 'MsgSnap', from: 1, term: 2, snapshot: snapshot(11, 11, [1, 2]) });
    const sm = newTestRaft(2, 10, 1, newTestMemoryStorage([1, 2]));
    sm.step(m);
    expect(sm.lead).toBe(1);
  });

  etcdTest('TestSlowNodeRestore', () => {
    const nt = newNetwork(null, null, null);
    nt.send(hup(1));
    nt.isolate(3);
    for (let j = 0; j <= 100; j++) nt.send(prop(1));
    const lead = nt.raft(1);
    nextEnts(lead, nt.storage.get(1)!);
    nt.storage.get(1)!.createSnapshot(lead.log.applied, { voters: voterNodes(lead), learners: [] }, '');
    nt.storage.get(1)!.compact(lead.log.applied);
    nt.recover();
    // Heartbeats until the leader learns everyone is active: node 3 counts as active only
    // once node 1 gets a reply from it.
    for (let i = 0; i < 100 && !progress(lead, 3).recentActive; i++) nt.send(beat(1));
    expect(progress(lead, 3).recentActive).toBe(true);
    // trigger a snapshot
    nt.send(prop(1));
    const follower = nt.raft(3);
    // trigger a commit
    nt.send(prop(1));
    expect(follower.log.committed).toBe(lead.log.committed);
  });
});
