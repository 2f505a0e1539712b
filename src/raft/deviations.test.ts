// Regressions for the nine places where src/raft differed from etcd-io/raft (issue 10),
// each named after the etcd-io/raft test that found it and ported from it: same set-up,
// steps and assertions, in this project's types. Every one of them failed before its fix.
// Plus the two reports a host's transport makes (MsgUnreachable, MsgSnapStatus).

import { describe, expect, it } from 'vitest';
import { MemoryStorage } from './memory-storage';
import { Raft } from './raft';
import type { ReadOnlyTracker } from './read-only';
import { ContextReadOnly } from './testing/context-read-only';
import type { ConfChange, ConfState, Entry, Message, MessageType, NodeId, Snapshot } from './types';

// ---- etcd's test helpers, in small ----

interface TestOptions {
  readonly storage?: MemoryStorage;
  readonly maxInflight?: number;
  readonly readOnly?: () => ReadOnlyTracker;
}

/** etcd's newTestRaft(id, 10, 1, storage): no PreVote, no CheckQuorum. */
function newTestRaft(id: NodeId, peers: readonly NodeId[], opts: TestOptions = {}): Raft {
  const storage = opts.storage ?? new MemoryStorage({ voters: peers, learners: [] });
  return new Raft(
    {
      id,
      peers,
      electionTicks: 10,
      heartbeatTicks: 1,
      preVote: false,
      checkQuorum: false,
      maxInflightMsgs: opts.maxInflight ?? 256,
      maxEntriesPerMsg: 1000,
      applied: 0,
      randomInt: (lo, hi) => lo + (id % (hi - lo)),
      ...(opts.readOnly ? { readOnly: opts.readOnly } : {}),
    },
    storage,
  );
}

/** The role changes etcd's tests call directly (private here: hosts never need them). */
function become(r: Raft): { becomeCandidate(): void; becomeLeader(): void } {
  return r as unknown as { becomeCandidate(): void; becomeLeader(): void };
}

function makeLeader(r: Raft): Raft {
  become(r).becomeCandidate();
  become(r).becomeLeader();
  readMessages(r);
  return r;
}

function readMessages(r: Raft): Message[] {
  const out = r.msgs;
  r.msgs = [];
  return out;
}

/** index(first).terms(...): entries with consecutive indexes and the given terms. */
function ents(first: number, ...terms: number[]): Entry[] {
  return terms.map((term, i) => ({ index: first + i, term, type: 'normal', data: '' }));
}

function msg(type: MessageType, from: NodeId, to: NodeId, extra: Partial<Message> = {}): Message {
  return { type, from, to, term: 0, ...extra };
}

function prop(r: Raft): void {
  r.step(msg('MsgProp', r.id, r.id, { entries: [{ index: 0, term: 0, type: 'normal', data: 'somedata' }] }));
}

function confChange(r: Raft, type: ConfChange['type'], nodeId: NodeId): ConfState {
  return r.applyConfChange({ type, nodeId });
}

/** etcd's `network`: send() delivers until nothing is left; what nodes emit passes the
 * cut links, ignored types and the hook (what is passed to send() itself always lands). */
class Network {
  readonly peers = new Map<NodeId, Raft>();
  private readonly cut = new Set<string>();
  private readonly ignored = new Set<MessageType>();
  /** Returns false to keep a message from being delivered (etcd msgHook). */
  msgHook: ((m: Message) => boolean) | undefined;

  constructor(...rafts: Raft[]) {
    for (const r of rafts) this.peers.set(r.id, r);
  }

  static of(n: number, opts: TestOptions = {}): Network {
    const ids = Array.from({ length: n }, (_, i) => i + 1);
    return new Network(...ids.map((id) => newTestRaft(id, ids, opts)));
  }

  peer(id: NodeId): Raft {
    return this.peers.get(id)!;
  }

