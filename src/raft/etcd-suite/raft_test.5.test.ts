// Port of etcd-io/raft raft_test.go, part 5 of 6 (TestStepConfig … TestTransferNonMember):
// configuration changes and leadership transfer.

import { describe, expect } from 'vitest';
import type { Raft } from '../raft';
import type { ConfChange, Message } from '../types';
import {
  addLearner,
  addNode,
  appliedSnap,
  becomeCandidate,
  becomeLeader,
  checkLeaderTransferState,
  config,
  entry,
  isLearner,
  learnerNodes,
  msg,
  mustAppendEntry,
  newRaft,
  newTestConfig,
  newTestMemoryStorage,
  newTestRaft,
  nextEnts,
  progress,
  removeNode,
  setRandomizedElectionTimeout,
  voterNodes,
} from '../testing/etcd-harness';
import { newNetwork } from '../testing/etcd-network';
import { etcdTest, notModelled } from '../testing/etcd-test';

const hup = (id: number): Message => msg({ from: id, to: id, type: 'MsgHup' });
const prop = (id: number, data = ''): Message => msg({ from: id, to: id, type: 'MsgProp', entries: [entry({ data })] });
/** MsgTransferLeader: `from` is the transferee, `to` the node asked (etcd's convention). */
const transfer = (transferee: number, to: number): Message => msg({ from: transferee, to, type: 'MsgTransferLeader' });

/** A three-node network with 1 elected (most transfer tests start so). */
function elected3(): { nt: ReturnType<typeof newNetwork>; lead: Raft } {
  const nt = newNetwork(null, null, null);
  nt.send(hup(1));
  return { nt, lead: nt.raft(1) };
}

