// Port of etcd-io/raft raft_test.go, part 2 of 6 (TestHandleMsgApp …
// TestLeaderMsgAppSelfAckAfterTermChange): AppendEntries and heartbeat handling, vote
// rules, state transitions, step-down.

import { describe, expect } from 'vitest';
import { stepCandidate, stepFollower } from '../follower';
import type { Raft } from '../raft';
import { stepLeader } from '../replication';
import type { Message, MessageType } from '../types';
import {
  None,
  becomeCandidate,
  becomeLeader,
  becomePreCandidate,
  entry,
  index,
  internals,
  msg,
  newTestMemoryStorage,
  newTestRaft,
  nextEnts,
  pendingReadCount,
  readMessages,
  replaceLog,
  resetRandomizedElectionTimeout,
} from '../testing/etcd-harness';
import { newNetwork } from '../testing/etcd-network';
import { etcdTest, notModelled } from '../testing/etcd-test';

type State = 'follower' | 'precandidate' | 'candidate' | 'leader';

const hup = (id: number): Message => msg({ from: id, to: id, type: 'MsgHup' });
describe('raft_test.go (2/6)', () => {
  // 1. Reply false if the log has no entry at prevLogIndex with prevLogTerm.
  // 2. Delete a conflicting entry and all that follow; append new entries.
  // 3. If leaderCommit > commitIndex, commitIndex = min(leaderCommit, last new entry).
  etcdTest('TestHandleMsgApp', () => {
    const app = (term: number, logTerm: number, idx: number, commit: number, ents: [number, number][] = []): Message =>
      msg({ type: 'MsgApp', term, logTerm, index: idx, commit, entries: ents.map(([i, t]) => entry({ index: i, term: t })) });
    const tests: [Message, number, number, boolean][] = [
      // Ensure 1
      [app(2, 3, 2, 3), 2, 0, true], // previous log mismatch
      [app(2, 3, 3, 3), 2, 0, true], // previous log non-exist
      // Ensure 2
      [app(2, 1, 1, 1), 2, 1, false],
      [app(2, 0, 0, 1, [[1, 2]]), 1, 1, false],
      [app(2, 2, 2, 3, [[3, 2], [4, 2]]), 4, 3, false],
      [app(2, 2, 2, 4, [[3, 2]]), 3, 3, false],
      [app(2, 1, 1, 4, [[2, 2]]), 2, 2, false],
      // Ensure 3
      [app(1, 1, 1, 3), 2, 1, false], // match entry 1, commit up to last new entry 1
      [app(1, 1, 1, 3, [[2, 2]]), 2, 2, false], // match entry 1, commit up to last new entry 2
      [app(2, 2, 2, 3), 2, 2, false], // match entry 2, commit up to last new entry 2
      [app(2, 2, 2, 4), 2, 2, false], // commit up to log.last()
    ];
    tests.forEach(([m, wIndex, wCommit, wReject], i) => {
      const storage = newTestMemoryStorage([1]);
      storage.append(index(1).terms(1, 2));
      const sm = newTestRaft(1, 10, 1, storage);
      sm.becomeFollower(2, None);
      stepFollower(sm, m); // etcd: sm.handleAppendEntries(m)
      expect(sm.log.lastIndex(), `#${i}`).toBe(wIndex);
      expect(sm.log.committed, `#${i}`).toBe(wCommit);
      const out = readMessages(sm);
      expect(out, `#${i}`).toHaveLength(1);
      expect(out[0]!.reject ?? false, `#${i}`).toBe(wReject);
    });
  });

  // The follower commits to the commit in the heartbeat, never lower.
  etcdTest('TestHandleHeartbeat', () => {
    const commit = 2;
    const tests: [Message, number][] = [
      [msg({ from: 2, to: 1, type: 'MsgHeartbeat', term: 2, commit: commit + 1 }), commit + 1],
      [msg({ from: 2, to: 1, type: 'MsgHeartbeat', term: 2, commit: commit - 1 }), commit], // do not decrease commit
    ];
    tests.forEach(([m, wCommit], i) => {
      const storage = newTestMemoryStorage([1, 2]);
      storage.append(index(1).terms(1, 2, 3));
      const sm = newTestRaft(1, 5, 1, storage);
      sm.becomeFollower(2, 2);
      sm.log.commitTo(commit);
      stepFollower(sm, m); // etcd: sm.handleHeartbeat(m)
      expect(sm.log.committed, `#${i}`).toBe(wCommit);
      const out = readMessages(sm);
      expect(out, `#${i}`).toHaveLength(1);
      expect(out[0]!.type, `#${i}`).toBe('MsgHeartbeatResp');
    });
  });

  // The leader re-sends entries when a heartbeat response comes from a follower behind.
  etcdTest('TestHandleHeartbeatResp', () => {
    const storage = newTestMemoryStorage([1, 2]);
    storage.append(index(1).terms(1, 2, 3));
    const sm = newTestRaft(1, 5, 1, storage);
    becomeCandidate(sm);
    becomeLeader(sm);
    sm.log.commitTo(sm.log.lastIndex());
    // A heartbeat response from a node that is behind; re-send MsgApp
    sm.step(msg({ from: 2, type: 'MsgHeartbeatResp' }));
    let msgs = readMessages(sm);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.type).toBe('MsgApp');
    // A second heartbeat response generates another MsgApp re-send
    sm.step(msg({ from: 2, type: 'MsgHeartbeatResp' }));
    msgs = readMessages(sm);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.type).toBe('MsgApp');
    // Once we have an MsgAppResp, heartbeats no longer send MsgApp.
    sm.step(msg({ from: 2, type: 'MsgAppResp', index: (msgs[0]!.index ?? 0) + (msgs[0]!.entries?.length ?? 0) }));
    // Consume the message sent in response to MsgAppResp
    readMessages(sm);
    sm.step(msg({ from: 2, type: 'MsgHeartbeatResp' }));
    expect(readMessages(sm)).toEqual([]);
  });

  // Confirmed read requests are freed (etcd issue 7571).
  etcdTest('TestRaftFreesReadOnlyMem', () => {
    const sm = newTestRaft(1, 5, 1, newTestMemoryStorage([1, 2]));
    becomeCandidate(sm);
    becomeLeader(sm);
    sm.log.commitTo(sm.log.lastIndex());
    // leader starts a linearizable read request (thesis §6.4, step 2).
    sm.step(msg({ from: 2, type: 'MsgReadIndex', context: 'ctx' }));
    const msgs = readMessages(sm);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.type).toBe('MsgHeartbeat');
    expect(pendingReadCount(sm)).toBe(1);
    // heartbeat responses from a majority of followers (1 here) acknowledge the
    // leader's authority (thesis §6.4, step 3).
    sm.step(msg({ from: 2, type: 'MsgHeartbeatResp', context: msgs[0]!.context }));
    expect(pendingReadCount(sm)).toBe(0);
  });

  // A MsgAppResp releases the wait of a follower in probe.
  etcdTest('TestMsgAppRespWaitReset', () => {
    const s = newTestMemoryStorage([1, 2, 3]);
    const sm = newTestRaft(1, 5, 1, s);
    becomeCandidate(sm);
    becomeLeader(sm);
    // Run n1, which appends the no-op to its own log.
    nextEnts(sm, s);
    // Node 2 acks the first entry, making it committed.
    sm.step(msg({ from: 2, type: 'MsgAppResp', index: 1 }));
    expect(sm.log.committed).toBe(1);
    // Also consume the MsgApp messages that update Commit on the followers.
    readMessages(sm);
    // A new command is now proposed on node 1.
    sm.step(msg({ from: 1, type: 'MsgProp', entries: [entry()] }));
    // Broadcast to all nodes not waiting: 2 left the wait with its MsgAppResp, 3 did not.
    let msgs = readMessages(sm);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.type).toBe('MsgApp');
    expect(msgs[0]!.to).toBe(2);
    expect(msgs[0]!.entries).toHaveLength(1);
    expect(msgs[0]!.entries![0]!.index).toBe(2);
    // Now node 3 acks the first entry. This releases the wait and entry 2 is sent.
    sm.step(msg({ from: 3, type: 'MsgAppResp', index: 1 }));
    msgs = readMessages(sm);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.type).toBe('MsgApp');
    expect(msgs[0]!.to).toBe(3);
    expect(msgs[0]!.entries).toHaveLength(1);
    expect(msgs[0]!.entries![0]!.index).toBe(2);
  });

  function testRecvMsgVote(msgType: 'MsgVote' | 'MsgPreVote'): void {
    const tests: [State, number, number, number, boolean][] = [
      ['follower', 0, 0, None, true],
      ['follower', 0, 1, None, true],
      ['follower', 0, 2, None, true],
      ['follower', 0, 3, None, false],
      ['follower', 1, 0, None, true],
      ['follower', 1, 1, None, true],
      ['follower', 1, 2, None, true],
      ['follower', 1, 3, None, false],
      ['follower', 2, 0, None, true],
      ['follower', 2, 1, None, true],
      ['follower', 2, 2, None, false],
      ['follower', 2, 3, None, false],
      ['follower', 3, 0, None, true],
      ['follower', 3, 1, None, true],
      ['follower', 3, 2, None, false],
      ['follower', 3, 3, None, false],
      ['follower', 3, 2, 2, false],
      ['follower', 3, 2, 1, true],
      ['leader', 3, 3, 1, true],
      ['precandidate', 3, 3, 1, true],
      ['candidate', 3, 3, 1, true],
    ];
    tests.forEach(([state, idx, logTerm, voteFor, wreject], i) => {
      const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1]));
      sm.role = state;
      internals(sm).stepFn = state === 'follower' ? stepFollower : state === 'leader' ? stepLeader : stepCandidate;
      sm.vote = voteFor;
      replaceLog(sm, index(1).terms(2, 2));
      // Same term on both sides: only the logs differ, and whether a vote was given.
      const term = Math.max(sm.log.lastTerm(), logTerm);
      sm.term = term;
      sm.step(msg({ type: msgType, term, from: 2, index: idx, logTerm }));
      const msgs = readMessages(sm);
      expect(msgs, `#${i}`).toHaveLength(1);
      expect(msgs[0]!.type, `#${i}`).toBe(msgType === 'MsgVote' ? 'MsgVoteResp' : 'MsgPreVoteResp');
      expect(msgs[0]!.reject ?? false, `#${i}`).toBe(wreject);
    });
  }
  etcdTest('TestRecvMsgVote', () => testRecvMsgVote('MsgVote'));
  etcdTest('TestRecvMsgPreVote', () => testRecvMsgVote('MsgPreVote'));

  describe('TestStateTransition', () => {
    const tests: [State, State, boolean, number, number][] = [
      ['follower', 'follower', true, 1, None],
      ['follower', 'precandidate', true, 0, None],
      ['follower', 'candidate', true, 1, None],
      ['follower', 'leader', false, 0, None],
      ['precandidate', 'follower', true, 0, None],
      ['precandidate', 'precandidate', true, 0, None],
      ['precandidate', 'candidate', true, 1, None],
      ['precandidate', 'leader', true, 0, 1],
      ['candidate', 'follower', true, 0, None],
      ['candidate', 'precandidate', true, 0, None],
      ['candidate', 'candidate', true, 1, None],
      ['candidate', 'leader', true, 0, 1],
      ['leader', 'follower', true, 1, None],
      ['leader', 'precandidate', false, 0, None],
      ['leader', 'candidate', false, 1, None],
      ['leader', 'leader', true, 0, 1],
    ];
    tests.forEach(([from, to, wallow, wterm, wlead], i) => {
      etcdTest(`TestStateTransition/case ${i}`, () => {
        const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1]));
        sm.role = from;
        try {
          if (to === 'follower') sm.becomeFollower(wterm, wlead);
          else if (to === 'precandidate') becomePreCandidate(sm);
          else if (to === 'candidate') becomeCandidate(sm);
          else becomeLeader(sm);
        } catch {
          // etcd panics on an invalid transition
          expect(wallow, `#${i}`).toBe(false);
          return;
        }
        expect(sm.term, `#${i}`).toBe(wterm);
        expect(sm.lead, `#${i}`).toBe(wlead);
      });
    });
  });

  etcdTest('TestAllServerStepdown', () => {
    const tests: [State, State, number, number][] = [
      ['follower', 'follower', 3, 0],
      ['precandidate', 'follower', 3, 0],
      ['candidate', 'follower', 3, 0],
      ['leader', 'follower', 3, 1],
    ];
    const tmsgTypes: MessageType[] = ['MsgVote', 'MsgApp'];
    const tterm = 3;
    tests.forEach(([state, wstate, wterm, windex], i) => {
      const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2, 3]));
      if (state === 'follower') sm.becomeFollower(1, None);
      else if (state === 'precandidate') becomePreCandidate(sm);
      else if (state === 'candidate') becomeCandidate(sm);
      else {
        becomeCandidate(sm);
        becomeLeader(sm);
      }
      tmsgTypes.forEach((type, j) => {
        sm.step(msg({ from: 2, type, term: tterm, logTerm: tterm }));
        expect(sm.role, `#${i}.${j}`).toBe(wstate);
        expect(sm.term, `#${i}.${j}`).toBe(wterm);
        expect(sm.log.lastIndex(), `#${i}.${j}`).toBe(windex);
        expect(sm.log.slice(sm.log.firstIndex(), sm.log.lastIndex() + 1), `#${i}.${j}`).toHaveLength(windex);
        expect(sm.lead, `#${i}.${j}`).toBe(type === 'MsgVote' ? None : 2);
      });
    });
  });

  // A candidate that gets a MsgHeartbeat or MsgApp from the leader takes its term and
  // reverts to follower.
  function testCandidateResetTerm(mt: 'MsgHeartbeat' | 'MsgApp'): void {
    const [a, b, c] = [1, 2, 3].map((id) => newTestRaft(id, 10, 1, newTestMemoryStorage([1, 2, 3]))) as [Raft, Raft, Raft];
    const nt = newNetwork(a, b, c);
    nt.send(hup(1));
    expect(a.role).toBe('leader');
    expect(b.role).toBe('follower');
    expect(c.role).toBe('follower');
    // isolate 3 and increase term in rest
    nt.isolate(3);
    nt.send(hup(2));
    nt.send(hup(1));
    expect(a.role).toBe('leader');
    expect(b.role).toBe('follower');
    // trigger campaign in isolated c
    resetRandomizedElectionTimeout(c);
    for (let i = 0; i < c.randomizedElectionTimeout; i++) c.tick();
    expect(c.role).toBe('candidate');
    nt.recover();
    // leader sends to isolated candidate and expects candidate to revert to follower
    nt.send(msg({ from: 1, to: 3, term: a.term, type: mt }));
    expect(c.role).toBe('follower');
    // follower c term is reset with leader's
    expect(c.term).toBe(a.term);
  }
  etcdTest('TestCandidateResetTermMsgHeartbeat', () => testCandidateResetTerm('MsgHeartbeat'));
  etcdTest('TestCandidateResetTermMsgApp', () => testCandidateResetTerm('MsgApp'));

  const asyncSelfVote = 'asynchronous storage writes: the self-vote and self-ack are not messages delivered after the disk write; src/raft counts them at once';
  notModelled('TestCandidateSelfVoteAfterLostElection', asyncSelfVote);
  notModelled('TestCandidateSelfVoteAfterLostElectionPreVote', asyncSelfVote);
  notModelled('TestCandidateDeliversPreCandidateSelfVoteAfterBecomingCandidate', asyncSelfVote);
  notModelled('TestLeaderMsgAppSelfAckAfterTermChange', asyncSelfVote);
});
