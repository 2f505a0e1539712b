// The Raft state machine (etcd-io/raft raft.go). No I/O: messages go to `msgs`, entries
// to the log's unstable part; RawNode hands both to the host in a Ready. Roles are
// swapped step and tick functions (becomeFollower / becomeCandidate / becomeLeader), not
// flags tested everywhere. Leader-only replication lives in replication.ts.

import { RaftLog } from './log';
import { Progress } from './progress';
import { quorumMatch } from './quorum';
import { ReadOnly, type ReadOnlyTracker } from './read-only';
import { stepCandidate, stepFollower } from './follower';
import { bcastAppend, bcastHeartbeat, maybeSendAppend, stepLeader } from './replication';
import type { ConfChange, ConfState, Entry, Message, MessageType, NodeId, RaftConfig, RaftEvent, ReadState, SoftState, Storage } from './types';

export type Role = SoftState['role'];
export type StepFn = (r: Raft, m: Message) => boolean;

/** Context of a MsgVote sent because of a leadership transfer: voters grant it even
 * while they still hear from the current leader (etcd's campaignTransfer). */
export const TRANSFER_CONTEXT = 'transfer';

export class Raft {
  readonly id: NodeId;
  term = 0;
  vote: NodeId = 0;
  lead: NodeId = 0;
  role: Role = 'follower';
  readonly log: RaftLog;
  readonly prs = new Map<NodeId, Progress>();
  voters = new Set<NodeId>();
  learners = new Set<NodeId>();
  msgs: Message[] = [];
  readStates: ReadState[] = [];
  readonly readOnly: ReadOnlyTracker;
  /** Reads that arrived before this leader committed an entry of its term. */
  pendingReads: Message[] = [];
  leadTransferee: NodeId = 0;
  /** Index of the last conf change appended; a new one waits until it is applied. */
  pendingConfIndex = 0;

  electionElapsed = 0;
  heartbeatElapsed = 0;
  randomizedElectionTimeout = 0;
  private votes = new Map<NodeId, boolean>();
  private stepFn: StepFn = stepFollower;
  private tickFn: () => void = () => this.tickElection();

  constructor(
    readonly cfg: RaftConfig,
    storage: Storage,
  ) {
    this.id = cfg.id;
    this.readOnly = cfg.readOnly?.() ?? new ReadOnly();
    this.log = new RaftLog(storage);
    const { hardState, confState } = storage.initialState();
    const boot = confState.voters.length === 0 && confState.learners.length === 0;
    this.applyConfState(boot ? { voters: cfg.peers, learners: [] } : confState);
    if (hardState.term > 0 || hardState.vote > 0 || hardState.commit > 0) {
      this.term = hardState.term;
      this.vote = hardState.vote;
      this.log.commitTo(Math.min(hardState.commit, this.log.lastIndex()));
    }
    if (cfg.applied > 0) this.log.appliedTo(Math.min(cfg.applied, this.log.committed));
    this.becomeFollower(this.term, 0);
  }

  emit(e: RaftEvent): void {
    this.cfg.onEvent?.(e);
  }

  get electionTimeout(): number {
    return this.cfg.electionTicks;
  }

  quorum(): number {
    return Math.floor(this.voters.size / 2) + 1;
  }

  /** May campaign: a voter, and not in the middle of installing a snapshot (its
   * log and configuration are about to change; etcd hasNextOrInProgressSnapshot). */
  promotable(): boolean {
    return this.voters.has(this.id) && this.log.pendingSnapshot() === undefined;
  }

  send(m: Omit<Message, 'from' | 'term'> & { term?: number }): void {
    // Local-origin messages carry our term, except vote requests (they carry the term
    // they campaign for) and proposals forwarded to the leader (term 0: local to it).
    // The literal each caller passes is fresh, so it is completed in place (hot path).
    const msg = m as { -readonly [K in keyof Message]: Message[K] };
    msg.from = this.id;
    if (msg.term === undefined) msg.term = m.type === 'MsgProp' || m.type === 'MsgReadIndex' || m.type === 'MsgTransferLeader' ? 0 : this.term;
    this.msgs.push(msg);
  }

  /** Peers other than this node, sorted (cached: recomputed on conf changes). */
  peers(): readonly NodeId[] {
    return (this.peerList ??= [...this.prs.keys()].filter((id) => id !== this.id).sort((a, b) => a - b));
  }

  private peerList: NodeId[] | undefined;

  // ---- roles ----

