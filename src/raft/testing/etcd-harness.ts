// The helpers etcd-io/raft's own tests are written against (raft_test.go: newTestRaft,
// newNetwork, readMessages, nextEnts, commitNoopEntry, acceptAndReply, index(i).terms…),
// rebuilt over this project's `Raft`, so the ported suite under ../etcd-suite keeps each
// Go test's set-up, steps and assertions line for line. Test-only: the suite reaches into
// the state machine the way Go tests in package raft do (becomeCandidate, the step
// function, progress), through `internals()`, never by changing the core.

import { expect } from 'vitest';
import { Rng } from '../../sim/rng';
import { RaftLog } from '../log';
import { MemoryStorage } from '../memory-storage';
import type { Progress } from '../progress';
import { Raft, type StepFn } from '../raft';
import { bcastAppend } from '../replication';
import type { Entry, HardState, Message, MessageType, NodeId, RaftConfig, Snapshot } from '../types';

export const None: NodeId = 0;

/** Go's zero values: a message literal names only the fields it sets. */
export type Msg = Partial<Omit<Message, 'type'>> & { readonly type: MessageType };

export function msg(m: Msg): Message {
  return { from: 0, to: 0, term: 0, ...m };
}

/** What Go tests in package raft touch directly; private in TypeScript, public in Go. */
interface RaftInternals {
  id: NodeId;
  becomeCandidate(): void;
  becomePreCandidate(): void;
  becomeLeader(): void;
  reset(term: number): void;
  tickElection(): void;
  tickHeartbeat(): void;
  votes: Map<NodeId, boolean>;
  stepFn: StepFn;
}

export function internals(r: Raft): RaftInternals {
  return r as unknown as RaftInternals;
}

export const becomeCandidate = (r: Raft): void => internals(r).becomeCandidate();
export const becomePreCandidate = (r: Raft): void => internals(r).becomePreCandidate();
export const becomeLeader = (r: Raft): void => internals(r).becomeLeader();

export function progress(r: Raft, id: NodeId): Progress {
  const p = r.prs.get(id);
  if (!p) throw new Error(`no progress for ${id}`);
  return p;
}

/** A config as newTestConfig builds it: PreVote and CheckQuorum off, 256 inflight, no
 * size limit per message. Fields are mutable so a test can tweak them before newRaft. */
export type TestConfig = { -readonly [K in keyof RaftConfig]: RaftConfig[K] } & { storage: MemoryStorage };

let raftSeq = 0;

export function newTestConfig(id: NodeId, election: number, heartbeat: number, storage: MemoryStorage): TestConfig {
  // etcd draws election timeouts from a global random source; here each raft gets its own
  // seeded stream, so a run is reproducible and the draws still spread over [e, 2e).
  const rng = new Rng(0x5eed).fork(`raft-${id}-${raftSeq++}`);
  return {
    id,
    peers: [],
    electionTicks: election,
    heartbeatTicks: heartbeat,
    preVote: false,
    checkQuorum: false,
    maxInflightMsgs: 256,
    maxEntriesPerMsg: Infinity,
    applied: 0,
    randomInt: (lo, hi) => rng.int(lo, hi),
    storage,
  };
}

export function newTestMemoryStorage(peers: readonly NodeId[], learners: readonly NodeId[] = []): MemoryStorage {
  return new MemoryStorage({ voters: [...peers], learners: [...learners] });
}

export function newRaft(cfg: TestConfig): Raft {
  return new Raft(cfg, cfg.storage);
}

export function newTestRaft(id: NodeId, election: number, heartbeat: number, storage: MemoryStorage): Raft {
  return newRaft(newTestConfig(id, election, heartbeat, storage));
}

export const newTestLearnerRaft = newTestRaft;

export function idsBySize(size: number): NodeId[] {
  return Array.from({ length: size }, (_, i) => i + 1);
}

/** etcd's readMessages: what the raft wants sent, taken out of it. (This core counts
 * the leader's own append at once, so there are no self-addressed messages to step.) */
export function readMessages(r: Raft): Message[] {
  const out = r.msgs;
  r.msgs = [];
  return out;
}

export function expectOneMessage(r: Raft): Message {
  const msgs = readMessages(r);
  expect(msgs, 'expect one message').toHaveLength(1);
  return msgs[0]!;
}

export function loadState(r: Raft, hs: Partial<HardState>): void {
  const commit = hs.commit ?? 0;
  if (commit < r.log.committed || commit > r.log.lastIndex()) throw new Error(`loadState: commit ${commit} out of range`);
  r.log.committed = commit;
  r.term = hs.term ?? 0;
  r.vote = hs.vote ?? 0;
}

export function setRandomizedElectionTimeout(r: Raft, v: number): void {
  r.randomizedElectionTimeout = v;
}

/** Go's `&pb.Entry{Data: …}`: index and term are stamped by the leader. */
export function entry(e: Partial<Entry> = {}): Entry {
  return { term: 0, index: 0, type: 'normal', data: '', ...e };
}

