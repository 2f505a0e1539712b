// Port of etcd-io/raft raft_test.go, part 2 of 4 (TestHandleMsgApp … TestReadOnlyDuplicateRequest):
// AppendEntries and heartbeat handling, vote rules, state transitions, step-down,
// CheckQuorum, disruptive followers, ReadIndex.

import { describe, expect } from 'vitest';
import { stepFollower } from '../follower';
import type { Raft } from '../raft';
import { stepCandidate } from '../follower';
import { stepLeader } from '../replication';
import type { Message, MessageType } from '../types';
import {
  None,
  becomeCandidate,
  becomeLeader,
  becomePreCandidate,
  config,
  entry,
  index,
  internals,
  msg,
  newRaft,
  newTestConfig,
  newTestMemoryStorage,
  newTestRaft,
  nextEnts,
  pendingReadCount,
  readMessages,
  removeNode,
  replaceLog,
  resetRandomizedElectionTimeout,
  setRandomizedElectionTimeout,
} from '../testing/etcd-harness';
import { newNetwork } from '../testing/etcd-network';
import { etcdTest, notModelled } from '../testing/etcd-test';

type State = 'follower' | 'precandidate' | 'candidate' | 'leader';

const hup = (id: number): Message => msg({ from: id, to: id, type: 'MsgHup' });
const prop = (id: number, data = ''): Message => msg({ from: id, to: id, type: 'MsgProp', entries: [entry({ data })] });
const readIndex = (id: number, ctx: string): Message => msg({ from: id, to: id, type: 'MsgReadIndex', context: ctx });

function threeWithCheckQuorum(): [Raft, Raft, Raft] {
  const rs = [1, 2, 3].map((id) => newTestRaft(id, 10, 1, newTestMemoryStorage([1, 2, 3])));
  for (const r of rs) config(r).checkQuorum = true;
  return rs as [Raft, Raft, Raft];
}

