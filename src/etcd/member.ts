// One etcd member (etcd server): Raft (src/raft) on the machine's disk, the MVCC store
// as its state machine, and the client API on :2379. Peers talk Raft on :2380; every
// Raft message is one packet whose kind names its type ("raft.MsgApp"), which is what
// the UI animates.
//
// About 530 lines: the Ready loop, applying entries and the client API share the
// waiting proposals and reads. What stands apart is elsewhere: the Cluster API checks
// and leader transfer (membership.ts), leases' deadlines (lessor.ts), watches
// (watch-hub.ts), the data dir layout (data-dir.ts), the UI's picture (member-view.ts).

import { requestLimitError } from './request-limits';
import type { EtcdMemberView } from '../protocol/frames';
import { memberView } from './member-view';
import { RawNode } from '../raft/rawnode';
import type { ConfChange, Entry, Message, RaftEvent } from '../raft/types';
import type { Packet } from '../sim/packet';
import { PORT } from '../sim/packet';
import type { Process, Runtime } from '../sim/process';
import { DiskStorage } from './disk-storage';
import { describeOp, memberHexId, type ProposedOp } from './describe';
import { MvccError, MvccStore } from './mvcc';
import { ERR, ETCD_VERSION, type ClientOp, type ClientRequest, type ClientResult, type MemberInfo } from './types';
import { WatchHub } from './watch-hub';
import { SeenRequests } from '../sim/seen-requests';
import { Lessor } from './lessor';
import { MembershipOps, type ConfContext } from './membership';
import { CONF_INDEX, REMOVED } from './data-dir';

export interface EtcdMemberSpec {
  readonly kind: 'etcd';
  readonly member: string;
  readonly id: number;
  /** The cluster at this member's first boot. A member started by `member add` lists
   * the cluster as it is then, itself included (etcd's --initial-cluster-state=existing);
   * `learner` marks a non-voting member. */
  readonly peers: readonly { readonly id: number; readonly name: string; readonly host: string; readonly learner?: boolean }[];
  readonly electionTicks: number;
  readonly heartbeatTicks: number;
  /** etcd: 5 s + 2 × election timeout. */
  readonly requestTimeoutMs: number;
  /** Take a snapshot every this many applied entries (etcd --snapshot-count: 10 000 in
   * v3.6; the classroom profile uses fewer so a lesson sees one) and keep this many
   * entries after it for slow followers (5 000). */
  readonly snapshotCount?: number;
  readonly catchUpEntries?: number;
  /** A known bug switched on, to show that the swarm's checkers catch it (tests only):
   * 'stale-reads' answers every read from this member's local state, skipping ReadIndex. */
  readonly inject?: 'stale-reads';
}

/** What a Raft entry of a client write carries. */
interface Proposal {
  readonly id: string;
  readonly op: ProposedOp;
}

interface Waiter {
  readonly src: Packet['src'];
  readonly reqId: number;
  readonly deadline: number;
}

interface PendingRead extends Waiter {
  readonly op: ClientOp & { type: 'range' };
  /** Set once the leader confirmed the read index. */
  index?: number;
}

/** Parsed proposals by entry data. The proposer records what it serialized, so in
 * Node (where every member applies the very same string) no member parses JSON at all;
 * in a worker a member parses the entries others proposed. Bounded, and a cache of a
 * pure function: it cannot change what a run does. */
type Parsed = { readonly proposal: Proposal; readonly text: string };
const parsedByData = new Map<string, Parsed>();
const PARSED_MAX = 4096;

function remember(data: string, proposal: Proposal): Parsed {
  const hit = { proposal, text: `${describeOp(proposal.op)} #${proposal.id}` };
  if (parsedByData.size >= PARSED_MAX) parsedByData.delete(parsedByData.keys().next().value!);
  parsedByData.set(data, hit);
  return hit;
}

function parseProposal(e: Entry): Parsed {
  return parsedByData.get(e.data) ?? remember(e.data, JSON.parse(e.data) as Proposal);
}

/** "raft.MsgApp": the packet kind the UI animates, one string per message type. */
const raftKinds = new Map<string, string>();
function raftKind(type: string): string {
  let k = raftKinds.get(type);
  if (k === undefined) raftKinds.set(type, (k = `raft.${type}`));
  return k;
}