describe('raft_test.go (5/6)', () => {
  // A conf change proposal is appended and recorded as pending.
  etcdTest('TestStepConfig', () => {
    // a raft that cannot make progress
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
    becomeCandidate(r);
    becomeLeader(r);
    const idx = r.log.lastIndex();
    r.step(msg({ from: 1, to: 1, type: 'MsgProp', entries: [entry({ type: 'confchange' })] }));
    expect(r.log.lastIndex()).toBe(idx + 1);
    expect(r.pendingConfIndex).toBe(idx + 1);
  });

  // A second conf change proposed while the first is uncommitted becomes a no-op.
  etcdTest('TestStepIgnoreConfig', () => {
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
    becomeCandidate(r);
    becomeLeader(r);
    r.step(msg({ from: 1, to: 1, type: 'MsgProp', entries: [entry({ type: 'confchange' })] }));
    const idx = r.log.lastIndex();
    const pendingConfIndex = r.pendingConfIndex;
    r.step(msg({ from: 1, to: 1, type: 'MsgProp', entries: [entry({ type: 'confchange' })] }));
    expect(r.log.slice(idx + 1, r.log.lastIndex() + 1)).toEqual([entry({ type: 'normal', term: 1, index: 3 })]);
    expect(r.pendingConfIndex).toBe(pendingConfIndex);
  });

  // A new leader sets its pending conf index from its uncommitted entries.
  etcdTest('TestNewLeaderPendingConfig', () => {
    const tests: [boolean, number][] = [
      [false, 0],
      [true, 1],
    ];
    tests.forEach(([addEntry, wpendingIndex], i) => {
      const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
      if (addEntry) mustAppendEntry(r, entry({ type: 'normal' }));
      becomeCandidate(r);
      becomeLeader(r);
      expect(r.pendingConfIndex, `#${i}`).toBe(wpendingIndex);
    });
  });

  etcdTest('TestAddNode', () => {
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1]));
    addNode(r, 2);
    expect(voterNodes(r)).toEqual([1, 2]);
  });

  etcdTest('TestAddLearner', () => {
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1]));
    // Add new learner peer.
    addLearner(r, 2);
    expect(isLearner(r)).toBe(false);
    expect(learnerNodes(r)).toEqual([2]);
    expect(progress(r, 2).isLearner).toBe(true);
    // Promote peer to voter.
    addNode(r, 2);
    expect(progress(r, 2).isLearner).toBe(false);
    // Demote r.
    addLearner(r, 1);
    expect(progress(r, 1).isLearner).toBe(true);
    expect(isLearner(r)).toBe(true);
    // Promote r again.
    addNode(r, 1);
    expect(progress(r, 1).isLearner).toBe(false);
    expect(isLearner(r)).toBe(false);
  });

  // Adding a node does not trigger an election at once with CheckQuorum.
  etcdTest('TestAddNodeCheckQuorum', () => {
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1]));
    config(r).checkQuorum = true;
    becomeCandidate(r);
    becomeLeader(r);
    for (let i = 0; i < r.electionTimeout - 1; i++) r.tick();
    addNode(r, 2);
    // This tick reaches electionTimeout, which triggers a quorum check.
    r.tick();
    // Node 1 should still be the leader after a single tick.
    expect(r.role).toBe('leader');
    // After another electionTimeout ticks without hearing from node 2, node 1 steps down.
    for (let i = 0; i < r.electionTimeout; i++) r.tick();
    expect(r.role).toBe('follower');
  });

  etcdTest('TestRemoveNode', () => {
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
    removeNode(r, 2);
    expect(voterNodes(r)).toEqual([1]);
    // Removing the remaining voter will panic.
    expect(() => removeNode(r, 1), 'did not panic').toThrow();
  });

  etcdTest('TestRemoveLearner', () => {
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1], [2]));
    removeNode(r, 2);
    expect(voterNodes(r)).toEqual([1]);
    expect(learnerNodes(r)).toEqual([]);
    // Removing the remaining voter will panic.
    expect(() => removeNode(r, 1), 'did not panic').toThrow();
  });

  etcdTest('TestPromotable', () => {
    const tests: [number[], boolean][] = [
      [[1], true],
      [[1, 2, 3], true],
      [[], false],
      [[2, 3], false],
    ];
    tests.forEach(([peers, wp], i) => {
      const r = newTestRaft(1, 5, 1, newTestMemoryStorage(peers));
      expect(r.promotable(), `#${i}`).toBe(wp);
    });
  });

  etcdTest('TestRaftNodes', () => {
    const tests: [number[], number[]][] = [
      [
        [1, 2, 3],
        [1, 2, 3],
      ],
      [
        [3, 2, 1],
        [1, 2, 3],
      ],
    ];
    tests.forEach(([ids, wids], i) => {
      const r = newTestRaft(1, 10, 1, newTestMemoryStorage(ids));
      expect(voterNodes(r), `#${i}`).toEqual(wids);
    });
  });

  function testCampaignWhileLeader(preVote: boolean): void {
    const cfg = newTestConfig(1, 5, 1, newTestMemoryStorage([1]));
    cfg.preVote = preVote;
    const r = newRaft(cfg);
    expect(r.role).toBe('follower');
    // Not campaign() directly: it comes after the check for our current state.
    r.step(hup(1));
    expect(r.role).toBe('leader');
    const term = r.term;
    r.step(hup(1));
    expect(r.role).toBe('leader');
    expect(r.term).toBe(term);
  }
  etcdTest('TestCampaignWhileLeader', () => testCampaignWhileLeader(false));
  etcdTest('TestPreCampaignWhileLeader', () => testCampaignWhileLeader(true));

  // Pending commands commit when a conf change lowers the quorum.
  etcdTest('TestCommitAfterRemoveNode', () => {
    // Create a cluster with two nodes.
    const s = newTestMemoryStorage([1, 2]);
    const r = newTestRaft(1, 5, 1, s);
    becomeCandidate(r);
    becomeLeader(r);
    // Begin to remove the second node.
    const cc: ConfChange = { type: 'removeNode', nodeId: 2 };
    r.step(msg({ type: 'MsgProp', entries: [entry({ type: 'confchange', data: JSON.stringify(cc) })] }));
    // Stabilize the log and make sure nothing is committed yet.
    expect(nextEnts(r, s)).toEqual([]);
    const ccIndex = r.log.lastIndex();
    // While the config change is pending, make another proposal.
    r.step(msg({ type: 'MsgProp', entries: [entry({ type: 'normal', data: 'hello' })] }));
    // Node 2 acknowledges the config change, committing it.
    r.step(msg({ type: 'MsgAppResp', from: 2, index: ccIndex }));
    let ents = nextEnts(r, s);
    expect(ents).toHaveLength(2);
    expect(ents[0]!.type).toBe('normal');
    expect(ents[0]!.data).toBe('');
    expect(ents[1]!.type).toBe('confchange');
    // Apply the config change: the lower quorum lets the pending command commit.
    r.applyConfChange(cc);
    ents = nextEnts(r, s);
    expect(ents).toHaveLength(1);
    expect(ents[0]!.type).toBe('normal');
    expect(ents[0]!.data).toBe('hello');
  });

  // Transfer succeeds when the transferee is up to date when the transfer starts.
  etcdTest('TestLeaderTransferToUpToDateNode', () => {
    const { nt, lead } = elected3();
    expect(lead.lead).toBe(1);
    // Transfer leadership to 2.
    nt.send(transfer(2, 1));
    checkLeaderTransferState(lead, 'follower', 2);
    // After some log replication, transfer leadership back to 1.
    nt.send(prop(1));
    nt.send(transfer(1, 2));
    checkLeaderTransferState(lead, 'leader', 1);
  });

  // As above, every transfer request sent to a follower.
  etcdTest('TestLeaderTransferToUpToDateNodeFromFollower', () => {
    const { nt, lead } = elected3();
    expect(lead.lead).toBe(1);
    nt.send(transfer(2, 2));
    checkLeaderTransferState(lead, 'follower', 2);
    nt.send(prop(1));
    nt.send(transfer(1, 1));
    checkLeaderTransferState(lead, 'leader', 1);
  });

  // Transfer works even while the current leader holds its lease.
  etcdTest('TestLeaderTransferWithCheckQuorum', () => {
    const nt = newNetwork(null, null, null);
    for (let i = 1; i < 4; i++) {
      const r = nt.raft(i);
      config(r).checkQuorum = true;
      setRandomizedElectionTimeout(r, r.electionTimeout + i);
    }
    // Let peer 2's electionElapsed reach the timeout so that it can vote for peer 1
    const f = nt.raft(2);
    for (let i = 0; i < f.electionTimeout; i++) f.tick();
    nt.send(hup(1));
    const lead = nt.raft(1);
    expect(lead.role).toBe('leader');
    nt.send(transfer(2, 1));
    checkLeaderTransferState(lead, 'follower', 2);
    nt.send(prop(1));
    nt.send(transfer(1, 2));
    checkLeaderTransferState(lead, 'leader', 1);
  });

  etcdTest('TestLeaderTransferToSlowFollower', () => {
    const { nt, lead } = elected3();
    nt.isolate(3);
    nt.send(prop(1));
    nt.recover();
    expect(progress(lead, 3).match).toBe(1);
    // Transfer leadership to 3 when node 3 lacks log entries.
    nt.send(transfer(3, 1));
    checkLeaderTransferState(lead, 'follower', 3);
  });

  etcdTest('TestLeaderTransferAfterSnapshot', () => {
    const { nt, lead } = elected3();
    nt.isolate(3);
    nt.send(prop(1));
    nextEnts(lead, nt.storage.get(1)!);
    nt.storage.get(1)!.createSnapshot(lead.log.applied, { voters: voterNodes(lead), learners: [] }, '');
    nt.storage.get(1)!.compact(lead.log.applied);
    nt.recover();
    expect(progress(lead, 3).match).toBe(1);
    let filtered: Message | undefined;
    // The snapshot must be applied before MsgAppResp is sent
    nt.msgHook = (m) => {
      if (m.type !== 'MsgAppResp' || m.from !== 3 || m.reject) return true;
      filtered = m;
      return false;
    };
    // Transfer leadership to 3 when node 3 lacks the snapshot.
    nt.send(transfer(3, 1));
    expect(lead.role).toBe('leader');
    expect(filtered).toBeDefined();
    // Apply snapshot and resume progress
    const follower = nt.raft(3);
    const snap = follower.log.pendingSnapshot()!;
    nt.storage.get(3)!.applySnapshot(snap);
    appliedSnap(follower, snap);
    nt.msgHook = undefined;
    nt.send(filtered!);
    checkLeaderTransferState(lead, 'follower', 3);
  });

  etcdTest('TestLeaderTransferToSelf', () => {
    const { nt, lead } = elected3();
    // Transfer leadership to self, there will be noop.
    nt.send(transfer(1, 1));
    checkLeaderTransferState(lead, 'leader', 1);
  });

  etcdTest('TestLeaderTransferToNonExistingNode', () => {
    const { nt, lead } = elected3();
    // Transfer leadership to non-existing node, there will be noop.
    nt.send(transfer(4, 1));
    checkLeaderTransferState(lead, 'leader', 1);
  });

  etcdTest('TestLeaderTransferTimeout', () => {
    const { nt, lead } = elected3();
    nt.isolate(3);
    // Transfer leadership to isolated node, wait for timeout.
    nt.send(transfer(3, 1));
    expect(lead.leadTransferee).toBe(3);
    for (let i = 0; i < lead.cfg.heartbeatTicks; i++) lead.tick();
    expect(lead.leadTransferee).toBe(3);
    for (let i = 0; i < lead.electionTimeout - lead.cfg.heartbeatTicks; i++) lead.tick();
    checkLeaderTransferState(lead, 'leader', 1);
  });

  etcdTest('TestLeaderTransferIgnoreProposal', () => {
    const s = newTestMemoryStorage([1, 2, 3]);
    const r = newTestRaft(1, 10, 1, s);
    const nt = newNetwork(r, null, null);
    nt.send(hup(1));
    nt.isolate(3);
    const lead = nt.raft(1);
    nextEnts(r, s); // handle empty entry
    // Transfer leadership to isolated node to let transfer pending, then send proposal.
    nt.send(transfer(3, 1));
    expect(lead.leadTransferee).toBe(3);
    nt.send(prop(1));
    expect(lead.step(prop(1)), 'ErrProposalDropped').toBe(false);
    expect(progress(lead, 1).match).toBe(1);
  });

  etcdTest('TestLeaderTransferReceiveHigherTermVote', () => {
    const { nt, lead } = elected3();
    nt.isolate(3);
    // Transfer leadership to isolated node to let transfer pending.
    nt.send(transfer(3, 1));
    expect(lead.leadTransferee).toBe(3);
    nt.send(msg({ from: 2, to: 2, type: 'MsgHup', index: 1, term: 2 }));
    checkLeaderTransferState(lead, 'follower', 2);
  });

  etcdTest('TestLeaderTransferRemoveNode', () => {
    const { nt, lead } = elected3();
    nt.ignore('MsgTimeoutNow');
    // The transferee is removed while leadership is being transferred.
    nt.send(transfer(3, 1));
    expect(lead.leadTransferee).toBe(3);
    removeNode(lead, 3);
    checkLeaderTransferState(lead, 'leader', 1);
  });

  notModelled('TestLeaderTransferDemoteNode', 'joint consensus: the demotion is a ConfChangeV2 (remove and re-add as learner) leaving a joint configuration');

  // Leadership can transfer back to self while a transfer is pending.
  etcdTest('TestLeaderTransferBack', () => {
    const { nt, lead } = elected3();
    nt.isolate(3);
    nt.send(transfer(3, 1));
    expect(lead.leadTransferee).toBe(3);
    // Transfer leadership back to self.
    nt.send(transfer(1, 1));
    checkLeaderTransferState(lead, 'leader', 1);
  });

  // The leader can transfer to another node while a transfer is pending.
  etcdTest('TestLeaderTransferSecondTransferToAnotherNode', () => {
    const { nt, lead } = elected3();
    nt.isolate(3);
    nt.send(transfer(3, 1));
    expect(lead.leadTransferee).toBe(3);
    // Transfer leadership to another node.
    nt.send(transfer(2, 1));
    checkLeaderTransferState(lead, 'follower', 2);
  });

  // A second request to the same node does not extend the pending transfer's timeout.
  etcdTest('TestLeaderTransferSecondTransferToSameNode', () => {
    const { nt, lead } = elected3();
    nt.isolate(3);
    nt.send(transfer(3, 1));
    expect(lead.leadTransferee).toBe(3);
    for (let i = 0; i < lead.cfg.heartbeatTicks; i++) lead.tick();
    // Second transfer leadership request to the same node.
    nt.send(transfer(3, 1));
    for (let i = 0; i < lead.electionTimeout - lead.cfg.heartbeatTicks; i++) lead.tick();
    checkLeaderTransferState(lead, 'leader', 1);
  });

  // MsgTimeoutNow at a node removed from the group does nothing (it once panicked on
  // becoming leader).
  etcdTest('TestTransferNonMember', () => {
    const r = newTestRaft(1, 5, 1, newTestMemoryStorage([2, 3, 4]));
    r.step(msg({ from: 2, to: 1, type: 'MsgTimeoutNow' }));
    r.step(msg({ from: 2, to: 1, type: 'MsgVoteResp' }));
    r.step(msg({ from: 3, to: 1, type: 'MsgVoteResp' }));
    expect(r.role).toBe('follower');
  });
});
