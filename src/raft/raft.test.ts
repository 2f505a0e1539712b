// Raft's rules, named after the sections of the paper (Ongaro & Ousterhout, "In Search
// of an Understandable Consensus Algorithm") and Ongaro's thesis. Each test drives a
// TestNetwork of real RawNodes and asserts what a member may or may not do.

import { describe, expect, it } from 'vitest';
import { TestNetwork } from './testing/network';

const ELECTION = 10;

describe('§5.2 leader election', () => {
  it('elects exactly one leader among 3 and among 5, and everyone follows it', () => {
    for (const n of [3, 5]) {
      const net = new TestNetwork(n, { seed: n });
      const leader = net.elect();
      net.tickAll(5);
      for (const id of net.ids) {
        expect(net.status(id).lead).toBe(leader);
        expect(net.status(id).role).toBe(id === leader ? 'leader' : 'follower');
      }
    }
  });

  it('a node grants at most one vote per term', () => {
    const net = new TestNetwork(3, { preVote: false, checkQuorum: false });
    // 2 and 3 campaign at once; 1 sees both requests for term 1.
    net.campaign(2);
    net.campaign(3);
    const votes = net.queue.filter((m) => m.type === 'MsgVote' && m.to === 1);
    expect(votes).toHaveLength(2);
    net.deliverAll();
    expect(net.storage.get(1)!.hardState().vote).toBe(2);
    const leaders = net.ids.filter((id) => net.status(id).role === 'leader');
    expect(leaders).toEqual([2]);
  });

  it('dueling candidates: a split vote is resolved in a later term by randomized timeouts', () => {
    const net = new TestNetwork(3, { preVote: false, checkQuorum: false, seed: 11 });
    net.cutLink(2, 3); // 2 and 3 cannot hear each other
    net.isolate(1); // and nobody can reach 1: both candidacies fail
    net.campaign(2);
    net.campaign(3);
    net.deliverAll();
    expect(net.status(2).role).toBe('candidate');
    expect(net.status(3).role).toBe('candidate');
    expect(net.status(2).term).toBe(net.status(3).term);
    const splitTerm = net.status(2).term;
    net.heal();
    const leader = net.elect();
    expect(net.status(leader).term).toBeGreaterThan(splitTerm);
    expect(net.ids.filter((id) => net.status(id).role === 'leader')).toHaveLength(1);
  });

  it('a candidate steps down when it hears from a leader of its term or a newer one', () => {
    const net = new TestNetwork(3, { preVote: false, checkQuorum: false });
    const leader = net.elect();
    const other = net.ids.find((id) => id !== leader)!;
    net.isolate(other);
    net.campaign(other); // term +1, but no one hears it
    expect(net.status(other).role).toBe('candidate');
    net.heal();
    net.tickAll(ELECTION * 3);
    expect(net.ids.filter((id) => net.status(id).role === 'leader')).toHaveLength(1);
    expect(net.status(other).role).toBe(net.leader() === other ? 'leader' : 'follower');
  });
});

describe('§5.3 log replication', () => {
  it('commits proposals in the same order on every member, also when proposed at a follower', () => {
    const net = new TestNetwork(3);
    const leader = net.elect();
    const follower = net.ids.find((id) => id !== leader)!;
    expect(net.propose(leader, 'a')).toBe(true);
    expect(net.propose(follower, 'b')).toBe(true); // forwarded to the leader
    net.deliverAll();
    net.tickAll(2);
    for (const id of net.ids) expect(net.appliedData(id)).toEqual(['a', 'b']);
  });

  it('repairs a follower with a divergent log: extra entries of an old term are replaced', () => {
    const net = new TestNetwork(3, { seed: 3 });
    const old = net.elect();
    net.propose(old, 'committed');
    net.deliverAll();
    // The old leader, cut off, appends entries nobody else gets.
    net.isolate(old);
    net.propose(old, 'lost-1');
    net.propose(old, 'lost-2');
    net.deliverAll();
    // The others elect a new leader and commit more.
    net.tickAll(ELECTION * 3);
    const fresh = net.ids.find((id) => id !== old && net.status(id).role === 'leader')!;
    expect(fresh).toBeDefined();
    net.propose(fresh, 'new-1');
    net.deliverAll();
    net.heal();
    net.tickAll(ELECTION * 2);
    const logOf = (id: number) => net.log(id).map((e) => `${e.index}:${e.term}:${e.data}`);
    expect(logOf(old)).toEqual(logOf(fresh));
    expect(net.appliedData(old)).toEqual(['committed', 'new-1']);
    expect(logOf(old).some((e) => e.endsWith('lost-1'))).toBe(false);
  });
});