export class EtcdMember implements Process {
  readonly name = 'etcd';
  readonly ports = [PORT.etcdClient, PORT.etcdPeer];
  private readonly node: RawNode;
  private readonly storage: DiskStorage;
  private mvcc: MvccStore;
  private readonly hostOf = new Map<number, string>();
  private readonly peerEndpoint = new Map<number, { readonly host: string; readonly port: number }>();
  private readonly nameOf = new Map<number, string>();
  private readonly proposals = new Map<string, Waiter>();
  private readonly reads = new Map<string, PendingRead>();
  private seq = 0;
  /** Drawn at boot: proposal ids must not repeat across restarts (etcd's id generator
   * mixes in the boot time). An entry proposed before a crash can commit after the
   * reboot; with a counter alone its result would answer a new, unrelated request. */
  private readonly boot: string;
  private lastRole = '';
  private lastTerm = -1;
  private lastLead = 0;
  private readonly hexId: string;
  private readonly watches: WatchHub;
  private readonly requests = new SeenRequests();
  private readonly lessor: Lessor;
  private readonly membership: MembershipOps;
  /** Removed from the cluster: etcd exits ("the member has been permanently removed
   * from the cluster"); here the process stays, inert, so its card can say so. */
  private removed = false;
  /** When to propose this member's publish entry (again). */
  private publishAt = 0;

  constructor(
    private readonly spec: EtcdMemberSpec,
    private readonly rt: Runtime,
  ) {
    this.hexId = memberHexId(spec.member);
    this.boot = rt.rng.int(0, 2 ** 31).toString(36);
    this.watches = new WatchHub(rt);
    this.lessor = new Lessor(rt, Math.ceil((1.5 * spec.electionTicks * 100) / 1000));
    for (const p of spec.peers) this.learnPeer(p.id, p.name, p.host);
    this.storage = new DiskStorage(rt.disk, { voters: spec.peers.filter((p) => !p.learner).map((p) => p.id), learners: spec.peers.filter((p) => p.learner).map((p) => p.id) });
    const snap = this.storage.snapshot();
    this.mvcc = snap ? MvccStore.restore(snap.data) : new MvccStore();
    for (const [id, m] of this.mvcc.members) this.learnPeer(id, m.name, m.host);
    const cs = this.storage.initialState().confState;
    this.removed = rt.disk.get<boolean>(REMOVED) === true || (!cs.voters.includes(spec.id) && !cs.learners.includes(spec.id));
    this.membership = new MembershipOps(rt, {
      id: spec.id,
      electionMs: spec.electionTicks * 100,
      node: () => this.node,
      nameOf: this.nameOf,
      hostOf: this.hostOf,
      respond: (w, r) => this.respond(w, r),
      header: () => this.header(),
      propose: (w, cc) => this.proposeConf(w, cc),
      memberInfo: (id) => this.memberInfo(id),
    });
    this.node = new RawNode(
      {
        id: spec.id,
        peers: spec.peers.map((p) => p.id),
        electionTicks: spec.electionTicks,
        heartbeatTicks: spec.heartbeatTicks,
        preVote: true, // etcd's defaults since v3.4/v3.5
        checkQuorum: true,
        maxInflightMsgs: 512,
        maxEntriesPerMsg: 64,
        applied: snap?.meta.index ?? 0,
        randomInt: (lo, hi) => rt.rng.int(lo, hi),
        onEvent: (e) => this.onRaftEvent(e),
      },
      this.storage,
    );
    this.noteRole();
  }

  /** Records where a peer lives (a bootstrap peer or one a membership change added). */
  private learnPeer(id: number, name: string, host: string): void {
    this.hostOf.set(id, host);
    this.peerEndpoint.set(id, { host, port: PORT.etcdPeer });
    this.nameOf.set(id, name);
  }

  receive(packet: Packet): void {
    if (this.removed) {
      // The etcd process has exited: a client's connection is refused at once.
      if (packet.kind === 'etcd.request') this.rt.send(packet.src, 'etcd.response', { reqId: (packet.body as ClientRequest).reqId, ok: false, error: ERR.refused }, PORT.etcdClient);
      return;
    }
    if (packet.kind === 'etcd.removed') return this.learnRemoved();
    if (packet.kind.startsWith('raft.')) {
      const m = packet.body as Message;
      // etcd's transport answers a removed member with "the member has been permanently
      // removed from the cluster" (HTTP 410), and the removed member stops.
      if (this.mvcc.removed.has(m.from)) return this.rt.send(packet.src, 'etcd.removed', {}, PORT.etcdPeer);
      // A member that fell behind may not know a peer added since (it has not applied
      // the change yet), and that peer may lead: etcd's transport adds the sender as a
      // "remote" from the request (addRemoteFromRequest), so the answer can go back.
      if (!this.peerEndpoint.has(m.from)) this.peerEndpoint.set(m.from, { host: packet.src.host, port: PORT.etcdPeer });
      this.membership.heard(m.from);
      this.node.step(m);
    }
    else if (packet.kind === 'etcd.request') this.onRequest(packet);
    this.drain();
  }