  send(...msgs: Message[]): void {
    const queue = [...msgs];
    for (let m = queue.shift(); m; m = queue.shift()) {
      const p = this.peers.get(m.to);
      if (!p) continue;
      p.step(m);
      queue.push(...this.filter(readMessages(p)));
    }
  }

  private filter(msgs: Message[]): Message[] {
    return msgs.filter((m) => !this.ignored.has(m.type) && !this.cut.has(`${m.from}>${m.to}`) && (this.msgHook?.(m) ?? true));
  }

  isolate(id: NodeId): void {
    for (const other of this.peers.keys()) {
      if (other === id) continue;
      this.cut.add(`${id}>${other}`);
      this.cut.add(`${other}>${id}`);
    }
  }

  ignore(type: MessageType): void {
    this.ignored.add(type);
  }

  recover(): void {
    this.cut.clear();
    this.ignored.clear();
  }
}

function hup(id: NodeId): Message {
  return msg('MsgHup', id, id);
}

/** etcd's checkLeaderTransferState. */
function expectTransferState(r: Raft, role: Raft['role'], lead: NodeId): void {
  expect(r.role).toBe(role);
  expect(r.lead).toBe(lead);
  expect(r.leadTransferee).toBe(0);
}

// ---- 1. the stale read ----

/** etcd's TestReadOnlyDuplicateRequest. Returns each read state with the minimum it
 * must reach (linearizability). */
function duplicateRequestRun(opts: TestOptions = {}): { context: string; index: number; minimum: number }[] {
  const net = Network.of(3, opts);
  const [r1, r2, r3] = [net.peer(1), net.peer(2), net.peer(3)];
  // Held back until a new leader is elected and has committed an entry.
  const delayed: Message[] = [];

  net.send(hup(1));
  expect(r1.role).toBe('leader');

  const readA = msg('MsgReadIndex', 2, 1, { context: 'A' });
  const minimumA = r1.log.committed;
  // A duplicate for later, as the network or a client retrying ReadIndex makes one.
  delayed.push(readA);

  // The first round's heartbeat responses are delayed to the end.
  net.msgHook = (m) => {
    if (m.type !== 'MsgHeartbeatResp') return true;
    delayed.push(m);
    return false;
  };
  net.send(readA);
  net.msgHook = undefined;

  // The next heartbeat round confirms A.
  r1.tick();
  net.send(...readMessages(r1));
  expect(r2.readStates.map((rs) => rs.context)).toEqual(['A']);

  net.isolate(1);
  // 2 is elected and commits an entry; 1 does not know yet.
  net.send(hup(2));
  net.send(msg('MsgProp', 2, 2, { entries: [{ index: 0, term: 0, type: 'normal', data: 'someOp' }] }));
  expect(r2.role).toBe('leader');
  expect(r1.role).toBe('leader');

  // A read on the stale leader.
  const minimumB = r2.log.committed;
  net.send(msg('MsgReadIndex', 1, 1, { context: 'B' }));
  net.recover();
  // The duplicate of A, then the late acks of A's first round: B must not be confirmed.
  net.send(...delayed);

  return [...r1.readStates, ...r2.readStates, ...r3.readStates].map((rs) => ({ ...rs, minimum: rs.context === 'A' ? minimumA : minimumB }));
}

describe('TestReadOnlyDuplicateRequest', () => {
  it('a duplicate of an answered ReadIndex and late heartbeat acks do not confirm a deposed leader’s reads', () => {
    for (const rs of duplicateRequestRun()) expect(rs.index, `read index of ${rs.context}`).toBeGreaterThanOrEqual(rs.minimum);
  });

  it('the swarm’s injected bug (the bookkeeping before the fix) does answer B stale', () => {
    const stale = duplicateRequestRun({ readOnly: () => new ContextReadOnly() }).filter((rs) => rs.index < rs.minimum);
    expect(stale.map((rs) => rs.context)).toEqual(['B']);
  });
});