describe('raft_test.go (2/4)', () => {
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

  etcdTest('TestLeaderStepdownWhenQuorumActive', () => {
    const sm = newTestRaft(1, 5, 1, newTestMemoryStorage([1, 2, 3]));
    config(sm).checkQuorum = true;
    becomeCandidate(sm);
    becomeLeader(sm);
    for (let i = 0; i < sm.electionTimeout + 1; i++) {
      sm.step(msg({ from: 2, type: 'MsgHeartbeatResp', term: sm.term }));
      sm.tick();
    }
    expect(sm.role).toBe('leader');
  });

  etcdTest('TestLeaderStepdownWhenQuorumLost', () => {
    const sm = newTestRaft(1, 5, 1, newTestMemoryStorage([1, 2, 3]));
    config(sm).checkQuorum = true;
    becomeCandidate(sm);
    becomeLeader(sm);
    for (let i = 0; i < sm.electionTimeout + 1; i++) sm.tick();
    expect(sm.role).toBe('follower');
  });

  etcdTest('TestLeaderSupersedingWithCheckQuorum', () => {
    const [a, b, c] = threeWithCheckQuorum();
    const nt = newNetwork(a, b, c);
    setRandomizedElectionTimeout(b, b.electionTimeout + 1);
    for (let i = 0; i < b.electionTimeout; i++) b.tick();
    nt.send(hup(1));
    expect(a.role).toBe('leader');
    expect(c.role).toBe('follower');
    nt.send(hup(3));
    // b rejected c's vote: its electionElapsed had not reached electionTimeout
    expect(c.role).toBe('candidate');
    // Letting b's electionElapsed reach electionTimeout
    for (let i = 0; i < b.electionTimeout; i++) b.tick();
    nt.send(hup(3));
    expect(c.role).toBe('leader');
  });

  etcdTest('TestLeaderElectionWithCheckQuorum', () => {
    const [a, b, c] = threeWithCheckQuorum();
    const nt = newNetwork(a, b, c);
    setRandomizedElectionTimeout(a, a.electionTimeout + 1);
    setRandomizedElectionTimeout(b, b.electionTimeout + 2);
    // Immediately after creation, votes are cast regardless of the election timeout.
    nt.send(hup(1));
    expect(a.role).toBe('leader');
    expect(c.role).toBe('follower');
    // The timeouts may have been redrawn at the last state change: set them again.
    setRandomizedElectionTimeout(a, a.electionTimeout + 1);
    setRandomizedElectionTimeout(b, b.electionTimeout + 2);
    for (let i = 0; i < a.electionTimeout; i++) a.tick();
    for (let i = 0; i < b.electionTimeout; i++) b.tick();
    nt.send(hup(3));
    expect(a.role).toBe('follower');
    expect(c.role).toBe('leader');
  });

  // A candidate with a higher term can disrupt the leader even while the leader holds the
  // lease; the leader steps down and adopts the candidate's term.
  etcdTest('TestFreeStuckCandidateWithCheckQuorum', () => {
    const [a, b, c] = threeWithCheckQuorum();
    const nt = newNetwork(a, b, c);
    setRandomizedElectionTimeout(b, b.electionTimeout + 1);
    for (let i = 0; i < b.electionTimeout; i++) b.tick();
    nt.send(hup(1));
    nt.isolate(1);
    nt.send(hup(3));
    expect(b.role).toBe('follower');
    expect(c.role).toBe('candidate');
    expect(c.term).toBe(b.term + 1);
    // Vote again for safety
    nt.send(hup(3));
    expect(b.role).toBe('follower');
    expect(c.role).toBe('candidate');
    expect(c.term).toBe(b.term + 2);
    nt.recover();
    nt.send(msg({ from: 1, to: 3, type: 'MsgHeartbeat', term: a.term }));
    // Disrupt the leader so that the stuck peer is freed
    expect(a.role).toBe('follower');
    expect(c.term).toBe(a.term);
    // Vote again, should become leader this time
    nt.send(hup(3));
    expect(c.role).toBe('leader');
  });

  etcdTest('TestNonPromotableVoterWithCheckQuorum', () => {
    const a = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
    const b = newTestRaft(2, 10, 1, newTestMemoryStorage([1]));
    config(a).checkQuorum = true;
    config(b).checkQuorum = true;
    const nt = newNetwork(a, b);
    setRandomizedElectionTimeout(b, b.electionTimeout + 1);
    // Remove 2 again to make it non-promotable: newNetwork overwrote some internal state.
    removeNode(b, 2);
    expect(b.promotable()).toBe(false);
    for (let i = 0; i < b.electionTimeout; i++) b.tick();
    nt.send(hup(1));
    expect(a.role).toBe('leader');
    expect(b.role).toBe('follower');
    expect(b.lead).toBe(1);
  });

  // An isolated follower times out and campaigns at a higher term; its answer to a late
  // heartbeat makes the leader step down.
  etcdTest('TestDisruptiveFollower', () => {
    const [n1, n2, n3] = threeWithCheckQuorum();
    n1.becomeFollower(1, None);
    n2.becomeFollower(1, None);
    n3.becomeFollower(1, None);
    const nt = newNetwork(n1, n2, n3);
    nt.send(hup(1));
    expect(n1.role).toBe('leader');
    expect(n2.role).toBe('follower');
    expect(n3.role).toBe('follower');
    // etcd server "advanceTicksForElection" on restart, or leader messages delayed while
    // ticks elapse
    setRandomizedElectionTimeout(n3, n3.electionTimeout + 2);
    for (let i = 0; i < n3.randomizedElectionTimeout - 1; i++) n3.tick();
    // the last tick elapses before any message from the leader arrives: campaign
    n3.tick();
    // n1 is still leader while its heartbeat to candidate n3 is delayed
    expect(n1.role).toBe('leader');
    expect(n2.role).toBe('follower');
    expect(n3.role).toBe('candidate');
    expect(n1.term).toBe(2);
    expect(n2.term).toBe(2);
    expect(n3.term).toBe(3);
    // the delayed heartbeat arrives with a lower term than the candidate's
    nt.send(msg({ from: 1, to: 3, term: n1.term, type: 'MsgHeartbeat' }));
    // n3 answers with a MsgAppResp of its higher term and the leader steps down
    expect(n1.role).toBe('follower');
    expect(n2.role).toBe('follower');
    expect(n3.role).toBe('candidate');
    expect(n1.term).toBe(3);
    expect(n2.term).toBe(2);
    expect(n3.term).toBe(3);
  });

  // With PreVote, an isolated follower with a shorter log stays a pre-candidate and does
  // not make the leader step down.
  etcdTest('TestDisruptiveFollowerPreVote', () => {
    const [n1, n2, n3] = threeWithCheckQuorum();
    n1.becomeFollower(1, None);
    n2.becomeFollower(1, None);
    n3.becomeFollower(1, None);
    const nt = newNetwork(n1, n2, n3);
    nt.send(hup(1));
    expect(n1.role).toBe('leader');
    expect(n2.role).toBe('follower');
    expect(n3.role).toBe('follower');
    nt.isolate(3);
    nt.send(prop(1, 'somedata'));
    nt.send(prop(1, 'somedata'));
    nt.send(prop(1, 'somedata'));
    config(n1).preVote = true;
    config(n2).preVote = true;
    config(n3).preVote = true;
    nt.recover();
    nt.send(hup(3));
    expect(n1.role).toBe('leader');
    expect(n2.role).toBe('follower');
    expect(n3.role).toBe('precandidate');
    expect(n1.term).toBe(2);
    expect(n2.term).toBe(2);
    expect(n3.term).toBe(2);
    // delayed leader heartbeat does not force current leader to step down
    nt.send(msg({ from: 1, to: 3, term: n1.term, type: 'MsgHeartbeat' }));
    expect(n1.role).toBe('leader');
  });

  function readOnlyRounds(nt: ReturnType<typeof newNetwork>, tests: [Raft, number, number, string][], perProposal?: () => void): void {
    tests.forEach(([r, proposals, wri, wctx], i) => {
      for (let j = 0; j < proposals; j++) {
        nt.send(prop(1));
        perProposal?.();
      }
      nt.send(readIndex(r.id, wctx));
      expect(r.readStates.length, `#${i}`).toBeGreaterThan(0);
      const rs = r.readStates[0]!;
      expect(rs.index, `#${i}`).toBe(wri);
      expect(rs.context, `#${i}`).toBe(wctx);
      r.readStates = [];
    });
  }

  etcdTest('TestReadOnlyOptionSafe', () => {
    const [a, b, c] = [1, 2, 3].map((id) => newTestRaft(id, 10, 1, newTestMemoryStorage([1, 2, 3]))) as [Raft, Raft, Raft];
    const nt = newNetwork(a, b, c);
    setRandomizedElectionTimeout(b, b.electionTimeout + 1);
    for (let i = 0; i < b.electionTimeout; i++) b.tick();
    nt.send(hup(1));
    expect(a.role).toBe('leader');
    readOnlyRounds(nt, [
      [a, 10, 11, 'ctx1'],
      [b, 10, 21, 'ctx2'],
      [c, 10, 31, 'ctx3'],
      [a, 10, 41, 'ctx4'],
      [b, 10, 51, 'ctx5'],
      [c, 10, 61, 'ctx6'],
    ]);
  });

  etcdTest('TestReadOnlyWithLearner', () => {
    const s = newTestMemoryStorage([1], [2]);
    const a = newTestRaft(1, 10, 1, s);
    const b = newTestRaft(2, 10, 1, newTestMemoryStorage([1], [2]));
    const nt = newNetwork(a, b);
    setRandomizedElectionTimeout(b, b.electionTimeout + 1);
    for (let i = 0; i < b.electionTimeout; i++) b.tick();
    nt.send(hup(1));
    expect(a.role).toBe('leader');
    readOnlyRounds(
      nt,
      [
        [a, 10, 11, 'ctx1'],
        [b, 10, 21, 'ctx2'],
        [a, 10, 31, 'ctx3'],
        [b, 10, 41, 'ctx4'],
      ],
      () => nextEnts(a, s), // append the entries on the leader
    );
  });

  notModelled('TestReadOnlyOptionLease', 'ReadOnlyLeaseBased reads: src/raft serves reads only by ReadIndex (ReadOnlySafe), as etcd does by default');

  // A leader accepts MsgReadIndex only once it committed an entry of its term; earlier
  // requests are postponed, then answered.
  etcdTest('TestReadOnlyForNewLeader', () => {
    const nodeConfigs: [number, number, number, number][] = [
      [1, 1, 1, 0],
      [2, 2, 2, 2],
      [3, 2, 2, 2],
    ];
    const peers = nodeConfigs.map(([id, committed, applied, compactIndex]) => {
      const storage = newTestMemoryStorage([1, 2, 3]);
      storage.append(index(1).terms(1, 1));
      storage.setHardState({ term: 1, vote: 0, commit: committed });
      if (compactIndex !== 0) storage.compact(compactIndex);
      const cfg = newTestConfig(id, 10, 1, storage);
      cfg.applied = applied;
      return newRaft(cfg);
    });
    const nt = newNetwork(...peers);
    // Drop MsgApp so peer a cannot commit an entry of its term after it becomes leader.
    nt.ignore('MsgApp');
    // Force peer a to become leader.
    nt.send(hup(1));
    const sm = nt.raft(1);
    expect(sm.role).toBe('leader');
    // Ensure peer a drops read only request.
    const windex = 4;
    const wctx = 'ctx';
    nt.send(readIndex(1, wctx));
    expect(sm.readStates).toEqual([]);
    nt.recover();
    // Force peer a to commit a log entry at its term
    for (let i = 0; i < sm.cfg.heartbeatTicks; i++) sm.tick();
    nt.send(prop(1));
    expect(sm.log.committed).toBe(4);
    expect(sm.log.term(sm.log.committed) ?? 0).toBe(sm.term);
    // The postponed read was processed once an entry of its term committed.
    expect(sm.readStates).toHaveLength(1);
    expect(sm.readStates[0]).toEqual({ index: windex, context: wctx });
    // Ensure peer a accepts read only request after it committed an entry at its term.
    nt.send(readIndex(1, wctx));
    expect(sm.readStates).toHaveLength(2);
    expect(sm.readStates[1]).toEqual({ index: windex, context: wctx });
  });

  // Several ReadIndex requests with the same context must not yield invalid read states.
  etcdTest('TestReadOnlyDuplicateRequest', () => {
    const [r1, r2, r3] = [1, 2, 3].map((id) => newTestRaft(id, 10, 1, newTestMemoryStorage([1, 2, 3]))) as [Raft, Raft, Raft];
    const net = newNetwork(r1, r2, r3);
    // Delayed until a new leader gets elected and commits a new entry
    const delayedMsgs: Message[] = [];
    // delays (but doesn't duplicate) only heartbeat responses
    const delayHeartbeatResps = (m: Message): boolean => {
      if (m.type === 'MsgHeartbeatResp') {
        delayedMsgs.push(m);
        return false;
      }
      return true;
    };
    // elect r1 as leader
    net.send(hup(1));
    // readIndexMsgA's eventual read index must be at least readIndexMinimumA
    const readIndexMsgA = msg({ from: 2, to: 1, type: 'MsgReadIndex', context: 'A' });
    const readIndexMinimumA = r1.log.committed;
    // Duplicate readIndexMsgA for later, as the network or a retrying client would.
    delayedMsgs.push(readIndexMsgA);
    // Process the read, but delay heartbeat responses until the end of this test
    net.msgHook = delayHeartbeatResps;
    net.send(readIndexMsgA);
    net.msgHook = undefined; // stop delaying
    // tick and send whatever raft wants to send; this finishes processing readIndexA
    r1.tick();
    net.send(...readMessages(r1));
    net.isolate(r1.id);
    // elect r2 as leader, and commit a new entry
    net.send(hup(2));
    net.send(prop(2, 'someOp'));
    // Try reading from the disconnected and stale leader r1
    const readIndexMsgB = msg({ from: 1, to: 1, type: 'MsgReadIndex', context: 'B' });
    const readIndexMinimumB = r2.log.committed;
    net.send(readIndexMsgB);
    net.recover();
    // First the delayed readIndexMsgA, then the delayed heartbeats: B must not be confirmed.
    net.send(...delayedMsgs);
    // The read indexes must not be too small (which would violate linearizability).
    for (const rd of [...r1.readStates, ...r2.readStates, ...r3.readStates]) {
      if (rd.context === 'A') expect(rd.index, `readIndex for A is ${rd.index}`).toBeGreaterThanOrEqual(readIndexMinimumA);
      else if (rd.context === 'B') expect(rd.index, `readIndex for B is ${rd.index}`).toBeGreaterThanOrEqual(readIndexMinimumB);
    }
  });
});