  tick(): void {
    if (this.removed) return;
    this.node.tick();
    this.maybePublish();
    this.expire();
    this.expireLeases();
    this.drain();
    this.watches.tick(this.mvcc.rev);
  }

  // ---- the Ready loop ----

  private drain(): void {
    while (this.node.hasReady()) {
      const rd = this.node.ready();
      // Persist first: a vote or an acknowledgement must survive a crash (§5.1).
      if (rd.snapshot) {
        this.storage.applySnapshot(rd.snapshot);
        this.mvcc = MvccStore.restore(rd.snapshot.data);
        this.watches.restored(this.mvcc);
        this.rt.emit({ type: 'raft.snapshot', member: this.spec.member, index: rd.snapshot.meta.index, term: rd.snapshot.meta.term });
      }
      this.storage.append(rd.entries);
      if (rd.hardState) this.storage.setHardState(rd.hardState);
      for (const m of rd.messages) this.sendRaft(m);
      for (const e of rd.committedEntries) this.applyEntry(e);
      for (const rs of rd.readStates) {
        const r = this.reads.get(rs.context);
        if (r) r.index = rs.index;
      }
      this.node.advance();
      this.serveReads();
      this.noteRole();
    }
    this.watches.publish(this.mvcc);
    this.maybeSnapshot();
  }

  /** Keep-alive, time-to-live and list: the leader's lessor answers; a follower says it
   * is not the leader and the client tries another member. */
  private leaseQuery(op: Extract<ClientOp, { type: 'leaseKeepAlive' | 'leaseTimeToLive' | 'leaseList' }>): ClientResult {
    if (op.type === 'leaseList') return { ok: true, header: this.header(), leases: [...this.mvcc.leases.keys()].sort((a, b) => a - b) };
    if (this.node.role !== 'leader') return { ok: false, error: ERR.notLeader };
    const ttl = this.mvcc.leases.get(op.id);
    if (ttl === undefined) return { ok: false, error: ERR.leaseNotFound };
    if (op.type === 'leaseKeepAlive') this.lessor.renew(op.id, ttl);
    return { ok: true, header: this.header(), lease: { id: op.id, ttl, remaining: this.lessor.remaining(op.id), ...(op.type === 'leaseTimeToLive' && op.keys ? { keys: this.mvcc.leaseKeys(op.id) } : {}) } };
  }

  /** The leader revokes leases whose deadline passed (only the leader expires them). */
  private expireLeases(): void {
    if (this.node.role !== 'leader') return;
    for (const id of this.lessor.expired()) this.proposeOwn({ type: 'leaseRevoke', id });
  }

  /** A proposal of the member's own, nobody waiting for its answer. */
  private proposeOwn(op: ProposedOp): void {
    const proposal: Proposal = { id: `${this.spec.id}.${this.boot}.${++this.seq}`, op };
    const data = JSON.stringify(proposal);
    remember(data, proposal);
    this.node.propose(data);
  }

  /** etcd's publish: a member that joined through `member add` proposes its name and
   * client URL once it has a leader, and again after a request timeout until applied. */
  private maybePublish(): void {
    const me = this.mvcc.members.get(this.spec.id);
    if (!me || me.published || this.node.lead === 0 || this.rt.now() < this.publishAt) return;
    this.publishAt = this.rt.now() + this.spec.requestTimeoutMs;
    this.proposeOwn({ type: 'publish', member: this.spec.id, name: this.spec.member, clientURL: `https://${this.rt.host}:2379` });
  }

  /** etcd's triggerSnapshot: every snapshotCount applied entries, snapshot the state
   * machine and compact the log, keeping catchUpEntries for followers that lag. */
  private maybeSnapshot(): void {
    const count = this.spec.snapshotCount;
    if (!count) return;
    const applied = this.node.applied;
    const last = this.storage.snapshot()?.meta.index ?? 0;
    if (applied - last < count) return;
    const keep = this.spec.catchUpEntries ?? count / 2;
    this.storage.snapshotAndCompact(applied, this.mvcc.serialize(), Math.max(1, applied - keep + 1));
    this.rt.emit({ type: 'raft.note', member: this.spec.member, term: this.node.term, note: `snapshot at ${applied}` });
  }