/** etcd's index(i).terms(t…): consecutive entries from index i with those terms. */
export function index(i: number): { terms: (...terms: number[]) => Entry[] } {
  return { terms: (...terms) => terms.map((term, k) => entry({ index: i + k, term })) };
}

export function mustAppendEntry(r: Raft, ...ents: Entry[]): void {
  r.appendEntries(ents);
}

/** Persists the unstable entries, returns the committed ones and marks them applied. */
export function nextEnts(r: Raft, s: MemoryStorage): Entry[] {
  persist(r, s);
  const ents = r.log.nextCommittedEntries();
  r.log.appliedTo(r.log.committed);
  return ents;
}

function persist(r: Raft, s: MemoryStorage): void {
  const snap = r.log.pendingSnapshot();
  if (snap) {
    s.applySnapshot(snap);
    r.log.stableSnapTo(snap.meta.index);
  }
  const unstable = r.log.unstable();
  s.append(unstable);
  const last = unstable[unstable.length - 1];
  if (last) r.log.stableTo(last.index, last.term);
}

export function acceptAndReply(m: Message): Message {
  if (m.type !== 'MsgApp') throw new Error('type should be MsgApp');
  return msg({ from: m.to, to: m.from, term: m.term, type: 'MsgAppResp', index: (m.index ?? 0) + (m.entries?.length ?? 0) });
}

/** The leader's no-op is acknowledged by every follower, committed and applied. */
export function commitNoopEntry(r: Raft, s: MemoryStorage): void {
  if (r.role !== 'leader') throw new Error('it should only be used when it is the leader');
  bcastAppend(r);
  for (const m of readMessages(r)) {
    if (m.type !== 'MsgApp' || m.entries?.length !== 1 || m.entries[0]!.data !== '') throw new Error('not a message to append noop entry');
    r.step(acceptAndReply(m));
  }
  readMessages(r); // further messages refresh followers' commit index
  persist(r, s);
  r.log.appliedTo(r.log.committed);
}

/** Every entry of the log, stable and unstable (etcd's allEntries). */
export function allEntries(r: Raft): Entry[] {
  return r.log.slice(r.log.firstIndex(), r.log.lastIndex() + 1) ?? [];
}

/** etcd's ltoa: the last index, the applied index and every entry, for diffing logs. */
export function ltoa(r: Raft): string {
  return ltoaOf(allEntries(r), r.log.applied);
}

/** ltoa of a log holding exactly these entries (etcd builds one: newLog(&MemoryStorage{ents})). */
export function ltoaOf(ents: readonly Entry[], applied = 0): string {
  const last = ents.length > 0 ? ents[ents.length - 1]!.index : 0;
  const lines = [`lastIndex: ${last}`, `applied:  ${applied}`];
  for (const e of ents) lines.push(`#${e.index}: ${e.term} ${e.type} ${JSON.stringify(e.data)}`);
  return lines.join('\n');
}

/** etcd's entsWithConfig: a raft (id 1) whose log holds one entry per term given. */
export function entsWithConfig(configFunc: ((c: TestConfig) => void) | undefined, ...terms: number[]): Raft {
  const storage = new MemoryStorage();
  terms.forEach((term, i) => storage.append([entry({ index: i + 1, term })]));
  const cfg = newTestConfig(1, 5, 1, storage);
  configFunc?.(cfg);
  const sm = newRaft(cfg);
  internals(sm).reset(terms[terms.length - 1]!);
  return sm;
}

/** etcd's votedWithConfig: a raft that voted for `vote` in `term` and holds no entries. */
export function votedWithConfig(configFunc: ((c: TestConfig) => void) | undefined, vote: NodeId, term: number): Raft {
  const storage = new MemoryStorage();
  storage.setHardState({ term, vote, commit: 0 });
  const cfg = newTestConfig(1, 5, 1, storage);
  configFunc?.(cfg);
  const sm = newRaft(cfg);
  internals(sm).reset(term);
  return sm;
}

export function addNode(r: Raft, id: NodeId): void {
  r.applyConfChange({ type: 'addNode', nodeId: id });
}

export function addLearner(r: Raft, id: NodeId): void {
  r.applyConfChange({ type: 'addLearner', nodeId: id });
}

export function removeNode(r: Raft, id: NodeId): void {
  r.applyConfChange({ type: 'removeNode', nodeId: id });
}

export function isLearner(r: Raft): boolean {
  return r.learners.has(r.id);
}

// ---- comparing messages as Go does: zero-valued fields are absent ----

const TYPE_ORDER: readonly string[] = [
  'MsgHup', 'MsgBeat', 'MsgProp', 'MsgApp', 'MsgAppResp', 'MsgVote', 'MsgVoteResp', 'MsgSnap', 'MsgHeartbeat', 'MsgHeartbeatResp',
  'MsgUnreachable', 'MsgSnapStatus', 'MsgCheckQuorum', 'MsgTransferLeader', 'MsgTimeoutNow', 'MsgReadIndex', 'MsgReadIndexResp', 'MsgPreVote', 'MsgPreVoteResp',
];