describe('TestRaftFreesReadOnlyMem', () => {
  it('a confirmed read leaves the queue; heartbeats carry the read’s position, not its context', () => {
    const r = makeLeader(newTestRaft(1, [1, 2]));
    r.log.commitTo(r.log.lastIndex());
    r.step(msg('MsgReadIndex', 2, 1, { context: 'ctx' }));
    const msgs = readMessages(r);
    expect(msgs.map((m) => m.type)).toEqual(['MsgHeartbeat']);
    expect(msgs[0]!.context).not.toBe('ctx');
    expect(r.readOnly.pending()).toBe(1);
    r.step(msg('MsgHeartbeatResp', 2, 1, { term: r.term, context: msgs[0]!.context }));
    expect(r.readOnly.pending()).toBe(0);
  });
});

// ---- 2, 3. leadership transfer ----

describe('TestLeaderTransferBack', () => {
  it('a transfer back to the leader itself cancels the transfer under way', () => {
    const net = Network.of(3);
    net.send(hup(1));
    net.isolate(3);
    const lead = net.peer(1);
    net.send(msg('MsgTransferLeader', 3, 1));
    expect(lead.leadTransferee).toBe(3);
    // Transfer leadership back to self.
    net.send(msg('MsgTransferLeader', 1, 1));
    expectTransferState(lead, 'leader', 1);
  });
});

describe('TestLeaderTransferRemoveNode', () => {
  it('removing the transfer target aborts the transfer', () => {
    const net = Network.of(3);
    net.send(hup(1));
    net.ignore('MsgTimeoutNow');
    const lead = net.peer(1);
    net.send(msg('MsgTransferLeader', 3, 1));
    expect(lead.leadTransferee).toBe(3);
    confChange(lead, 'removeNode', 3);
    expectTransferState(lead, 'leader', 1);
  });
});

// ---- 4, 5. configuration ----

describe('TestRemoveNode', () => {
  it('removes a voter, and refuses to remove the last one', () => {
    const r = newTestRaft(1, [1, 2]);
    confChange(r, 'removeNode', 2);
    expect([...r.voters]).toEqual([1]);
    // Removing the remaining voter panics in etcd; here it throws.
    expect(() => confChange(r, 'removeNode', 1)).toThrow(/removed all voters/);
    expect([...r.voters]).toEqual([1]);
  });
});

describe('TestRemoveLearner', () => {
  it('removes a learner, and refuses to remove the last voter', () => {
    const r = newTestRaft(1, [1], { storage: new MemoryStorage({ voters: [1], learners: [2] }) });
    confChange(r, 'removeNode', 2);
    expect([...r.voters]).toEqual([1]);
    expect([...r.learners]).toEqual([]);
    expect(() => confChange(r, 'removeNode', 1)).toThrow(/removed all voters/);
  });
});

describe('TestAddLearner', () => {
  it('adds a learner, promotes it, demotes a voter to learner and promotes it again', () => {
    const r = newTestRaft(1, [1]);
    confChange(r, 'addLearner', 2);
    expect(r.promotable()).toBe(true);
    expect([...r.learners]).toEqual([2]);
    expect(r.prs.get(2)!.isLearner).toBe(true);
    // Promote peer to voter.
    confChange(r, 'addNode', 2);
    expect(r.prs.get(2)!.isLearner).toBe(false);
    // Demote r.
    confChange(r, 'addLearner', 1);
    expect(r.prs.get(1)!.isLearner).toBe(true);
    expect(r.promotable()).toBe(false);
    // Promote r again.
    confChange(r, 'addNode', 1);
    expect(r.prs.get(1)!.isLearner).toBe(false);
    expect(r.promotable()).toBe(true);
  });
});

// ---- 6. fast backtracking on the leader ----