  private sendRaft(m: Message): void {
    const dst = this.peerEndpoint.get(m.to);
    if (dst === undefined) return;
    this.rt.send(dst, raftKind(m.type), m, PORT.etcdPeer);
  }

  private applyEntry(e: Entry): void {
    let data = 'no-op';
    if (e.type === 'confchange') {
      data = this.applyConfEntry(e);
    } else if (e.data !== '') {
      const { proposal: p, text } = parseProposal(e);
      data = text;
      let result: ClientResult;
      try {
        if (p.op.type === 'compact') {
          this.mvcc.compact(p.op.revision);
          result = { ok: true, header: this.header() };
        } else if (p.op.type === 'leaseGrant') {
          this.mvcc.grantLease(p.op.id, p.op.ttl);
          this.lessor.granted(p.op.id, p.op.ttl, this.node.role === 'leader');
          result = { ok: true, header: this.header(), lease: { id: p.op.id, ttl: p.op.ttl } };
        } else if (p.op.type === 'publish') {
          const m = this.mvcc.members.get(p.op.member);
          if (m) this.mvcc.members.set(p.op.member, { ...m, published: true });
          result = { ok: true, header: this.header() };
        } else if (p.op.type === 'leaseRevoke') {
          this.lessor.revoked(p.op.id);
          this.mvcc.revokeLease(p.op.id);
          result = { ok: true, header: this.header() };
        } else {
          const response = this.mvcc.apply(p.op);
          result = { ok: true, header: this.header(), response };
        }
      } catch (err) {
        result = { ok: false, error: err instanceof MvccError ? err.message : String(err) };
      }
      const w = this.proposals.get(p.id);
      if (w) {
        this.proposals.delete(p.id);
        this.respond(w, result);
      }
    }
    this.rt.emit({ type: 'raft.apply', member: this.spec.member, index: e.index, term: e.term, data });
  }

  /** A membership change takes effect when applied (etcd applies it, not appends). */
  private applyConfEntry(e: Entry): string {
    const cc = JSON.parse(e.data) as ConfChange;
    const ctx = (cc.context ? JSON.parse(cc.context) : {}) as ConfContext;
    if (cc.type !== 'removeNode' && ctx.name && ctx.host) {
      this.learnPeer(cc.nodeId, ctx.name, ctx.host);
      this.mvcc.members.set(cc.nodeId, { name: ctx.name, host: ctx.host });
    }
    const target = this.nameOf.get(cc.nodeId) ?? `etcd-${cc.nodeId}`;
    const host = this.hostOf.get(cc.nodeId) ?? target;
    // After a restart the entries since the snapshot are applied again, but the config
    // on disk already includes them: re-applying an old change would briefly undo a
    // later one (etcd skips entries its backend has, by the consistent index).
    if (e.index > this.confIndex()) {
      this.storage.setConfState(this.node.applyConfChange(cc));
      this.rt.disk.put(CONF_INDEX, e.index);
    }
    const action = ctx.action ?? (cc.type === 'removeNode' ? 'remove' : cc.type === 'addLearner' ? 'add-learner' : 'add');
    this.rt.emit({ type: 'etcd.member', member: this.spec.member, action, target, id: cc.nodeId, host, index: e.index });
    const w = ctx.proposal !== undefined ? this.proposals.get(ctx.proposal) : undefined;
    if (w && ctx.proposal !== undefined) {
      this.proposals.delete(ctx.proposal);
      this.respond(w, { ok: true, header: this.header(), member: this.memberInfo(cc.nodeId), members: this.members() });
    }
    if (cc.type === 'removeNode') this.mvcc.removed.add(cc.nodeId);
    if (cc.type === 'removeNode' && cc.nodeId === this.spec.id) this.learnRemoved();
    return `conf ${action} ${target}`;
  }

  /** This member was removed: it stops for good (the flag survives a reboot). */
  private learnRemoved(): void {
    if (this.removed) return;
    this.removed = true;
    this.rt.disk.put(REMOVED, true);
    this.failAll(ERR.stopped);
    this.rt.emit({ type: 'raft.note', member: this.spec.member, term: this.node.term, note: 'removed from the cluster' });
  }

  private confIndex(): number {
    return this.rt.disk.get<number>(CONF_INDEX) ?? 0;
  }