  private reset(term: number): void {
    if (this.term !== term) {
      this.term = term;
      this.vote = 0;
    }
    this.lead = 0;
    this.electionElapsed = 0;
    this.heartbeatElapsed = 0;
    // etcd: a fresh random timeout in [electionTimeout, 2*electionTimeout) at every
    // role change, so split votes do not repeat (§5.2).
    this.randomizedElectionTimeout = this.cfg.randomInt(this.electionTimeout, 2 * this.electionTimeout);
    this.leadTransferee = 0;
    this.votes = new Map();
    const last = this.log.lastIndex();
    for (const [id, old] of this.prs) {
      const p = new Progress(last + 1, this.cfg.maxInflightMsgs, old.isLearner);
      if (id === this.id) p.match = last;
      this.prs.set(id, p);
    }
    this.pendingConfIndex = 0;
    this.readOnly.reset();
    this.pendingReads = [];
  }

  becomeFollower(term: number, lead: NodeId): void {
    this.stepFn = stepFollower;
    this.reset(term);
    this.tickFn = () => this.tickElection();
    this.lead = lead;
    this.role = 'follower';
    this.emit({ kind: 'became', role: 'follower', term, lead });
  }

  /** etcd panics on these; so does this core (throws), since no path here takes them. */
  private refuseTransition(to: Role): void {
    const invalid = (this.role === 'leader' && (to === 'precandidate' || to === 'candidate')) || (this.role === 'follower' && to === 'leader');
    if (invalid) throw new Error(`raft: invalid transition [${this.role} -> ${to}]`);
  }

  private becomePreCandidate(): void {
    this.refuseTransition('precandidate');
    // PreVote: no term bump and no vote; only ask whether we could win (thesis §9.6).
    this.stepFn = stepCandidate;
    this.votes = new Map();
    this.tickFn = () => this.tickElection();
    this.lead = 0;
    this.role = 'precandidate';
    this.emit({ kind: 'became', role: 'precandidate', term: this.term, lead: 0 });
  }

  private becomeCandidate(): void {
    this.refuseTransition('candidate');
    this.stepFn = stepCandidate;
    this.reset(this.term + 1);
    this.tickFn = () => this.tickElection();
    this.vote = this.id;
    this.role = 'candidate';
    this.emit({ kind: 'became', role: 'candidate', term: this.term, lead: 0 });
  }

  private becomeLeader(): void {
    this.refuseTransition('leader');
    this.stepFn = stepLeader;
    this.reset(this.term);
    this.tickFn = () => this.tickHeartbeat();
    this.lead = this.id;
    this.role = 'leader';
    const self = this.prs.get(this.id);
    if (self) {
      self.becomeReplicate();
      // A leader is always recently active to itself (CheckQuorum skips it; etcd).
      self.recentActive = true;
    }
    // Conservatively treat every uncommitted entry as a possible conf change.
    this.pendingConfIndex = this.log.lastIndex();
    // §8: a new leader commits a blank no-op of its term, which also commits older
    // entries indirectly (§5.4.2) and lets it answer reads (§6.4).
    this.appendEntries([{ term: 0, index: 0, type: 'normal', data: '' }]);
    this.emit({ kind: 'became', role: 'leader', term: this.term, lead: this.id });
  }

  // ---- ticks ----

  tick(): void {
    this.tickFn();
  }

  private tickElection(): void {
    this.electionElapsed++;
    if (this.promotable() && this.electionElapsed >= this.randomizedElectionTimeout) {
      this.electionElapsed = 0;
      this.emit({ kind: 'election-timeout', term: this.term, pre: this.cfg.preVote });
      this.step({ type: 'MsgHup', from: this.id, to: this.id, term: 0 });
    }
  }

  private tickHeartbeat(): void {
    this.heartbeatElapsed++;
    this.electionElapsed++;
    if (this.electionElapsed >= this.electionTimeout) {
      this.electionElapsed = 0;
      if (this.cfg.checkQuorum && !this.quorumActive()) {
        // CheckQuorum: a leader that has not heard from a quorum within an election
        // timeout may be partitioned away; stepping down stops it serving stale reads.
        this.emit({ kind: 'checkquorum-stepdown', term: this.term });
        this.becomeFollower(this.term, 0);
        return;
      }
      if (this.role === 'leader' && this.leadTransferee !== 0) this.abortLeaderTransfer();
    }
    if (this.role !== 'leader') return;
    if (this.heartbeatElapsed >= this.cfg.heartbeatTicks) {
      this.heartbeatElapsed = 0;
      bcastHeartbeat(this);
    }
  }

