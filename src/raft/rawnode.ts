// The host's handle on a Raft node (etcd-io/raft rawnode.go). The host loop:
//
//   node.tick() / node.step(msg) / node.propose(data) / node.readIndex(ctx)
//   while (node.hasReady()) {
//     const rd = node.ready();
//     persist rd.snapshot, rd.entries, rd.hardState   // BEFORE sending (§5.1)
//     send rd.messages
//     apply rd.committedEntries; serve rd.readStates once applied >= index
//     node.advance();
//   }

import { Raft } from './raft';
import type { ConfChange, ConfState, Entry, EntryData, HardState, Message, NodeId, RaftConfig, RaftStatus, Ready, SoftState, Storage } from './types';

export class RawNode {
  private readonly raft: Raft;
  private prevSoft: SoftState;
  private prevHard: HardState;
  /** What the last Ready handed out, to acknowledge in advance(). */
  private pending: Ready | undefined;

  constructor(config: RaftConfig, storage: Storage) {
    this.raft = new Raft(config, storage);
    this.prevSoft = this.softState();
    // From the raft, not the storage (etcd NewRawNode): a node booted from a snapshot
    // already commits up to it, and that is no news worth a Ready.
    this.prevHard = this.hardState();
  }

  tick(): void {
    this.raft.tick();
  }

  /** A message from a peer. Local message types are not accepted here. */
  step(m: Message): void {
    if (m.type === 'MsgHup' || m.type === 'MsgBeat' || m.type === 'MsgUnreachable' || m.type === 'MsgSnapStatus') return;
    if (!this.raft.prs.has(m.from) && isResponse(m.type)) return; // from a removed peer
    this.raft.step(m);
  }

  /** Returns false when the proposal was dropped (no leader, or a transfer is on). */
  propose(data: EntryData): boolean {
    return this.raft.step(this.local({ type: 'MsgProp', entries: [entry('normal', data)] }));
  }

  proposeConfChange(cc: ConfChange): boolean {
    return this.raft.step(this.local({ type: 'MsgProp', entries: [entry('confchange', JSON.stringify(cc))] }));
  }

  /** Asks for a linearizable read; a ReadState with this context comes in a Ready. */
  readIndex(context: string): boolean {
    return this.raft.step(this.local({ type: 'MsgReadIndex', context }));
  }

  transferLeader(to: NodeId): void {
    this.raft.step({ type: 'MsgTransferLeader', from: to, to: this.raft.id, term: 0 });
  }

  /** The host's transport failed to send to `id` (etcd ReportUnreachable): a leader
   * stops optimistic replication to it and probes. */
  reportUnreachable(id: NodeId): void {
    this.raft.step({ type: 'MsgUnreachable', from: id, to: this.raft.id, term: 0 });
  }

  /** Whether the snapshot sent to `id` arrived (etcd ReportSnapshot): after a failure
   * the leader probes again and sends a new snapshot; it would otherwise wait forever
   * for an answer to one that was lost. */
  reportSnapshot(id: NodeId, status: 'finish' | 'failure'): void {
    this.raft.step({ type: 'MsgSnapStatus', from: id, to: this.raft.id, term: 0, reject: status === 'failure' });
  }

  campaign(): void {
    this.raft.step(this.local({ type: 'MsgHup' }));
  }

  applyConfChange(cc: ConfChange): ConfState {
    return this.raft.applyConfChange(cc);
  }

  hasReady(): boolean {
    // Called after every input: compare fields in place rather than build the states.
    const r = this.raft;
    const soft = this.prevSoft;
    const hard = this.prevHard;
    return (
      r.lead !== soft.lead ||
      r.role !== soft.role ||
      r.term !== hard.term ||
      r.vote !== hard.vote ||
      r.log.committed !== hard.commit ||
      r.log.unstable().length > 0 ||
      r.log.pendingSnapshot() !== undefined ||
      r.msgs.length > 0 ||
      r.readStates.length > 0 ||
      r.log.hasNextCommittedEntries()
    );
  }

