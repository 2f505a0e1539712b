// Port of etcd-io/raft raft_paper_test.go: the scenarios the Raft paper describes
// (https://raft.github.io/raft.pdf), each test named after the Go test and keeping its
// init / step / check parts. Go's `r.Step`, `r.becomeX`, `r.raftLog` map to this core's
// `r.step`, the harness's becomeX and `r.log`; see src/raft/README.md for the mapping.

import { describe, expect } from 'vitest';
import type { Raft } from '../raft';
import type { Entry, Message } from '../types';
import {
  None,
  acceptAndReply,
  allEntries,
  becomeCandidate,
  becomeLeader,
  commitNoopEntry,
  entry,
  expectEntries,
  expectMessages,
  idsBySize,
  index,
  internals,
  loadState,
  ltoa,
  msg,
  newTestMemoryStorage,
  newTestRaft,
  readMessages,
  sortMessages,
} from '../testing/etcd-harness';
import { newNetwork, nopStepper } from '../testing/etcd-network';
import { etcdTest } from '../testing/etcd-test';

type State = 'follower' | 'candidate' | 'leader';

describe('raft_paper_test.go', () => {
  // testUpdateTermFromMessage: if one server's current term is smaller than the other's,
  // it updates its current term to the larger value; a candidate or leader that discovers
  // its term is out of date reverts to follower (§5.1).
  function testUpdateTermFromMessage(state: State): void {
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2, 3]));
    if (state === 'follower') r.becomeFollower(1, 2);
    else if (state === 'candidate') becomeCandidate(r);
    else {
      becomeCandidate(r);
      becomeLeader(r);
    }
    r.step(msg({ type: 'MsgApp', term: 2 }));
    expect(r.term).toBe(2);
    expect(r.role).toBe('follower');
  }
  etcdTest('TestFollowerUpdateTermFromMessage', () => testUpdateTermFromMessage('follower'));
  etcdTest('TestCandidateUpdateTermFromMessage', () => testUpdateTermFromMessage('candidate'));
  etcdTest('TestLeaderUpdateTermFromMessage', () => testUpdateTermFromMessage('leader'));

  // A request with a stale term is ignored (§5.1).
  etcdTest('TestRejectStaleTermMessage', () => {
    let called = false;
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2, 3]));
    internals(r).stepFn = () => {
      called = true;
      return true;
    };
    loadState(r, { term: 2 });
    r.step(msg({ type: 'MsgApp', term: r.term - 1 }));
    expect(called).toBe(false);
  });

  // Servers start as followers (§5.2).
  etcdTest('TestStartAsFollower', () => {
    const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2, 3]));
    expect(r.role).toBe('follower');
  });

  // On a heartbeat tick the leader sends MsgHeartbeat (no index, log term or entries) to
  // every follower (§5.2).
  etcdTest('TestLeaderBcastBeat', () => {
    const hi = 1;
    const r = newTestRaft(1, 10, hi, newTestMemoryStorage([1, 2, 3]));
    becomeCandidate(r);
    becomeLeader(r);
    for (let i = 0; i < 10; i++) r.appendEntries([entry({ index: i + 1 })]);
    for (let i = 0; i < hi; i++) r.tick();
    expectMessages(sortMessages(readMessages(r)), [
      { from: 1, to: 2, term: 1, type: 'MsgHeartbeat', commit: 0 },
      { from: 1, to: 3, term: 1, type: 'MsgHeartbeat', commit: 0 },
    ]);
  });

  // A follower that hears nothing for an election timeout, or a candidate that does not
  // win, starts an election: term + 1, votes for itself, asks everyone (§5.2).
  function testNonleaderStartElection(state: 'follower' | 'candidate'): void {
    const et = 10;
    const r = newTestRaft(1, et, 1, newTestMemoryStorage([1, 2, 3]));
    if (state === 'follower') r.becomeFollower(1, 2);
    else becomeCandidate(r);
    for (let i = 1; i < 2 * et; i++) r.tick();
    expect(r.term).toBe(2);
    expect(r.role).toBe('candidate');
    expect(internals(r).votes.get(r.id)).toBe(true);
    expectMessages(sortMessages(readMessages(r)), [
      { from: 1, to: 2, term: 2, type: 'MsgVote', index: 0, logTerm: 0 },
      { from: 1, to: 3, term: 2, type: 'MsgVote', index: 0, logTerm: 0 },
    ]);
  }
  etcdTest('TestFollowerStartElection', () => testNonleaderStartElection('follower'));
  etcdTest('TestCandidateStartNewElection', () => testNonleaderStartElection('candidate'));

  // One round of RequestVote: win, lose, or stay unclear (§5.2).
  etcdTest('TestLeaderElectionInOneRoundRPC', () => {
    const tests: [number, Record<number, boolean>, State][] = [
      [1, {}, 'leader'],
      [3, { 2: true, 3: true }, 'leader'],
      [3, { 2: true }, 'leader'],
      [5, { 2: true, 3: true, 4: true, 5: true }, 'leader'],
      [5, { 2: true, 3: true, 4: true }, 'leader'],
      [5, { 2: true, 3: true }, 'leader'],
      [3, { 2: false, 3: false }, 'follower'],
      [5, { 2: false, 3: false, 4: false, 5: false }, 'follower'],
      [5, { 2: true, 3: false, 4: false, 5: false }, 'follower'],
      [3, {}, 'candidate'],
      [5, { 2: true }, 'candidate'],
      [5, { 2: false, 3: false }, 'candidate'],
      [5, {}, 'candidate'],
    ];
    tests.forEach(([size, votes, state], i) => {
      const r = newTestRaft(1, 10, 1, newTestMemoryStorage(idsBySize(size)));
      r.step(msg({ from: 1, to: 1, type: 'MsgHup' }));
      for (const [id, vote] of Object.entries(votes)) r.step(msg({ from: Number(id), to: 1, term: r.term, type: 'MsgVoteResp', reject: !vote }));
      expect(r.role, `#${i}`).toBe(state);
      expect(r.term, `#${i}`).toBe(1);
    });
  });

  // Each follower votes for at most one candidate per term, first come first served (§5.2).
  etcdTest('TestFollowerVote', () => {
    const tests: [number, number, boolean][] = [
      [None, 2, false],
      [None, 3, false],
      [2, 2, false],
      [3, 3, false],
      [2, 3, true],
      [3, 2, true],
    ];
    tests.forEach(([vote, nvote, wreject], i) => {
      const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2, 3]));
      loadState(r, { term: 1, vote });
      r.step(msg({ from: nvote, to: 1, term: 1, type: 'MsgVote' }));
      expectMessages(r.msgs, [{ from: 1, to: nvote, term: 1, type: 'MsgVoteResp', reject: wreject }], `#${i}`);
    });
  });

  // A candidate that hears AppendEntries from a leader of at least its term steps down (§5.2).
  etcdTest('TestCandidateFallback', () => {
    const tests: Message[] = [msg({ from: 2, to: 1, term: 1, type: 'MsgApp' }), msg({ from: 2, to: 1, term: 2, type: 'MsgApp' })];
    tests.forEach((tt, i) => {
      const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2, 3]));
      r.step(msg({ from: 1, to: 1, type: 'MsgHup' }));
      expect(r.role, `#${i}`).toBe('candidate');
      r.step(tt);
      expect(r.role, `#${i}`).toBe('follower');
      expect(r.term, `#${i}`).toBe(tt.term);
    });
  });

  // The election timeout is randomized over [et, 2et) (§5.2).
  function testNonleaderElectionTimeoutRandomized(state: 'follower' | 'candidate'): void {
    const et = 10;
    const r = newTestRaft(1, et, 1, newTestMemoryStorage([1, 2, 3]));
    const timeouts = new Set<number>();
    for (let round = 0; round < 50 * et; round++) {
      if (state === 'follower') r.becomeFollower(r.term + 1, 2);
      else becomeCandidate(r);
      let time = 0;
      while (readMessages(r).length === 0) {
        r.tick();
        time++;
      }
      timeouts.add(time);
    }
    for (let d = et; d < 2 * et; d++) expect(timeouts.has(d), `timeout in ${d} ticks should happen`).toBe(true);
  }
  etcdTest('TestFollowerElectionTimeoutRandomized', () => testNonleaderElectionTimeoutRandomized('follower'));
  etcdTest('TestCandidateElectionTimeoutRandomized', () => testNonleaderElectionTimeoutRandomized('candidate'));

  // In most rounds only one server times out first, so split votes are rare (§5.2).
  function testNonleadersElectionTimeoutNonconflict(state: 'follower' | 'candidate'): void {
    const et = 10;
    const ids = idsBySize(5);
    const rs: Raft[] = ids.map((id) => newTestRaft(id, et, 1, newTestMemoryStorage(ids)));
    let conflicts = 0;
    for (let round = 0; round < 1000; round++) {
      for (const r of rs) {
        if (state === 'follower') r.becomeFollower(r.term + 1, None);
        else becomeCandidate(r);
      }
      let timeoutNum = 0;
      while (timeoutNum === 0) {
        for (const r of rs) {
          r.tick();
          if (readMessages(r).length > 0) timeoutNum++;
        }
      }
      if (timeoutNum > 1) conflicts++;
    }
    expect(conflicts / 1000).toBeLessThanOrEqual(0.3);
  }
  etcdTest('TestFollowersElectionTimeoutNonconflict', () => testNonleadersElectionTimeoutNonconflict('follower'));
  etcdTest('TestCandidatesElectionTimeoutNonconflict', () => testNonleadersElectionTimeoutNonconflict('candidate'));

  // The leader appends a proposal and sends AppendEntries carrying the preceding entry's
  // index and term to every follower; the new entry is to be persisted (§5.3).
  etcdTest('TestLeaderStartReplication', () => {
    const s = newTestMemoryStorage([1, 2, 3]);
    const r = newTestRaft(1, 10, 1, s);
    becomeCandidate(r);
    becomeLeader(r);
    commitNoopEntry(r, s);
    const li = r.log.lastIndex();
    r.step(msg({ from: 1, to: 1, type: 'MsgProp', entries: [entry({ data: 'some data' })] }));
    expect(r.log.lastIndex()).toBe(li + 1);
    expect(r.log.committed).toBe(li);
    const wents = [{ index: li + 1, term: 1, data: 'some data' }];
    expectMessages(sortMessages(readMessages(r)), [
      { from: 1, to: 2, term: 1, type: 'MsgApp', index: li, logTerm: 1, entries: wents.map(entry), commit: li },
      { from: 1, to: 3, term: 1, type: 'MsgApp', index: li, logTerm: 1, entries: wents.map(entry), commit: li },
    ]);
    expectEntries(r.log.unstable(), wents);
  });

  // Once replicated safely, the entry is handed out to apply, and the leader's commit
  // index goes out in later AppendEntries (§5.3).
  etcdTest('TestLeaderCommitEntry', () => {
    const s = newTestMemoryStorage([1, 2, 3]);
    const r = newTestRaft(1, 10, 1, s);
    becomeCandidate(r);
    becomeLeader(r);
    commitNoopEntry(r, s);
    const li = r.log.lastIndex();
    r.step(msg({ from: 1, to: 1, type: 'MsgProp', entries: [entry({ data: 'some data' })] }));
    for (const m of readMessages(r)) r.step(acceptAndReply(m));
    expect(r.log.committed).toBe(li + 1);
    expectEntries(r.log.nextCommittedEntries(), [{ index: li + 1, term: 1, data: 'some data' }]);
    sortMessages(readMessages(r)).forEach((m, i) => {
      expect(m.to).toBe(i + 2);
      expect(m.type).toBe('MsgApp');
      expect(m.commit).toBe(li + 1);
    });
  });

  // An entry commits once the leader that created it replicated it on a majority (§5.3).
  etcdTest('TestLeaderAcknowledgeCommit', () => {
    const tests: [number, Record<number, boolean>, boolean][] = [
      [1, {}, true],
      [3, {}, false],
      [3, { 2: true }, true],
      [3, { 2: true, 3: true }, true],
      [5, {}, false],
      [5, { 2: true }, false],
      [5, { 2: true, 3: true }, true],
      [5, { 2: true, 3: true, 4: true }, true],
      [5, { 2: true, 3: true, 4: true, 5: true }, true],
    ];
    tests.forEach(([size, acceptors, wack], i) => {
      const s = newTestMemoryStorage(idsBySize(size));
      const r = newTestRaft(1, 10, 1, s);
      becomeCandidate(r);
      becomeLeader(r);
      commitNoopEntry(r, s);
      const li = r.log.lastIndex();
      r.step(msg({ from: 1, to: 1, type: 'MsgProp', entries: [entry({ data: 'some data' })] }));
      for (const m of [...r.msgs]) if (acceptors[m.to]) r.step(acceptAndReply(m));
      expect(r.log.committed > li, `#${i}`).toBe(wack);
    });
  });

  // Committing an entry commits every preceding one, older terms' included, in order (§5.3).
  etcdTest('TestLeaderCommitPrecedingEntries', () => {
    const tests: Entry[][] = [[], [entry({ term: 2, index: 1 })], [entry({ term: 1, index: 1 }), entry({ term: 2, index: 2 })], [entry({ term: 1, index: 1 })]];
    tests.forEach((tt, i) => {
      const storage = newTestMemoryStorage([1, 2, 3]);
      storage.append(tt);
      const r = newTestRaft(1, 10, 1, storage);
      loadState(r, { term: 2 });
      becomeCandidate(r);
      becomeLeader(r);
      r.step(msg({ from: 1, to: 1, type: 'MsgProp', entries: [entry({ data: 'some data' })] }));
      for (const m of readMessages(r)) r.step(acceptAndReply(m));
      const li = tt.length;
      expectEntries(r.log.nextCommittedEntries(), [...tt, { term: 3, index: li + 1 }, { term: 3, index: li + 2, data: 'some data' }], `#${i}`);
    });
  });

  // A follower that learns an entry is committed applies it, in log order (§5.3).
  etcdTest('TestFollowerCommitEntry', () => {
    const e = (index: number, data: string): Entry => entry({ term: 1, index, data });
    const tests: [Entry[], number][] = [
      [[e(1, 'some data')], 1],
      [[e(1, 'some data'), e(2, 'some data2')], 2],
      [[e(1, 'some data2'), e(2, 'some data')], 2],
      [[e(1, 'some data'), e(2, 'some data2')], 1],
    ];
    tests.forEach(([ents, commit], i) => {
      const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2, 3]));
      r.becomeFollower(1, 2);
      r.step(msg({ from: 2, to: 1, type: 'MsgApp', term: 1, entries: ents, commit }));
      expect(r.log.committed, `#${i}`).toBe(commit);
      expectEntries(r.log.nextCommittedEntries(), ents.slice(0, commit), `#${i}`);
    });
  });

  // A follower refuses AppendEntries whose preceding entry it does not hold (§5.3).
  etcdTest('TestFollowerCheckMsgApp', () => {
    const ents = [entry({ term: 1, index: 1 }), entry({ term: 2, index: 2 })];
    const tests: [number, number, number, boolean, number, number][] = [
      // match with committed entries
      [0, 0, 1, false, 0, 0],
      [ents[0]!.term, ents[0]!.index, 1, false, 0, 0],
      // match with uncommitted entries
      [ents[1]!.term, ents[1]!.index, 2, false, 0, 0],
      // unmatch with existing entry
      [ents[0]!.term, ents[1]!.index, ents[1]!.index, true, 1, 1],
      // unexisting entry
      [ents[1]!.term + 1, ents[1]!.index + 1, ents[1]!.index + 1, true, 2, 2],
    ];
    tests.forEach(([term, idx, windex, wreject, wrejectHint, wlogterm], i) => {
      const storage = newTestMemoryStorage([1, 2, 3]);
      storage.append(ents);
      const r = newTestRaft(1, 10, 1, storage);
      loadState(r, { commit: 1 });
      r.becomeFollower(2, 2);
      r.step(msg({ from: 2, to: 1, type: 'MsgApp', term: 2, logTerm: term, index: idx }));
      const expected = wreject
        ? { from: 1, to: 2, type: 'MsgAppResp' as const, term: 2, index: windex, reject: true, rejectHint: wrejectHint, logTerm: wlogterm }
        : { from: 1, to: 2, type: 'MsgAppResp' as const, term: 2, index: windex };
      expectMessages(readMessages(r), [expected], `#${i}`);
    });
  });

  // A valid AppendEntries deletes the conflicting entry and all that follow, and appends
  // what is new; the new entries are to be persisted (§5.3).
  etcdTest('TestFollowerAppendEntries', () => {
    const tests: [number, number, Entry[], Entry[], Entry[]][] = [
      [2, 2, index(3).terms(3), index(1).terms(1, 2, 3), index(3).terms(3)],
      [1, 1, index(2).terms(3, 4), index(1).terms(1, 3, 4), index(2).terms(3, 4)],
      [0, 0, index(1).terms(1), index(1).terms(1, 2), []],
      [0, 0, index(1).terms(3), index(1).terms(3), index(1).terms(3)],
    ];
    tests.forEach(([idx, term, ents, wents, wunstable], i) => {
      const storage = newTestMemoryStorage([1, 2, 3]);
      storage.append([entry({ term: 1, index: 1 }), entry({ term: 2, index: 2 })]);
      const r = newTestRaft(1, 10, 1, storage);
      r.becomeFollower(2, 2);
      r.step(msg({ from: 2, to: 1, type: 'MsgApp', term: 2, logTerm: term, index: idx, entries: ents }));
      expectEntries(allEntries(r), wents, `#${i}`);
      expectEntries(r.log.unstable(), wunstable, `#${i}`);
    });
  });

  // The leader brings a follower's log into consistency with its own (§5.3, figure 7).
  etcdTest('TestLeaderSyncFollowerLog', () => {
    const ents = index(0).terms(0, 1, 1, 1, 4, 4, 5, 5, 6, 6, 6);
    const term = 8;
    const tests = [
      index(0).terms(0, 1, 1, 1, 4, 4, 5, 5, 6, 6),
      index(0).terms(0, 1, 1, 1, 4, 4),
      index(0).terms(0, 1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 6),
      index(0).terms(0, 1, 1, 1, 4, 4, 5, 5, 6, 6, 6, 7, 7),
      index(0).terms(0, 1, 1, 1, 4, 4, 4, 4),
      index(0).terms(0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3),
    ];
    tests.forEach((tt, i) => {
      const leadStorage = newTestMemoryStorage([1, 2, 3]);
      leadStorage.append(ents);
      const lead = newTestRaft(1, 10, 1, leadStorage);
      loadState(lead, { commit: lead.log.lastIndex(), term });
      const followerStorage = newTestMemoryStorage([1, 2, 3]);
      followerStorage.append(tt);
      const follower = newTestRaft(2, 10, 1, followerStorage);
      loadState(follower, { term: term - 1 });
      // A three-node cluster: the second may have a more up-to-date log than the first,
      // so the first needs the third's vote to lead.
      const n = newNetwork(lead, follower, nopStepper);
      n.send(msg({ from: 1, to: 1, type: 'MsgHup' }));
      // The election occurs in the term after the one loaded above.
      n.send(msg({ from: 3, to: 1, type: 'MsgVoteResp', term: term + 1 }));
      n.send(msg({ from: 1, to: 1, type: 'MsgProp', entries: [entry()] }));
      expect(ltoa(follower), `#${i}`).toBe(ltoa(lead));
    });
  });

  // A vote request carries the candidate's last log index and term, to every peer (§5.4.1).
  etcdTest('TestVoteRequest', () => {
    const tests: [Entry[], number][] = [
      [index(1).terms(1), 2],
      [index(1).terms(1, 2), 3],
    ];
    tests.forEach(([ents, wterm], j) => {
      const r = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2, 3]));
      r.step(msg({ from: 2, to: 1, type: 'MsgApp', term: wterm - 1, logTerm: 0, index: 0, entries: ents }));
      readMessages(r);
      for (let i = 1; i < r.electionTimeout * 2; i++) internals(r).tickElection();
      const msgs = sortMessages(readMessages(r));
      expect(msgs, `#${j}`).toHaveLength(2);
      msgs.forEach((m, i) => {
        expect(m.type, `#${j}.${i}`).toBe('MsgVote');
        expect(m.to, `#${j}.${i}`).toBe(i + 2);
        expect(m.term, `#${j}.${i}`).toBe(wterm);
        expect(m.index, `#${j}.${i}`).toBe(ents[ents.length - 1]!.index);
        expect(m.logTerm, `#${j}.${i}`).toBe(ents[ents.length - 1]!.term);
      });
    });
  });

  // A voter denies its vote when its own log is more up to date than the candidate's (§5.4.1).
  etcdTest('TestVoter', () => {
    const tests: [Entry[], number, number, boolean][] = [
      // same logterm
      [index(1).terms(1), 1, 1, false],
      [index(1).terms(1), 1, 2, false],
      [index(1).terms(1, 1), 1, 1, true],
      // candidate higher logterm
      [index(1).terms(1), 2, 1, false],
      [index(1).terms(1), 2, 2, false],
      [index(1).terms(1, 1), 2, 1, false],
      // voter higher logterm
      [index(1).terms(2), 1, 1, true],
      [index(1).terms(2), 1, 2, true],
      [index(1).terms(2, 2), 1, 1, true],
      [index(1).terms(1, 1), 1, 1, true],
    ];
    tests.forEach(([ents, logterm, idx, wreject], i) => {
      const storage = newTestMemoryStorage([1, 2]);
      storage.append(ents);
      const r = newTestRaft(1, 10, 1, storage);
      r.step(msg({ from: 2, to: 1, type: 'MsgVote', term: 3, logTerm: logterm, index: idx }));
      const msgs = readMessages(r);
      expect(msgs, `#${i}`).toHaveLength(1);
      expect(msgs[0]!.type, `#${i}`).toBe('MsgVoteResp');
      expect(msgs[0]!.reject ?? false, `#${i}`).toBe(wreject);
    });
  });

  // Only entries of the leader's current term are committed by counting replicas (§5.4.2).
  etcdTest('TestLeaderOnlyCommitsLogFromCurrentTerm', () => {
    const ents = [entry({ term: 1, index: 1 }), entry({ term: 2, index: 2 })];
    const tests: [number, number][] = [
      // do not commit log entries in previous terms
      [1, 0],
      [2, 0],
      // commit log in current term
      [3, 3],
    ];
    tests.forEach(([idx, wcommit], i) => {
      const storage = newTestMemoryStorage([1, 2]);
      storage.append(ents);
      const r = newTestRaft(1, 10, 1, storage);
      loadState(r, { term: 2 });
      // become leader at term 3
      becomeCandidate(r);
      becomeLeader(r);
      readMessages(r);
      // propose an entry to the current term
      r.step(msg({ from: 1, to: 1, type: 'MsgProp', entries: [entry()] }));
      r.step(msg({ from: 2, to: 1, type: 'MsgAppResp', term: r.term, index: idx }));
      expect(r.log.committed, `#${i}`).toBe(wcommit);
    });
  });
});
