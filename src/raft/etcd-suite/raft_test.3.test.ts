// Port of etcd-io/raft raft_test.go, part 3 of 6 (TestLeaderStepdownWhenQuorumActive …
// TestReadOnlyDuplicateRequest): CheckQuorum, disruptive followers, ReadIndex.

import { describe, expect } from 'vitest';
import type { Raft } from '../raft';
import type { Message } from '../types';
import {
  None,
  becomeCandidate,
  becomeLeader,
  config,
  entry,
  index,
  msg,
  newRaft,
  newTestConfig,
  newTestMemoryStorage,
  newTestRaft,
  nextEnts,
  readMessages,
  removeNode,
  setRandomizedElectionTimeout,
} from '../testing/etcd-harness';
import { newNetwork } from '../testing/etcd-network';
import { etcdTest, notModelled } from '../testing/etcd-test';

const hup = (id: number): Message => msg({ from: id, to: id, type: 'MsgHup' });
const prop = (id: number, data = ''): Message => msg({ from: id, to: id, type: 'MsgProp', entries: [entry({ data })] });
const readIndex = (id: number, ctx: string): Message => msg({ from: id, to: id, type: 'MsgReadIndex', context: ctx });

function threeWithCheckQuorum(): [Raft, Raft, Raft] {
  const rs = [1, 2, 3].map((id) => newTestRaft(id, 10, 1, newTestMemoryStorage([1, 2, 3])));
  for (const r of rs) config(r).checkQuorum = true;
  return rs as [Raft, Raft, Raft];
}

describe('raft_test.go (3/6)', () => {
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