  /** Proposes a membership change for a client; answered when it is applied. */
  private proposeConf(w: Waiter, cc: Omit<ConfChange, 'context'> & { readonly action: NonNullable<ConfContext['action']>; readonly meta?: { name: string; host: string } }): void {
    const proposal = `${this.spec.id}.${this.boot}.${++this.seq}`;
    const context: ConfContext = { proposal, action: cc.action, ...(cc.meta ?? {}) };
    if (!this.node.proposeConfChange({ type: cc.type, nodeId: cc.nodeId, context: JSON.stringify(context) })) return this.respond(w, { ok: false, error: ERR.noLeader });
    this.proposals.set(proposal, w);
  }

  /** Linearizable reads wait for their read index to be applied (§6.4). */
  private serveReads(): void {
    if (this.reads.size === 0) return;
    const applied = this.node.applied;
    for (const [ctx, r] of this.reads) {
      if (r.index === undefined || r.index > applied) continue;
      this.reads.delete(ctx);
      this.respond(r, this.rangeNow(r.op));
    }
  }

  private noteRole(): void {
    const s = this.node;
    if (s.role !== this.lastRole || s.term !== this.lastTerm) {
      // etcd's lessor Promote: a new leader extends every lease by its TTL; a leader that
      // steps down forgets the deadlines.
      if (s.role === 'leader' && this.lastRole !== 'leader') this.lessor.promote(this.mvcc.leases);
      if (s.role !== 'leader' && this.lastRole === 'leader') this.lessor.demote();
      this.lastRole = s.role;
      this.lastTerm = s.term;
      this.rt.emit({ type: 'raft.role', member: this.spec.member, role: s.role, term: s.term, ...(s.lead ? { lead: this.nameOf.get(s.lead) } : {}) });
    }
    if (s.lead !== this.lastLead) this.membership.leaderIs(s.lead);
    if (s.lead !== this.lastLead) {
      // etcd fails waiting reads with ErrLeaderChanged; a proposal in flight may still
      // commit, so its client learns only that the outcome is unknown.
      if (this.lastLead !== 0) this.failAll(ERR.leaderChanged);
      // Watches opened with require-leader (kube-apiserver's) end when the member loses
      // its leader, so the client moves to a member that has one.
      if (s.lead === 0) this.watches.cancelAll(ERR.noLeader, this.mvcc.rev);
      this.lastLead = s.lead;
    }
  }

  private onRaftEvent(e: RaftEvent): void {
    const m = this.spec.member;
    if (e.kind === 'vote' && e.granted) this.rt.emit({ type: 'raft.vote', member: m, for: this.nameOf.get(e.to) ?? String(e.to), term: e.term, pre: e.pre });
    else if (e.kind === 'election-timeout') this.rt.emit({ type: 'raft.note', member: m, term: e.term, note: 'election-timeout' });
    else if (e.kind === 'checkquorum-stepdown') this.rt.emit({ type: 'raft.note', member: m, term: e.term, note: 'checkquorum' });
    else if (e.kind === 'transfer-aborted') this.rt.emit({ type: 'raft.note', member: m, term: e.term, note: 'transfer-aborted' });
  }

  // ---- the client API (:2379) ----