describe('TestFastLogRejection', () => {
  const cases: {
    name: string;
    leaderLog: Entry[];
    followerLog: Entry[];
    followerCompact?: number;
    rejectHintTerm: number;
    rejectHintIndex: number;
    nextAppendTerm: number;
    nextAppendIndex: number;
  }[] = [
    { name: '0: the leader finds the conflict quickly', leaderLog: ents(1, 1, 2, 2, 4, 4, 4, 4), followerLog: ents(1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3), rejectHintTerm: 3, rejectHintIndex: 7, nextAppendTerm: 2, nextAppendIndex: 3 },
    { name: '1: the leader finds the conflict quickly', leaderLog: ents(1, 1, 2, 2, 3, 4, 4, 4, 5), followerLog: ents(1, 1, 2, 2, 3, 3, 3, 3, 3, 3, 3, 3), rejectHintTerm: 3, rejectHintIndex: 8, nextAppendTerm: 3, nextAppendIndex: 4 },
    { name: '2: the follower finds the conflict quickly', leaderLog: ents(1, 1, 1, 1, 1), followerLog: ents(1, 1, 2, 2, 4), rejectHintTerm: 1, rejectHintIndex: 1, nextAppendTerm: 1, nextAppendIndex: 1 },
    { name: '3: the leader has a longer uncommitted tail', leaderLog: ents(1, 1, 1, 1, 1, 1, 1), followerLog: ents(1, 1, 2, 2, 4), rejectHintTerm: 1, rejectHintIndex: 1, nextAppendTerm: 1, nextAppendIndex: 1 },
    { name: '4: the follower has a longer uncommitted tail', leaderLog: ents(1, 1, 1, 1, 1), followerLog: ents(1, 1, 2, 2, 4, 4, 4), rejectHintTerm: 1, rejectHintIndex: 1, nextAppendTerm: 1, nextAppendIndex: 1 },
    { name: '5: no conflict', leaderLog: ents(1, 1, 1, 1, 4, 5), followerLog: ents(1, 1, 1, 1, 4), rejectHintTerm: 4, rejectHintIndex: 4, nextAppendTerm: 4, nextAppendIndex: 4 },
    { name: '6: the example in stepLeader', leaderLog: ents(1, 2, 5, 5, 5, 5, 5, 5, 5, 5), followerLog: ents(1, 2, 4, 4, 4, 4, 4), rejectHintTerm: 4, rejectHintIndex: 6, nextAppendTerm: 2, nextAppendIndex: 1 },
    { name: '7: the example in handleAppendEntries', leaderLog: ents(1, 2, 2, 2, 2, 2), followerLog: ents(1, 2, 4, 4, 4, 4, 4, 4, 4), rejectHintTerm: 2, rejectHintIndex: 1, nextAppendTerm: 2, nextAppendIndex: 1 },
    { name: '8: a stale MsgApp after the follower compacted', leaderLog: ents(1, 1, 1, 3), followerLog: ents(1, 1, 1, 3, 3, 3), followerCompact: 5, rejectHintTerm: 0, rejectHintIndex: 3, nextAppendTerm: 1, nextAppendIndex: 2 },
  ];

  it.each(cases)('case $name', (tc) => {
    const last = tc.leaderLog[tc.leaderLog.length - 1]!;
    const s1 = new MemoryStorage({ voters: [1, 2, 3], learners: [] });
    s1.append(tc.leaderLog);
    s1.setHardState({ term: last.term - 1, vote: 0, commit: last.index });
    const n1 = makeLeader(newTestRaft(1, [1, 2, 3], { storage: s1 })); // term = last.term

    const s2 = new MemoryStorage({ voters: [1, 2, 3], learners: [] });
    s2.append(tc.followerLog);
    s2.setHardState({ term: last.term, vote: 1, commit: 0 });
    const n2 = newTestRaft(2, [1, 2, 3], { storage: s2 });
    if (tc.followerCompact) s2.compact(tc.followerCompact);

    n2.step(msg('MsgHeartbeat', 1, 2));
    let msgs = readMessages(n2);
    expect(msgs.map((m) => m.type)).toEqual(['MsgHeartbeatResp']);
    n1.step(msgs[0]!);
    msgs = readMessages(n1);
    expect(msgs.map((m) => m.type)).toEqual(['MsgApp']);
    n2.step(msgs[0]!);
    msgs = readMessages(n2);
    expect(msgs.map((m) => m.type)).toEqual(['MsgAppResp']);
    expect(msgs[0]!.reject).toBe(true);
    expect(msgs[0]!.logTerm, 'hint log term').toBe(tc.rejectHintTerm);
    expect(msgs[0]!.rejectHint, 'hint log index').toBe(tc.rejectHintIndex);
    n1.step(msgs[0]!);
    msgs = readMessages(n1);
    expect(msgs[0]!.logTerm, 'next append term').toBe(tc.nextAppendTerm);
    expect(msgs[0]!.index, 'next append index').toBe(tc.nextAppendIndex);
  });
});

