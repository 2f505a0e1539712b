// Port of etcd-io/raft raft_test.go, part 6 of 6 (TestNodeWithSmallerTermCanCompleteElection …
// TestLogReplicationWithReorderedMessage): PreVote corner cases, learners that must not
// campaign, a mixed PreVote cluster, conf changes pending before a campaign, and the
// fast log rejection (backtracking a divergent tail once per term).

import { describe, expect } from 'vitest';
import { MemoryStorage } from '../memory-storage';
import type { Raft } from '../raft';
import { sendAppend } from '../replication';
import type { ConfChange, Entry, Message } from '../types';
import {
  None,
  addLearner,
  becomeCandidate,
  becomeLeader,
  config,
  entry,
  expectOneMessage,
  index,
  isLearner,
  msg,
  mustAppendEntry,
  newTestRaft,
  newTestMemoryStorage,
  nextEnts,
  progress,
  readMessages,
} from '../testing/etcd-harness';
import { newNetwork, type Network } from '../testing/etcd-network';
import { etcdTest, notModelled } from '../testing/etcd-test';

const hup = (id: number): Message => msg({ from: id, to: id, type: 'MsgHup' });

/** Three followers at term 1 with PreVote (and optionally CheckQuorum) on. */
function threePreVote(checkQuorum = false, preVoteOn3 = true): [Raft, Raft, Raft] {
  const rs = [1, 2, 3].map((id) => newTestRaft(id, 10, 1, newTestMemoryStorage([1, 2, 3]))) as [Raft, Raft, Raft];
  for (const r of rs) r.becomeFollower(1, None);
  rs.forEach((r, i) => {
    if (i < 2 || preVoteOn3) config(r).preVote = true;
    if (checkQuorum) config(r).checkQuorum = true;
  });
  return rs;
}