describe('§5.4.1 election restriction', () => {
  it('a node whose log is behind cannot win an election', () => {
    const net = new TestNetwork(3, { preVote: false, checkQuorum: false });
    const leader = net.elect();
    const stale = net.ids.find((id) => id !== leader)!;
    net.isolate(stale);
    net.propose(leader, 'x');
    net.deliverAll();
    net.heal();
    net.crash(leader);
    net.campaign(stale);
    net.deliverAll();
    expect(net.status(stale).role).not.toBe('leader');
  });
});

/** Figure 8: entries of an older term must not be committed by counting replicas. */
function figure8Setup(holdCurrentTerm: boolean) {
  // Paper-pure elections (no CheckQuorum lease) and one entry per MsgApp, so the test
  // controls exactly which entries reach whom.
  const net = new TestNetwork(5, { checkQuorum: false, seed: 8, maxEntriesPerMsg: 1 });
  const s1 = 1, s5 = 5;
  net.campaign(s1);
  net.deliverAll();
  expect(net.status(s1).role).toBe('leader');
  // (a) S1 replicates the entry "x" (index 2) to S2 only.
  net.partition([1, 2], [3, 4, 5]);
  net.propose(s1, 'x');
  net.deliverAll();
  expect(net.status(2).lastIndex).toBe(2);
  expect(net.status(s1).commit).toBe(1);
  // (b) S1 crashes; S5 wins with S3 and S4 and appends its own entry at index 2.
  net.crash(s1);
  net.heal();
  net.partition([2], [3, 4, 5]);
  net.filter = (m) => m.from === s5 && m.type === 'MsgApp'; // its entry stays its own
  for (let i = 0; i < 5 && net.status(s5).role !== 'leader'; i++) {
    net.campaign(s5);
    net.deliverAll();
  }
  net.filter = undefined;
  expect(net.status(s5).role).toBe('leader');
  const s5Term = net.status(s5).term;
  expect(net.log(s5).map((e) => e.term)).toEqual([1, s5Term]);
  net.crash(s5);
  net.heal();
  // (c) S1 restarts and wins a later term with S2, S3 (S4 also fine).
  net.restart(s1);
  // Optionally let S1's old entry x travel but hold back every entry of its new term.
  if (holdCurrentTerm) net.rewrite = (m) => (m.from === s1 && m.type === 'MsgApp' ? { ...m, entries: (m.entries ?? []).filter((e) => e.term <= 1) } : m);
  for (let i = 0; i < 10 && net.status(s1).role !== 'leader'; i++) {
    net.campaign(s1);
    net.deliverAll();
  }
  return { net, s1, s5, s5Term };
}