// ---- 7. a probing follower acked at its match ----

describe('TestLeaderAppResp', () => {
  // Initial progress of 2: match 0, next 3 (the leader's log is 1, 2 and its no-op 3).
  it.each([
    { name: 'stale rejection: no reply', index: 3, reject: true, wmatch: 0, wnext: 3, wmsgNum: 0, windex: 0, wcommitted: 0 },
    { name: 'denied: decrease next and probe', index: 2, reject: true, wmatch: 0, wnext: 2, wmsgNum: 1, windex: 1, wcommitted: 0 },
    { name: 'accepted: commit and broadcast', index: 2, reject: false, wmatch: 2, wnext: 4, wmsgNum: 2, windex: 2, wcommitted: 2 },
    // Probing at 0, it acks 0 (= its match): it moves to replicate and gets 1..3 at once.
    { name: 'probe acked at its match: replicate', index: 0, reject: false, wmatch: 0, wnext: 4, wmsgNum: 1, windex: 0, wcommitted: 0 },
  ])('$name', (tt) => {
    const storage = new MemoryStorage({ voters: [1, 2, 3], learners: [] });
    storage.append(ents(1, 1, 1));
    const sm = makeLeader(newTestRaft(1, [1, 2, 3], { storage }));
    sm.step(msg('MsgAppResp', 2, 1, { term: sm.term, index: tt.index, reject: tt.reject, rejectHint: tt.index }));
    const p = sm.prs.get(2)!;
    expect(p.match).toBe(tt.wmatch);
    expect(p.next).toBe(tt.wnext);
    const msgs = readMessages(sm);
    expect(msgs).toHaveLength(tt.wmsgNum);
    for (const m of msgs) {
      expect(m.index).toBe(tt.windex);
      expect(m.commit).toBe(tt.wcommitted);
    }
  });
});

// ---- 8. flow control ----

describe('TestMsgAppFlowControlRecvHeartbeat', () => {
  it('a heartbeat response with a full window sends one empty MsgApp and keeps the window full', () => {
    const r = makeLeader(newTestRaft(1, [1, 2], { maxInflight: 256 }));
    const pr2 = r.prs.get(2)!;
    // Force the progress into replicate, then fill the window.
    pr2.becomeReplicate();
    for (let i = 0; i < 256; i++) {
      prop(r);
      readMessages(r);
    }
    for (let tt = 1; tt < 5; tt++) {
      // tt heartbeat responses, each: unpause, one empty MsgApp, paused again.
      for (let i = 0; i < tt; i++) {
        expect(pr2.isPaused()).toBe(true);
        r.step(msg('MsgHeartbeatResp', 2, 1, { term: r.term }));
        const ms = readMessages(r);
        expect(ms.map((m) => m.type)).toEqual(['MsgApp']);
        expect(ms[0]!.entries ?? []).toEqual([]);
      }
      // No more appends without heartbeats.
      for (let i = 0; i < 10; i++) {
        expect(pr2.isPaused()).toBe(true);
        prop(r);
        expect(readMessages(r)).toEqual([]);
      }
      r.step(msg('MsgHeartbeatResp', 2, 1, { term: r.term }));
      readMessages(r);
    }
  });
});

// ---- 9. no campaign with a snapshot being installed ----