  /** Counts voters heard from since the last check (self included), then resets. */
  private quorumActive(): boolean {
    let active = 0;
    for (const [id, p] of this.prs) {
      if (id === this.id) {
        if (this.voters.has(id)) active++;
        continue;
      }
      if (p.recentActive && this.voters.has(id)) active++;
      p.recentActive = false;
    }
    return active >= this.quorum();
  }

  // ---- elections ----

  hup(transfer: boolean): void {
    if (this.role === 'leader' || !this.promotable()) return;
    // A conf change committed but not applied may change who votes: wait (etcd).
    const pending = this.log.slice(this.log.applied + 1, this.log.committed + 1) ?? [];
    if (pending.some((e) => e.type === 'confchange')) return;
    if (this.cfg.preVote && !transfer) this.campaign('pre');
    else this.campaign(transfer ? 'transfer' : 'election');
  }

  private campaign(kind: 'pre' | 'election' | 'transfer'): void {
    let voteType: MessageType;
    let term: number;
    if (kind === 'pre') {
      this.becomePreCandidate();
      voteType = 'MsgPreVote';
      term = this.term + 1; // the term we would campaign for; our own term stays
    } else {
      this.becomeCandidate();
      voteType = 'MsgVote';
      term = this.term;
    }
    if (this.poll(this.id, true) === 'won') {
      // A single-voter cluster wins at once.
      if (kind === 'pre') this.campaign('election');
      else this.becomeLeader();
      return;
    }
    for (const id of [...this.voters].sort((a, b) => a - b)) {
      if (id === this.id) continue;
      this.send({
        type: voteType,
        to: id,
        term,
        index: this.log.lastIndex(),
        logTerm: this.log.lastTerm(),
        context: kind === 'transfer' ? TRANSFER_CONTEXT : undefined,
      });
    }
  }

  poll(id: NodeId, granted: boolean): 'won' | 'lost' | 'pending' {
    if (!this.votes.has(id)) this.votes.set(id, granted);
    let yes = 0;
    let no = 0;
    for (const [voter, v] of this.votes) {
      if (!this.voters.has(voter)) continue;
      if (v) yes++;
      else no++;
    }
    if (yes >= this.quorum()) return 'won';
    if (no >= this.quorum()) return 'lost';
    return 'pending';
  }

  onVoteResponse(m: Message): void {
    const result = this.poll(m.from, !m.reject);
    if (result === 'won') {
      if (this.role === 'precandidate') this.campaign('election');
      else {
        this.becomeLeader();
        bcastAppend(this);
      }
    } else if (result === 'lost') {
      this.becomeFollower(this.term, 0);
    }
  }

  // ---- the message entry point ----

  /** Handles a message. Returns false when a proposal or read was dropped. */
  step(m: Message): boolean {
    if (m.term === 0) {
      // local message
    } else if (m.term > this.term) {
      if (m.type === 'MsgVote' || m.type === 'MsgPreVote') {
        // CheckQuorum's lease: a node that heard from a leader within the election
        // timeout ignores (pre)vote requests, so a rejoining node cannot disrupt a
        // healthy leader (etcd "inLease"). A transfer is the deliberate exception.
        const force = m.context === TRANSFER_CONTEXT;
        const inLease = this.cfg.checkQuorum && this.lead !== 0 && this.electionElapsed < this.electionTimeout;
        if (!force && inLease) return true;
      }
      if (m.type === 'MsgPreVote') {
        // Never change term on a pre-vote request.
      } else if (m.type === 'MsgPreVoteResp' && !m.reject) {
        // The term in a granted pre-vote response is the one we would campaign for.
      } else {
        this.emit({ kind: 'higher-term', from: m.from, term: m.term, msgType: m.type });
        const fromLeader = m.type === 'MsgApp' || m.type === 'MsgHeartbeat' || m.type === 'MsgSnap';
        this.becomeFollower(m.term, fromLeader ? m.from : 0);
      }
    } else if (m.term < this.term) {
      if ((this.cfg.checkQuorum || this.cfg.preVote) && (m.type === 'MsgHeartbeat' || m.type === 'MsgApp')) {
        // A deposed leader that does not learn our term would never step down while
        // we, with PreVote/CheckQuorum, never bump its term by voting: tell it.
        this.send({ type: 'MsgAppResp', to: m.from });
      } else if (m.type === 'MsgPreVote') {
        this.send({ type: 'MsgPreVoteResp', to: m.from, reject: true });
      }
      return true;
    }

    switch (m.type) {
      case 'MsgHup':
        this.hup(false);
        return true;
      case 'MsgVote':
      case 'MsgPreVote': {
        const canVote =
          this.vote === m.from ||
          (this.vote === 0 && this.lead === 0) ||
          (m.type === 'MsgPreVote' && m.term > this.term);
        const granted = canVote && this.log.isUpToDate(m.index ?? 0, m.logTerm ?? 0);
        const respType = m.type === 'MsgVote' ? 'MsgVoteResp' : 'MsgPreVoteResp';
        this.emit({ kind: 'vote', to: m.from, term: m.term, pre: m.type === 'MsgPreVote', granted });
        if (granted) {
          // The response carries the requested term so the candidate counts it.
          this.send({ type: respType, to: m.from, term: m.term });
          if (m.type === 'MsgVote') {
            this.electionElapsed = 0;
            this.vote = m.from;
          }
        } else {
          this.send({ type: respType, to: m.from, reject: true });
        }
        return true;
      }
      default:
        return this.stepFn(this, m);
    }
  }