describe('§5.4.2 committing entries from previous terms (Figure 8)', () => {
  it('an old-term entry on a majority is not committed by counting; a later overwrite stays safe', () => {
    const { net, s1, s5, s5Term } = figure8Setup(true);
    // Let S1's new term start without its no-op reaching anyone: the old entry x may be
    // replicated, the current-term entry may not.
    expect(net.status(s1).role).toBe('leader');
    net.tickAll(3);
    const hasX = [1, 2, 3, 4].filter((id) => net.log(id).some((e) => e.index === 2 && e.data === 'x'));
    expect(hasX.length).toBeGreaterThanOrEqual(3); // a majority of 5 holds x…
    expect(net.status(s1).commit).toBe(1); // …and it is still not committed (§5.4.2)
    // (d) S1 crashes; S5 (its last term is newer) can win and overwrite index 2.
    net.rewrite = undefined;
    net.crash(s1);
    net.restart(s5);
    for (let i = 0; i < 10 && net.status(s5).role !== 'leader'; i++) {
      net.campaign(s5);
      net.deliverAll();
    }
    expect(net.status(s5).role).toBe('leader');
    net.tickAll(3);
    for (const id of [2, 3, 4, 5]) {
      expect(net.appliedData(id)).not.toContain('x');
      expect(net.log(id).find((e) => e.index === 2)!.term).toBe(s5Term);
    }
  });

  it('an old-term entry commits indirectly once an entry of the current term does', () => {
    const { net, s1 } = figure8Setup(false);
    expect(net.status(s1).role).toBe('leader');
    net.tickAll(3); // the no-op of S1's term reaches a majority
    expect(net.status(s1).commit).toBeGreaterThanOrEqual(3);
    net.tickAll(2);
    for (const id of [1, 2, 3, 4]) expect(net.appliedData(id)).toEqual(['x']);
  });
});

describe('§5.5 crash and restart', () => {
  it('keeps term and vote: a restarted node does not vote twice in one term', () => {
    const net = new TestNetwork(3, { preVote: false, checkQuorum: false });
    net.isolate(3);
    net.campaign(1); // 2 votes for 1 in term 1
    net.deliverAll();
    expect(net.storage.get(2)!.hardState()).toMatchObject({ term: 1, vote: 1 });
    net.crash(2);
    net.restart(2);
    expect(net.status(2).term).toBe(1);
    expect(net.status(2).vote).toBe(1);
    // 3 asks 2 for a vote in the same term 1: refused.
    net.heal();
    net.isolate(1);
    net.node(2).step({ type: 'MsgVote', from: 3, to: 2, term: 1, index: 10, logTerm: 1 });
    net.drain();
    const resp = net.queue.find((m) => m.type === 'MsgVoteResp' && m.from === 2 && m.to === 3)!;
    expect(resp.reject).toBe(true);
  });

  it('a restarted leader rejoins as a follower and catches up on what it missed', () => {
    const net = new TestNetwork(3, { seed: 5 });
    const old = net.elect();
    net.crash(old);
    net.tickAll(ELECTION * 3);
    const fresh = net.leader()!;
    expect(fresh).not.toBe(old);
    net.propose(fresh, 'while-down');
    net.deliverAll();
    net.restart(old);
    net.tickAll(ELECTION);
    expect(net.status(old).role).toBe('follower');
    expect(net.status(old).commit).toBe(net.status(fresh).commit);
    expect(net.appliedData(old)).toEqual(['while-down']);
  });
});