/** etcd's messageSlice order: by recipient, then type (raftpb's enum order), then sender. */
export function sortMessages(msgs: readonly Message[]): Message[] {
  return [...msgs].sort((a, b) => a.to - b.to || TYPE_ORDER.indexOf(a.type) - TYPE_ORDER.indexOf(b.type) || a.from - b.from);
}

export function normEntry(e: Partial<Entry>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (e.term) out.term = e.term;
  if (e.index) out.index = e.index;
  if (e.type && e.type !== 'normal') out.type = e.type;
  if (e.data) out.data = e.data;
  return out;
}

export function norm(m: Msg | Message): Record<string, unknown> {
  const out: Record<string, unknown> = { type: m.type };
  if (m.from) out.from = m.from;
  if (m.to) out.to = m.to;
  if (m.term) out.term = m.term;
  if (m.logTerm) out.logTerm = m.logTerm;
  if (m.index) out.index = m.index;
  if (m.commit) out.commit = m.commit;
  if (m.reject) out.reject = true;
  if (m.rejectHint) out.rejectHint = m.rejectHint;
  if (m.context) out.context = m.context;
  if (m.entries && m.entries.length > 0) out.entries = m.entries.map(normEntry);
  if (m.snapshot) out.snapshot = { index: m.snapshot.meta.index, term: m.snapshot.meta.term };
  return out;
}

export function expectMessages(actual: readonly Message[], expected: readonly Msg[], label?: string): void {
  expect(actual.map(norm), label).toEqual(expected.map(norm));
}

export function expectEntries(actual: readonly Entry[] | undefined, expected: readonly Partial<Entry>[], label?: string): void {
  expect((actual ?? []).map(normEntry), label).toEqual(expected.map(normEntry));
}

/** etcd's raft.restore(s): installs a snapshot into a follower's log unless it is stale or
 * already matched; returns whether it did. This core does it inside MsgSnap's handler
 * (follower.ts handleSnapshot); the steps here are that handler's, without the reply. */
export function restore(r: Raft, s: Snapshot): boolean {
  if (s.meta.index <= r.log.committed) return false;
  if (r.log.matchTerm(s.meta.index, s.meta.term)) {
    r.log.commitTo(s.meta.index);
    return false;
  }
  r.log.restore(s);
  r.applyConfState(s.meta.confState);
  return true;
}

export function snapshot(index: number, term: number, voters: NodeId[], learners: NodeId[] = []): Snapshot {
  return { meta: { index, term, confState: { voters, learners } }, data: '' };
}

/** Number of MsgApps in flight to a follower (etcd's pr.Inflights.Count()). */
export function inflightCount(p: Progress): number {
  return (p as unknown as { inflights: number[] }).inflights.length;
}

/** The raft's config, writable: Go tests flip r.checkQuorum / r.preVote on a built raft. */
export function config(r: Raft): TestConfig {
  return r.cfg as TestConfig;
}

/** etcd's resetRandomizedElectionTimeout: a fresh draw in [e, 2e), nothing else reset. */
export function resetRandomizedElectionTimeout(r: Raft): void {
  r.randomizedElectionTimeout = r.cfg.randomInt(r.electionTimeout, 2 * r.electionTimeout);
}

/** Reads waiting for their heartbeat round (etcd's len(r.readOnly.readIndexQueue)). */
export function pendingReadCount(r: Raft): number {
  return r.readOnly.pending();
}

/** etcd's pr.MsgAppFlowPaused. */
export function msgAppFlowPaused(p: Progress): boolean {
  return p.msgAppFlowPaused;
}

export function setMsgAppFlowPaused(p: Progress, v: boolean): void {
  p.msgAppFlowPaused = v;
}

/** etcd's `sm.raftLog = newLog(&MemoryStorage{ents: …})`: the raft's log replaced. */
export function replaceLog(r: Raft, ents: readonly Entry[]): void {
  const st = new MemoryStorage();
  st.append(ents);
  (r as unknown as { log: RaftLog }).log = new RaftLog(st);
}

/** etcd's appliedSnap: the host persisted and applied the snapshot the raft installed. */
export function appliedSnap(r: Raft, s: Snapshot): void {
  r.log.stableSnapTo(s.meta.index);
  if (r.log.applied < s.meta.index) r.log.applied = s.meta.index;
}

export function voterNodes(r: Raft): NodeId[] {
  return [...r.voters].sort((a, b) => a - b);
}

export function learnerNodes(r: Raft): NodeId[] {
  return [...r.learners].sort((a, b) => a - b);
}

/** etcd's checkLeaderTransferState. */
export function checkLeaderTransferState(r: Raft, state: Raft['role'], lead: NodeId): void {
  expect(r.role).toBe(state);
  expect(r.lead).toBe(lead);
  expect(r.leadTransferee).toBe(None);
}