  abortLeaderTransfer(): void {
    this.emit({ kind: 'transfer-aborted', to: this.leadTransferee, term: this.term });
    this.leadTransferee = 0;
  }

  // ---- log and configuration ----

  /** Leader: appends entries of its term and counts itself. */
  appendEntries(entries: readonly Entry[]): void {
    let index = this.log.lastIndex();
    const stamped = entries.map((e) => ({ ...e, term: this.term, index: ++index }));
    this.log.append(stamped);
    this.prs.get(this.id)?.maybeUpdate(this.log.lastIndex());
    this.maybeCommit();
  }

  /** §5.3/§5.4.2: the highest index matched by a quorum of voters, if of this term. */
  maybeCommit(): boolean {
    return this.log.maybeCommit(quorumMatch(this.voters, this.quorum(), this.prs), this.term);
  }

  committedEntryInCurrentTerm(): boolean {
    return this.log.term(this.log.committed) === this.term;
  }

  applyConfState(cs: ConfState): void {
    this.peerList = undefined;
    this.voters = new Set(cs.voters);
    this.learners = new Set(cs.learners);
    const last = this.log.lastIndex();
    for (const id of [...cs.voters, ...cs.learners]) {
      const isLearner = !this.voters.has(id);
      const old = this.prs.get(id);
      if (old) {
        // A promotion or demotion keeps everything the leader knows of it (etcd).
        old.isLearner = isLearner;
        continue;
      }
      // A new member is probed at the last index, so the first MsgApp carries the last
      // entry; and it counts as recently active, or CheckQuorum could step the leader
      // down before it was heard from (etcd confchange initProgress).
      const p = new Progress(Math.max(last, 1), this.cfg.maxInflightMsgs, isLearner);
      p.recentActive = true;
      this.prs.set(id, p);
    }
    for (const id of [...this.prs.keys()]) if (!this.voters.has(id) && !this.learners.has(id)) this.prs.delete(id);
  }

  /** Applies a committed conf change (etcd's simple changes, no joint consensus).
   * Throws, as etcd panics, on a change that would leave no voter. */
  applyConfChange(cc: ConfChange): ConfState {
    const voters = new Set(this.voters);
    const learners = new Set(this.learners);
    if (cc.type === 'addNode') {
      voters.add(cc.nodeId);
      learners.delete(cc.nodeId);
    } else if (cc.type === 'addLearner') {
      // A voter is demoted (etcd makeLearner); its progress carries over.
      voters.delete(cc.nodeId);
      learners.add(cc.nodeId);
    } else {
      voters.delete(cc.nodeId);
      learners.delete(cc.nodeId);
    }
    if (voters.size === 0) throw new Error(`raft: conf change ${cc.type} ${cc.nodeId} removed all voters`);
    const cs: ConfState = { voters: [...voters].sort((a, b) => a - b), learners: [...learners].sort((a, b) => a - b) };
    this.applyConfState(cs);
    if (this.role === 'leader') {
      // A smaller quorum may commit at once: tell everyone. Otherwise probe only the
      // members that have something to receive (new ones), without empty MsgApps.
      if (this.maybeCommit()) bcastAppend(this);
      else for (const id of this.peers()) maybeSendAppend(this, id, false);
      // A transfer to a member that is no longer a voter can never finish.
      if (this.leadTransferee !== 0 && !this.voters.has(this.leadTransferee)) this.abortLeaderTransfer();
    }
    return cs;
  }

  confState(): ConfState {
    return { voters: [...this.voters].sort((a, b) => a - b), learners: [...this.learners].sort((a, b) => a - b) };
  }
}