  private onRequest(packet: Packet): void {
    const req = packet.body as ClientRequest;
    if (this.requests.repeat(`${packet.src.host}:${packet.src.port}/${req.reqId}`)) return;
    const w: Waiter = { src: packet.src, reqId: req.reqId, deadline: this.rt.now() + this.spec.requestTimeoutMs };
    const op = req.op;
    const refused = requestLimitError(op);
    if (refused) return this.respond(w, { ok: false, error: refused });
    if (op.type === 'status') return this.respond(w, { ok: true, header: this.header(), status: this.statusInfo() });
    if (op.type === 'memberList') return this.respond(w, { ok: true, header: this.header(), members: this.members() });
    if (op.type === 'snapshot') return this.respond(w, { ok: true, header: this.header(), snapshot: this.mvcc.blob(this.spec.member) });
    if (op.type === 'range' && (op.serializable || this.spec.inject === 'stale-reads')) return this.respond(w, this.rangeNow(op));
    if (op.type === 'cancelWatch') {
      this.watches.cancel(packet.src, op.watchId);
      return this.respond(w, { ok: true, header: this.header() });
    }
    // kube-apiserver and etcdctl's watch ask for a leader (require-leader): without
    // one, the member answers at once instead of letting the request hang.
    if (this.node.lead === 0) return this.respond(w, { ok: false, error: ERR.noLeader });
    if (op.type === 'watch') {
      this.respond(w, { ok: true, header: this.header() });
      this.watches.open(packet.src, op, this.mvcc);
      return;
    }
    if (op.type === 'range') {
      const ctx = `${this.spec.id}.${this.boot}.r${++this.seq}`;
      this.reads.set(ctx, { ...w, op });
      this.node.readIndex(ctx);
      return;
    }
    if (op.type === 'leaseKeepAlive' || op.type === 'leaseTimeToLive' || op.type === 'leaseList') return this.respond(w, this.leaseQuery(op));
    if (op.type === 'memberAdd' || op.type === 'memberRemove' || op.type === 'memberPromote' || op.type === 'moveLeader') return this.membership.handle(w, op, this.members());
    const id = `${this.spec.id}.${this.boot}.${++this.seq}`;
    // A new lease's id is drawn by the member that proposes it (etcd: from its id
    // generator); a TTL below the minimum (1.5 × the election timeout) is raised to it.
    const proposal: Proposal = op.type === 'leaseGrant' ? { id, op: { type: 'leaseGrant', id: this.lessor.newId(), ttl: Math.max(op.ttl, this.lessor.minTtl) } } : { id, op };
    const data = JSON.stringify(proposal);
    remember(data, proposal);
    if (!this.node.propose(data)) return this.respond(w, { ok: false, error: ERR.noLeader });
    this.proposals.set(id, w);
  }

  private rangeNow(op: ClientOp & { type: 'range' }): ClientResult {
    try {
      return { ok: true, header: this.header(), response: { type: 'range', ...this.mvcc.range(op) } };
    } catch (err) {
      return { ok: false, error: err instanceof MvccError ? err.message : String(err) };
    }
  }

  private respond(w: Waiter, result: ClientResult): void {
    this.rt.send(w.src, 'etcd.response', { reqId: w.reqId, ...result }, PORT.etcdClient);
  }

  private expire(): void {
    const now = this.rt.now();
    this.membership.expire(now);
    for (const waiting of [this.proposals, this.reads] as Map<string, Waiter>[]) {
      for (const [k, w] of waiting) {
        if (w.deadline > now) continue;
        waiting.delete(k);
        this.respond(w, { ok: false, error: ERR.timeout });
      }
    }
  }

  private failAll(error: string): void {
    for (const w of this.proposals.values()) this.respond(w, { ok: false, error });
    for (const w of this.reads.values()) this.respond(w, { ok: false, error });
    this.proposals.clear();
    this.reads.clear();
  }

  private header() {
    return { revision: this.mvcc.rev, raftTerm: this.node.term, memberId: this.hexId };
  }

  private members(): MemberInfo[] {
    const cs = this.node.status().confState;
    return [...cs.voters, ...cs.learners].map((id) => this.memberInfo(id, cs.learners.includes(id)));
  }

  private memberInfo(id: number, isLearner = this.node.status().confState.learners.includes(id)): MemberInfo {
    const name = this.nameOf.get(id) ?? `etcd-${id}`;
    const host = this.hostOf.get(id) ?? name;
    // Added but not yet published: etcd knows only its peer URL (`member add` does not
    // send the name), so `member list` prints it as unstarted with no name.
    const meta = this.mvcc.members.get(id);
    const unstarted = meta !== undefined && !meta.published;
    return { id: memberHexId(name), name: unstarted ? '' : name, peerURLs: [`https://${host}:2380`], clientURLs: unstarted ? [] : [`https://${host}:2379`], isLearner };
  }

  private statusInfo() {
    const s = this.node.status();
    return {
      endpoint: `${this.rt.host}:2379`,
      id: memberHexId(this.spec.member),
      version: ETCD_VERSION,
      dbSize: this.mvcc.dbSizeBytes(),
      leader: s.lead ? memberHexId(this.nameOf.get(s.lead) ?? '') : '0',
      isLearner: s.confState.learners.includes(this.spec.id),
      raftTerm: s.term,
      raftIndex: s.commit,
      raftAppliedIndex: s.applied,
      errors: [],
    };
  }

  view(): EtcdMemberView {
    return memberView(this.node, {
      member: this.spec.member,
      id: this.spec.id,
      nameOf: this.nameOf,
      snapshotIndex: this.storage.snapshot()?.meta.index ?? 0,
      revision: this.mvcc.rev,
      keys: this.mvcc.size,
      removed: this.removed,
    });
  }
}