describe('PreVote (thesis §9.6) and CheckQuorum', () => {
  it('a node rejoining after a partition does not disrupt the leader (no term bump)', () => {
    const net = new TestNetwork(3, { seed: 7 });
    const leader = net.elect();
    const term = net.status(leader).term;
    const loner = net.ids.find((id) => id !== leader)!;
    net.isolate(loner);
    net.tickAll(ELECTION * 10); // it times out again and again, pre-voting only
    expect(net.status(loner).term).toBe(term);
    net.heal();
    net.tickAll(ELECTION * 2);
    expect(net.leader()).toBe(leader);
    expect(net.status(leader).term).toBe(term);
  });

  it('without PreVote the same rejoin would bump the term (the disruption PreVote prevents)', () => {
    const net = new TestNetwork(3, { preVote: false, checkQuorum: false, seed: 7 });
    const leader = net.elect();
    const term = net.status(leader).term;
    const loner = net.ids.find((id) => id !== leader)!;
    net.isolate(loner);
    net.tickAll(ELECTION * 3);
    expect(net.status(loner).term).toBeGreaterThan(term);
  });

  it('a partitioned leader steps down after an election timeout (CheckQuorum)', () => {
    const net = new TestNetwork(3, { seed: 9 });
    const leader = net.elect();
    net.isolate(leader);
    // The check runs every election timeout and counts whom it heard from since the
    // last one, so stepping down takes between one and two timeouts (as in etcd).
    net.tickAll(ELECTION - 1);
    net.tickAll(ELECTION + 1);
    expect(net.status(leader).role).toBe('follower');
  });

  it('a follower that heard from its leader recently ignores a vote request (leader lease)', () => {
    const net = new TestNetwork(3, { seed: 10 });
    const leader = net.elect();
    const [a, b] = net.ids.filter((id) => id !== leader);
    const termBefore = net.status(a!).term;
    net.node(a!).step({ type: 'MsgPreVote', from: b!, to: a!, term: termBefore + 1, index: 99, logTerm: 99 });
    net.drain();
    expect(net.queue.some((m) => m.from === a && m.type === 'MsgPreVoteResp')).toBe(false);
    expect(net.status(a!).term).toBe(termBefore);
  });
});

describe('§6.4 linearizable reads (ReadIndex)', () => {
  it('the leader answers after a quorum confirms it is still the leader', () => {
    const net = new TestNetwork(3);
    const leader = net.elect();
    net.propose(leader, 'a');
    net.deliverAll();
    net.readIndex(leader, 'r1');
    expect(net.readStates.get(leader)).toEqual([]); // not before the heartbeat round
    net.deliverAll();
    expect(net.readStates.get(leader)).toEqual([{ index: net.status(leader).commit, context: 'r1' }]);
  });

  it('a follower forwards the read to the leader and gets the read index back', () => {
    const net = new TestNetwork(3);
    const leader = net.elect();
    const f = net.ids.find((id) => id !== leader)!;
    net.propose(leader, 'a');
    net.deliverAll();
    net.readIndex(f, 'rf');
    net.deliverAll();
    expect(net.readStates.get(f)).toEqual([{ index: net.status(leader).commit, context: 'rf' }]);
  });

  it('a deposed leader cut off from the quorum cannot serve a read', () => {
    const net = new TestNetwork(3, { seed: 4 });
    const leader = net.elect();
    net.isolate(leader);
    net.readIndex(leader, 'stale');
    net.tickAll(3);
    expect(net.readStates.get(leader)).toEqual([]);
  });

  it('a new leader defers reads until its no-op of the current term commits', () => {
    const net = new TestNetwork(3, { preVote: false, checkQuorum: false });
    net.campaign(1);
    // Deliver only the votes, not the no-op's MsgApp, then ask for a read.
    net.dropTypes('MsgApp');
    net.deliverAll();
    expect(net.status(1).role).toBe('leader');
    net.readIndex(1, 'early');
    net.deliverAll();
    expect(net.readStates.get(1)).toEqual([]);
    net.filter = undefined;
    net.tickAll(2);
    expect(net.readStates.get(1)).toEqual([{ index: net.status(1).commit, context: 'early' }]);
  });
});

describe('proposals and leadership transfer', () => {
  it('a proposal without a leader is dropped', () => {
    const net = new TestNetwork(3);
    expect(net.propose(1, 'nowhere')).toBe(false);
  });

  it('transfers leadership to a caught-up follower, which leads a higher term', () => {
    const net = new TestNetwork(3, { seed: 12 });
    const leader = net.elect();
    const term = net.status(leader).term;
    const target = net.ids.find((id) => id !== leader)!;
    net.node(leader).transferLeader(target);
    net.deliverAll();
    expect(net.status(target).role).toBe('leader');
    expect(net.status(target).term).toBe(term + 1);
    expect(net.status(leader).role).toBe('follower');
  });
});