  ready(): Ready {
    const r = this.raft;
    const prevSoft = this.prevSoft;
    const prevHard = this.prevHard;
    // The states are made only when they changed: most Readies carry neither.
    const softChanged = r.lead !== prevSoft.lead || r.role !== prevSoft.role;
    const hardChanged = r.term !== prevHard.term || r.vote !== prevHard.vote || r.log.committed !== prevHard.commit;
    // Shared empty arrays where nothing happened: this runs after every message.
    const unstable = r.log.unstable();
    const rd: Ready = {
      softState: softChanged ? this.softState() : undefined,
      hardState: hardChanged ? this.hardState() : undefined,
      entries: unstable.length > 0 ? unstable.slice() : NONE,
      snapshot: r.log.pendingSnapshot(),
      committedEntries: r.log.hasNextCommittedEntries() ? r.log.nextCommittedEntries() : NONE,
      messages: r.msgs.length > 0 ? r.msgs : NONE,
      readStates: r.readStates.length > 0 ? r.readStates : NONE,
    };
    if (r.msgs.length > 0) r.msgs = [];
    if (r.readStates.length > 0) r.readStates = [];
    this.pending = rd;
    return rd;
  }

  /** The host persisted, sent and applied everything in the last Ready. */
  advance(): void {
    const rd = this.pending;
    if (!rd) return;
    this.pending = undefined;
    const log = this.raft.log;
    if (rd.softState) this.prevSoft = rd.softState;
    if (rd.hardState) this.prevHard = rd.hardState;
    if (rd.snapshot) {
      log.stableSnapTo(rd.snapshot.meta.index);
      // The state machine was restored from the snapshot.
      if (log.applied < rd.snapshot.meta.index) log.applied = rd.snapshot.meta.index;
    }
    const last = rd.entries[rd.entries.length - 1];
    if (last) log.stableTo(last.index, last.term);
    const applied = rd.committedEntries[rd.committedEntries.length - 1];
    if (applied) log.appliedTo(applied.index);
  }

  get role(): SoftState['role'] {
    return this.raft.role;
  }

  get term(): number {
    return this.raft.term;
  }

  get lead(): NodeId {
    return this.raft.lead;
  }

  get applied(): number {
    return this.raft.log.applied;
  }

  /** The election timer in ticks, for drawing (RaftScope's arc; etcd-io/raft keeps
   * these private): ticks since it was last reset (a heartbeat, a vote, a new term) and
   * the randomized timeout it fires at, in [electionTicks, 2 × electionTicks). A leader's
   * counter is its CheckQuorum period instead, so it is not reported. */
  electionTimer(): { readonly elapsed: number; readonly timeout: number } | undefined {
    const r = this.raft;
    return r.role === 'leader' ? undefined : { elapsed: r.electionElapsed, timeout: r.randomizedElectionTimeout };
  }

  /** The few fields a host reads after every Ready, without status()'s copies. */
  basic(): { readonly term: number; readonly role: SoftState['role']; readonly lead: NodeId; readonly commit: number; readonly applied: number } {
    const r = this.raft;
    return { term: r.term, role: r.role, lead: r.lead, commit: r.log.committed, applied: r.log.applied };
  }

  status(): RaftStatus {
    const r = this.raft;
    let progress: Record<number, { match: number; next: number; state: 'probe' | 'replicate' | 'snapshot'; recentActive: boolean }> | undefined;
    if (r.role === 'leader') {
      progress = {};
      for (const [id, p] of r.prs) progress[id] = { match: p.match, next: p.next, state: p.state, recentActive: p.recentActive };
    }
    return {
      id: r.id,
      term: r.term,
      vote: r.vote,
      commit: r.log.committed,
      applied: r.log.applied,
      lead: r.lead,
      role: r.role,
      lastIndex: r.log.lastIndex(),
      firstIndex: r.log.firstIndex(),
      confState: r.confState(),
      progress,
      leadTransferee: r.leadTransferee,
    };
  }

  /** Entries in [lo, hi) (for views), or undefined when compacted. */
  entries(lo: number, hi: number): Entry[] | undefined {
    return this.raft.log.slice(lo, hi);
  }

  private softState(): SoftState {
    return { lead: this.raft.lead, role: this.raft.role };
  }

  private hardState(): HardState {
    return { term: this.raft.term, vote: this.raft.vote, commit: this.raft.log.committed };
  }

  private local(m: Omit<Message, 'from' | 'to' | 'term'>): Message {
    const msg = m as { -readonly [K in keyof Message]: Message[K] };
    msg.from = this.raft.id;
    msg.to = this.raft.id;
    msg.term = 0;
    return msg;
  }
}

const NONE: readonly never[] = Object.freeze([]);

function entry(type: Entry['type'], data: EntryData): Entry {
  // Term and index are assigned by the leader when it appends.
  return { term: 0, index: 0, type, data };
}

function isResponse(t: Message['type']): boolean {
  return t === 'MsgAppResp' || t === 'MsgHeartbeatResp' || t === 'MsgVoteResp' || t === 'MsgPreVoteResp';
}