describe('raft_test.go (6/6)', () => {
  // A node partitioned away (and behind) rejoins as the leader is partitioned away; with
  // PreVote the cluster once came to a standstill.
  etcdTest('TestNodeWithSmallerTermCanCompleteElection', () => {
    const [n1, n2, n3] = threePreVote();
    // cause a network partition to isolate node 3
    const nt = newNetwork(n1, n2, n3);
    nt.cut(1, 3);
    nt.cut(2, 3);
    nt.send(hup(1));
    expect(n1.role).toBe('leader');
    expect(n2.role).toBe('follower');
    nt.send(hup(3));
    expect(n3.role).toBe('precandidate');
    nt.send(hup(2));
    // check whether the term values are expected
    expect(n1.term).toBe(3);
    expect(n2.term).toBe(3);
    expect(n3.term).toBe(1);
    // check state
    expect(n1.role).toBe('follower');
    expect(n2.role).toBe('leader');
    expect(n3.role).toBe('precandidate');
    // bring back peer 3 and at once isolate 2, the leader (emulating its crash)
    nt.recover();
    nt.cut(2, 1);
    nt.cut(2, 3);
    // call for election
    nt.send(hup(3));
    nt.send(hup(1));
    // do we have a leader?
    expect(n1.role === 'leader' || n3.role === 'leader').toBe(true);
  });

  // After a split vote the cluster completes the election in the next round.
  etcdTest('TestPreVoteWithSplitVote', () => {
    const [n1, n2, n3] = threePreVote();
    const nt = newNetwork(n1, n2, n3);
    nt.send(hup(1));
    // simulate leader down. followers start split vote.
    nt.isolate(1);
    nt.send(hup(2), hup(3));
    expect(n2.term).toBe(3);
    expect(n3.term).toBe(3);
    expect(n2.role).toBe('candidate');
    expect(n3.role).toBe('candidate');
    // node 2 election timeout first
    nt.send(hup(2));
    expect(n2.term).toBe(4);
    expect(n3.term).toBe(4);
    expect(n2.role).toBe('leader');
    expect(n3.role).toBe('follower');
  });

  // A pre-candidate still checks quorum correctly.
  etcdTest('TestPreVoteWithCheckQuorum', () => {
    const [n1, n2, n3] = threePreVote(true);
    const nt = newNetwork(n1, n2, n3);
    nt.send(hup(1));
    // isolate node 1. node 2 and node 3 have leader info
    nt.isolate(1);
    expect(n1.role).toBe('leader');
    expect(n2.role).toBe('follower');
    expect(n3.role).toBe('follower');
    // node 2 will ignore node 3's PreVote
    nt.send(hup(3));
    nt.send(hup(2));
    // Do we have a leader?
    expect(n2.role === 'leader' || n3.role === 'follower').toBe(true);
  });

  // A learner does not campaign, on MsgHup or MsgTimeoutNow.
  etcdTest('TestLearnerCampaign', () => {
    const n1 = newTestRaft(1, 10, 1, newTestMemoryStorage([1]));
    addLearner(n1, 2);
    const n2 = newTestRaft(2, 10, 1, newTestMemoryStorage([1]));
    addLearner(n2, 2);
    const nt = newNetwork(n1, n2);
    nt.send(hup(2));
    expect(isLearner(n2)).toBe(true);
    expect(n2.role).toBe('follower');
    nt.send(hup(1));
    expect(n1.role === 'leader' && n1.lead === 1).toBe(true);
    // TransferLeader checks the recipient is not a learner, but it may become one after
    // the check: then MsgTimeoutNow arrives as here and must be ignored.
    nt.send(msg({ from: 1, to: 2, type: 'MsgTimeoutNow' }));
    expect(n2.role).toBe('follower');
  });

  // A rolling update to PreVote: n1 leads at term 2, n2 follows at term 2, n3 was
  // partitioned and campaigned without PreVote up to term 4 with a shorter log.
  function newPreVoteMigrationCluster(): Network {
    const [n1, n2, n3] = threePreVote(false, false);
    const nt = newNetwork(n1, n2, n3);
    nt.send(hup(1));
    // Cause a network partition to isolate n3.
    nt.isolate(3);
    nt.send(msg({ from: 1, to: 1, type: 'MsgProp', entries: [entry({ data: 'some data' })] }));
    nt.send(hup(3));
    nt.send(hup(3));
    expect(n1.role).toBe('leader');
    expect(n2.role).toBe('follower');
    expect(n3.role).toBe('candidate');
    expect(n1.term).toBe(2);
    expect(n2.term).toBe(2);
    expect(n3.term).toBe(4);
    // Enable prevote on n3, then recover the network
    config(n3).preVote = true;
    nt.recover();
    return nt;
  }

  etcdTest('TestPreVoteMigrationCanCompleteElection', () => {
    const nt = newPreVoteMigrationCluster();
    const n2 = nt.raft(2);
    const n3 = nt.raft(3);
    // simulate leader down
    nt.isolate(1);
    // Call for elections from both n2 and n3.
    nt.send(hup(3));
    nt.send(hup(2));
    expect(n2.role).toBe('follower');
    expect(n3.role).toBe('precandidate');
    nt.send(hup(3));
    nt.send(hup(2));
    // Do we have a leader?
    expect(n2.role === 'leader' || n3.role === 'follower').toBe(true);
  });

  etcdTest('TestPreVoteMigrationWithFreeStuckPreCandidate', () => {
    const nt = newPreVoteMigrationCluster();
    const [n1, n2, n3] = [nt.raft(1), nt.raft(2), nt.raft(3)];
    nt.send(hup(3));
    expect(n1.role).toBe('leader');
    expect(n2.role).toBe('follower');
    expect(n3.role).toBe('precandidate');
    // Pre-Vote again for safety
    nt.send(hup(3));
    expect(n1.role).toBe('leader');
    expect(n2.role).toBe('follower');
    expect(n3.role).toBe('precandidate');
    nt.send(msg({ from: 1, to: 3, type: 'MsgHeartbeat', term: n1.term }));
    // Disrupt the leader so that the stuck peer is freed
    expect(n1.role).toBe('follower');
    expect(n3.term).toBe(n1.term);
  });

  // A committed but unapplied conf change is checked before campaigning.
  etcdTest('TestConfChangeCheckBeforeCampaign', () => {
    const nt = newNetwork(null, null, null);
    const n1 = nt.raft(1);
    const n2 = nt.raft(2);
    nt.send(hup(1));
    expect(n1.role).toBe('leader');
    // Begin to remove the node.
    const cc: ConfChange = { type: 'removeNode', nodeId: 2 };
    nt.send(msg({ from: 1, to: 1, type: 'MsgProp', entries: [entry({ type: 'confchange', data: JSON.stringify(cc) })] }));
    // Trigger campaign in node 2
    for (let i = 0; i < n2.randomizedElectionTimeout; i++) n2.tick();
    // It's still follower because committed conf change is not applied.
    expect(n2.role).toBe('follower');
    // Transfer leadership to peer 2.
    nt.send(msg({ from: 2, to: 1, type: 'MsgTransferLeader' }));
    expect(n1.role).toBe('leader');
    // It's still follower because committed conf change is not applied.
    expect(n2.role).toBe('follower');
    // Abort transfer leader
    for (let i = 0; i < n1.electionTimeout; i++) n1.tick();
    // Advance apply
    nextEnts(n2, nt.storage.get(2)!);
    // Transfer leadership to peer 2 again.
    nt.send(msg({ from: 2, to: 1, type: 'MsgTransferLeader' }));
    expect(n1.role).toBe('follower');
    expect(n2.role).toBe('leader');
    nextEnts(n1, nt.storage.get(1)!);
    // Trigger campaign in node 1
    for (let i = 0; i < n1.randomizedElectionTimeout; i++) n1.tick();
    expect(n1.role).toBe('candidate');
  });

  notModelled('TestConfChangeV2CheckBeforeCampaign', 'ConfChangeV2 entries: src/raft has a single conf-change entry type (the V1 test above covers the check)');

  describe('TestFastLogRejection', () => {
    interface Case {
      leaderLog: Entry[];
      followerLog: Entry[];
      followerCompact?: number;
      rejectHintTerm: number;
      rejectHintIndex: number;
      nextAppendTerm: number;
      nextAppendIndex: number;
    }
    const tests: Case[] = [
      // The leader finds the conflict index quickly: it first appends (index=7, logTerm=4),
      // after the rejection (index=3, logTerm=2).
      { leaderLog: index(1).terms(1, 2, 2, 4, 4, 4, 4), followerLog: index(1).terms(1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3), rejectHintTerm: 3, rejectHintIndex: 7, nextAppendTerm: 2, nextAppendIndex: 3 },
      // The leader finds the conflict index quickly: (index=8, logTerm=5), then (index=4, logTerm=3).
      { leaderLog: index(1).terms(1, 2, 2, 3, 4, 4, 4, 5), followerLog: index(1).terms(1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3), rejectHintTerm: 3, rejectHintIndex: 8, nextAppendTerm: 3, nextAppendIndex: 4 },
      // The follower finds the conflict index quickly: (index=4, logTerm=1), then (index=1, logTerm=1).
      { leaderLog: index(1).terms(1, 1, 1, 1), followerLog: index(1).terms(1, 2, 2, 4), rejectHintTerm: 1, rejectHintIndex: 1, nextAppendTerm: 1, nextAppendIndex: 1 },
      // As above, the leader with a longer uncommitted tail: (index=6, logTerm=1), then (index=1, logTerm=1).
      { leaderLog: index(1).terms(1, 1, 1, 1, 1, 1), followerLog: index(1).terms(1, 2, 2, 4), rejectHintTerm: 1, rejectHintIndex: 1, nextAppendTerm: 1, nextAppendIndex: 1 },
      // As above, the follower with a longer uncommitted tail: (index=4, logTerm=1), then (index=1, logTerm=1).
      { leaderLog: index(1).terms(1, 1, 1, 1), followerLog: index(1).terms(1, 2, 2, 4, 4, 4), rejectHintTerm: 1, rejectHintIndex: 1, nextAppendTerm: 1, nextAppendIndex: 1 },
      // No conflict: (index=5, logTerm=5), then (index=4, logTerm=4).
      { leaderLog: index(1).terms(1, 1, 1, 4, 5), followerLog: index(1).terms(1, 1, 1, 4), rejectHintTerm: 4, rejectHintIndex: 4, nextAppendTerm: 4, nextAppendIndex: 4 },
      // The example in etcd's stepLeader comment (on the leader).
      { leaderLog: index(1).terms(2, 5, 5, 5, 5, 5, 5, 5, 5), followerLog: index(1).terms(2, 4, 4, 4, 4, 4), rejectHintTerm: 4, rejectHintIndex: 6, nextAppendTerm: 2, nextAppendIndex: 1 },
      // The example in etcd's handleAppendEntries comment (on the follower).
      { leaderLog: index(1).terms(2, 2, 2, 2, 2), followerLog: index(1).terms(2, 4, 4, 4, 4, 4, 4, 4), rejectHintTerm: 2, rejectHintIndex: 1, nextAppendTerm: 2, nextAppendIndex: 1 },
      // A stale (index=3, logTerm=3, entries=[(term=3, index=4)]) reaches a follower that
      // compacted beyond 3: it rejects index 3 with logTerm 0; the leader rolls back one
      // entry and sends (index=2, logTerm=1).
      { leaderLog: index(1).terms(1, 1, 3), followerLog: index(1).terms(1, 1, 3, 3, 3), followerCompact: 5, rejectHintTerm: 0, rejectHintIndex: 3, nextAppendTerm: 1, nextAppendIndex: 2 },
    ];
    tests.forEach((test, i) => {
      etcdTest(`TestFastLogRejection/case ${i}`, () => {
        const s1 = new MemoryStorage({ voters: [1, 2, 3], learners: [] });
        s1.append(test.leaderLog);
        const last = test.leaderLog[test.leaderLog.length - 1]!;
        s1.setHardState({ term: last.term - 1, vote: 0, commit: last.index });
        const n1 = newTestRaft(1, 10, 1, s1);
        becomeCandidate(n1); // bumps the term to last.term
        becomeLeader(n1);

        const s2 = new MemoryStorage({ voters: [1, 2, 3], learners: [] });
        s2.append(test.followerLog);
        s2.setHardState({ term: last.term, vote: 1, commit: 0 });
        const n2 = newTestRaft(2, 10, 1, s2);
        // The state after this compaction is not realistic (commit is still 0): it
        // exercises a "doesn't happen" edge case in case it happens some other way.
        if (test.followerCompact) s2.compact(test.followerCompact);

        n2.step(msg({ from: 1, to: 2, type: 'MsgHeartbeat' }));
        let msgs = readMessages(n2);
        expect(msgs, "can't read 1 message from peer 2").toHaveLength(1);
        expect(msgs[0]!.type).toBe('MsgHeartbeatResp');

        n1.step(msgs[0]!);
        msgs = readMessages(n1);
        expect(msgs, "can't read 1 message from peer 1").toHaveLength(1);
        expect(msgs[0]!.type).toBe('MsgApp');

        n2.step(msgs[0]!);
        msgs = readMessages(n2);
        expect(msgs, "can't read 1 message from peer 2").toHaveLength(1);
        expect(msgs[0]!.type).toBe('MsgAppResp');
        expect(msgs[0]!.reject, 'expected rejected append response from peer 2').toBe(true);
        expect(msgs[0]!.logTerm ?? 0, 'hint log term mismatch').toBe(test.rejectHintTerm);
        expect(msgs[0]!.rejectHint ?? 0, 'hint log index mismatch').toBe(test.rejectHintIndex);

        n1.step(msgs[0]!);
        msgs = readMessages(n1);
        expect(msgs[0]?.logTerm ?? 0).toBe(test.nextAppendTerm);
        expect(msgs[0]?.index ?? 0).toBe(test.nextAppendIndex);
      });
    });
  });

  etcdTest('TestLogReplicationWithReorderedMessage', () => {
    const r1 = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
    becomeCandidate(r1);
    becomeLeader(r1);
    readMessages(r1);
    progress(r1, 2).becomeReplicate();
    const r2 = newTestRaft(2, 10, 1, newTestMemoryStorage([1, 2]));
    // r1 sends 2 MsgApp messages to r2.
    mustAppendEntry(r1, entry({ data: 'somedata' }));
    sendAppend(r1, 2);
    const req1 = expectOneMessage(r1);
    mustAppendEntry(r1, entry({ data: 'somedata' }));
    sendAppend(r1, 2);
    const req2 = expectOneMessage(r1);
    // r2 receives the second MsgApp first due to reordering.
    r2.step(req2);
    const resp2 = expectOneMessage(r2);
    // r2 rejects req2
    expect(resp2.reject).toBe(true);
    expect(resp2.rejectHint ?? 0).toBe(0);
    expect(resp2.index).toBe(2);
    // r2 handles the first MsgApp and responds to r1, which updates its match.
    r2.step(req1);
    let m = expectOneMessage(r2);
    expect(m.reject ?? false).toBe(false);
    expect(m.index).toBe(2);
    r1.step(m);
    expectOneMessage(r1);
    expect(progress(r1, 2).match).toBe(2);
    // r1 observes a transient network issue to r2, hence transits to probe state.
    r1.step(msg({ from: 2, to: 1, type: 'MsgUnreachable' }));
    expect(progress(r1, 2).state).toBe('probe');
    // now r1 receives the delayed resp2.
    r1.step(resp2);
    m = expectOneMessage(r1);
    // r1 re-sends MsgApp from the match even though resp2's reject hint is below it.
    expect(m.index).toBe(progress(r1, 2).match);
  });
});