const snap11 = (voters: NodeId[]): Snapshot => ({ meta: { index: 11, term: 11, confState: { voters, learners: [] } }, data: '' });

describe('TestRestore', () => {
  it('restores log and configuration from a snapshot, and does not campaign before it is installed', () => {
    const sm = newTestRaft(1, [1, 2]);
    const s = snap11([1, 2, 3]);
    // etcd's test calls restore(); a follower does it on MsgSnap.
    sm.step(msg('MsgSnap', 2, 1, { term: 11, snapshot: s }));
    expect(sm.log.lastIndex()).toBe(11);
    expect(sm.log.term(11)).toBe(11);
    expect([...sm.voters].sort()).toEqual([1, 2, 3]);
    readMessages(sm);
    // The host has not installed the snapshot yet (no advance): no campaign.
    for (let i = 0; i < sm.randomizedElectionTimeout; i++) sm.tick();
    expect(sm.role).toBe('follower');
  });
});

// ---- the transport's reports ----

describe('TestRecvMsgUnreachable', () => {
  it('an unreachable peer in replicate is moved to probe from its match', () => {
    const s = new MemoryStorage({ voters: [1, 2], learners: [] });
    s.append(ents(1, 1, 2, 3));
    const r = makeLeader(newTestRaft(1, [1, 2], { storage: s }));
    const pr = r.prs.get(2)!;
    pr.match = 3;
    pr.becomeReplicate();
    pr.next = 6;
    r.step(msg('MsgUnreachable', 2, 1));
    expect(pr.state).toBe('probe');
    expect(pr.next).toBe(pr.match + 1);
  });

  it('(heartbeat_rep_recovers_from_probing) an up-to-date follower in probe returns to replicate on its next answers', () => {
    const r = makeLeader(newTestRaft(1, [1, 2]));
    r.step(msg('MsgAppResp', 2, 1, { term: r.term, index: r.log.lastIndex() }));
    expect(r.prs.get(2)!.state).toBe('replicate');
    r.step(msg('MsgUnreachable', 2, 1));
    expect(r.prs.get(2)!.state).toBe('probe');
    readMessages(r);
    // The heartbeat response sends an (empty) MsgApp; its answer, at the match, replicates.
    r.step(msg('MsgHeartbeatResp', 2, 1, { term: r.term }));
    const app = readMessages(r).find((m) => m.type === 'MsgApp');
    expect(app?.entries ?? []).toEqual([]);
    r.step(msg('MsgAppResp', 2, 1, { term: r.term, index: r.log.lastIndex() }));
    expect(r.prs.get(2)!.state).toBe('replicate');
  });
});

function leaderAfterSnapshot(): Raft {
  const storage = new MemoryStorage({ voters: [1, 2], learners: [] });
  storage.applySnapshot(snap11([1, 2]));
  const sm = makeLeader(newTestRaft(1, [1, 2], { storage }));
  sm.prs.get(2)!.next = 1;
  sm.prs.get(2)!.becomeSnapshot(11);
  return sm;
}

describe('TestSnapshotFailure', () => {
  it('a failed snapshot moves the follower to probe from its match, paused until a heartbeat', () => {
    const sm = leaderAfterSnapshot();
    sm.step(msg('MsgSnapStatus', 2, 1, { reject: true }));
    const pr = sm.prs.get(2)!;
    expect(pr.pendingSnapshot).toBe(0);
    expect(pr.next).toBe(1);
    expect(pr.msgAppFlowPaused).toBe(true);
  });
});

describe('TestSnapshotSucceed', () => {
  it('a delivered snapshot moves the follower to probe after it, waiting for its answer', () => {
    const sm = leaderAfterSnapshot();
    sm.step(msg('MsgSnapStatus', 2, 1, { reject: false }));
    const pr = sm.prs.get(2)!;
    expect(pr.pendingSnapshot).toBe(0);
    expect(pr.next).toBe(12);
    expect(pr.msgAppFlowPaused).toBe(true);
  });
});
