// One etcd member (etcd server): Raft (src/raft) on the machine's disk, the MVCC store
// as its state machine, and the client API on :2379. Peers talk Raft on :2380; every
// Raft message is one packet whose kind names its type ("raft.MsgApp"), which is what
// the UI animates.
//
// Here: the Ready loop and applying entries. Beside it, along etcd's seams: the client
// API (v3-server.ts), role and leader changes (role-changes.ts), applying a client
// entry and the lease queries (applier.ts), waiting requests
// (waiting-requests.ts), the Cluster API and leader transfer (membership.ts), lease
// deadlines (lessor.ts), watches (watch-hub.ts), the data dir (data-dir.ts), member
// list / status (member-info.ts), the UI's picture (member-view.ts).

import type { EtcdMemberView } from '../../protocol/frames';
import { memberView } from './member-view';
import { RawNode } from '../../raft/rawnode';
import { ContextReadOnly } from '../../raft/testing/context-read-only';
import type { ConfChange, Entry, Message } from '../../raft/types';
import { PORT, SEND_FAILED, type Packet } from '../../sim/packet';
import type { Process, Runtime } from '../../sim/process';
import { DiskStorage } from './disk-storage';
import { memberHexId } from '../ids';
import type { ProposedOp } from './entry-text';
import { MvccStore } from './mvcc';
import { ERR, type ClientRequest, type ClientResult, type MemberInfo } from '../types';
import { WatchHub } from './watch-hub';
import { applyProposal, applyUnanswered, type ApplyContext } from './applier';
import { raftEventTrace, raftKind } from './raft-trace';
import { parseProposal, proposalData, type Proposal } from './proposal';
import type { Waiter } from './waiter';
import { WaitingRequests, type PendingRead } from './waiting-requests';
import { Lessor } from './lessor';
import { MembershipOps, type ConfContext } from './membership';
import { CONF_INDEX, REMOVED } from './data-dir';
import type { EtcdMemberSpec } from './member-spec';
import { memberInfo, statusInfo, type MemberNames } from './member-info';
import { registryDeletes } from './registry-deletes';
import { PeriodicCompactor } from './compactor';
import { V3Server } from './v3-server';
import { RoleChanges } from './role-changes';
import { isStreamBody, StartupTicks, STREAM_DIAL, STREAM_OK, type Advance } from './tick-advance';

export type { EtcdMemberSpec } from './member-spec';

export class EtcdMember implements Process {
  readonly name = 'etcd';
  readonly ports = [PORT.etcdClient, PORT.etcdPeer];
  private readonly node: RawNode;
  private readonly storage: DiskStorage;
  private mvcc: MvccStore;
  private readonly hostOf = new Map<number, string>();
  private readonly peerEndpoint = new Map<number, { readonly host: string; readonly port: number }>();
  private readonly nameOf = new Map<number, string>();
  /** Client requests waiting for their entry to apply or their read index. */
  private readonly waiting: WaitingRequests;
  private seq = 0;
  /** Drawn at boot: proposal ids must not repeat across restarts (etcd's id generator
   * mixes in the boot time). An entry proposed before a crash can commit after the
   * reboot; with a counter alone its result would answer a new, unrelated request. */
  private readonly boot: string;
  private readonly hexId: string;
  private readonly watches: WatchHub;
  private readonly lessor: Lessor;
  private readonly compactor: PeriodicCompactor | undefined;
  private readonly membership: MembershipOps;
  private readonly v3: V3Server;
  private readonly roles: RoleChanges;
  /** Removed from the cluster: etcd exits ("the member has been permanently removed
   * from the cluster"); here the process stays, inert, so its card can say so. */
  private removed = false;
  /** When to propose this member's publish entry (again). */
  private publishAt = 0;
  /** Sim ms of the last Raft tick: the card interpolates the election timer from it. */
  private tickAt: number;
  /** etcd's initial election tick advance at start (tick-advance.ts). */
  private readonly startupTicks: StartupTicks;

  constructor(
    private readonly spec: EtcdMemberSpec,
    private readonly rt: Runtime,
  ) {
    this.hexId = memberHexId(spec.member);
    this.boot = rt.rng.int(0, 2 ** 31).toString(36);
    this.watches = new WatchHub(rt);
    this.waiting = new WaitingRequests(rt);
    this.lessor = new Lessor(rt, Math.ceil((1.5 * spec.electionTicks * 100) / 1000));
    this.tickAt = rt.now();
    this.compactor = spec.autoCompactionRetentionMs ? new PeriodicCompactor(spec.autoCompactionRetentionMs, rt.now()) : undefined;
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
      respond: (w, r) => this.waiting.respond(w, r),
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
        onEvent: (e) => raftEventTrace(e, spec.member, this.nameOf, rt),
        ...(spec.inject === 'read-index-context-acks' ? { readOnly: () => new ContextReadOnly() } : {}),
      },
      this.storage,
    );
    const parts = { rt, waiting: this.waiting, watches: this.watches, lessor: this.lessor, membership: this.membership, node: () => this.node, mvcc: () => this.mvcc };
    this.v3 = new V3Server({
      ...parts,
      spec,
      nextRequestId: (prefix) => this.nextRequestId(prefix),
      header: () => this.header(),
      members: () => this.members(),
      statusInfo: () => this.statusInfo(),
    });
    this.roles = new RoleChanges({ ...parts, member: spec.member, nameOf: this.nameOf });
    this.noteRole();
    this.startupTicks = new StartupTicks({
      rt,
      id: spec.id,
      electionTicks: spec.electionTicks,
      members: cs.voters.length + cs.learners.length,
      enabled: spec.initialElectionTickAdvance ?? true,
      peers: () => this.peerEndpoint,
      removed: (id) => this.mvcc.removed.has(id),
      advance: (a) => this.advanceTicks(a),
    });
    if (!this.removed) this.startupTicks.start();
  }

  /** etcd's raftNode.advanceTicks: that many Raft ticks at once. */
  private advanceTicks(a: Advance): void {
    this.rt.emit({ type: 'raft.note', member: this.spec.member, term: this.node.term, note: a.note });
    for (let i = 0; i < a.ticks; i++) this.node.tick();
    this.drain();
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
    if (packet.kind === STREAM_DIAL || packet.kind === STREAM_OK) return this.startupTicks.receive(packet);
    if (packet.kind === SEND_FAILED) return isStreamBody(packet.body) ? undefined : this.sendFailed(packet.body as Message);
    if (packet.kind.startsWith('raft.')) {
      const m = packet.body as Message;
      // etcd's transport answers a removed member with "the member has been permanently
      // removed from the cluster" (HTTP 410), and the removed member stops. It goes by the
      // connection's sender (X-Server-From): a removed member's message that a live one
      // passes on (a MsgReadIndex a former leader forwards) is refused and dropped
      // (EtcdServer.Process), and the live forwarder is not told it was removed.
      if (this.mvcc.removed.has(m.from)) {
        if (this.hostOf.get(m.from) === packet.src.host) this.rt.send(packet.src, 'etcd.removed', {}, PORT.etcdPeer);
        return;
      }
      // A member that fell behind may not know a peer added since (it has not applied
      // the change yet), and that peer may lead: etcd's transport adds the sender as a
      // "remote" from the request (addRemoteFromRequest), so the answer can go back.
      if (!this.peerEndpoint.has(m.from)) this.peerEndpoint.set(m.from, { host: packet.src.host, port: PORT.etcdPeer });
      this.membership.heard(m.from);
      this.node.step(m);
    }
    else if (packet.kind === 'etcd.request') this.v3.onRequest(packet);
    this.drain();
  }

  tick(): void {
    if (this.removed) return;
    const compactTo = this.compactor?.tick(this.rt.now(), this.mvcc.rev, this.node.role === 'leader');
    if (compactTo !== undefined && compactTo > this.mvcc.compactRev) this.proposeOwn({ type: 'compact', revision: compactTo });
    this.tickAt = this.rt.now();
    this.startupTicks.tick();
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
      // Indexed loops: for…of here allocated an iterator result per step (the loop runs
      // for every message and entry of every member).
      const { messages, committedEntries, readStates } = rd;
      for (let i = 0; i < messages.length; i++) this.sendRaft(messages[i]!);
      // The role change before the applies (etcd handles rd.SoftState before it hands
      // committedEntries to the applier): a single-member leader commits its no-op in
      // the same step that elects it, and the trace must show the election first.
      this.roles.noteRoleChange();
      for (let i = 0; i < committedEntries.length; i++) this.applyEntry(committedEntries[i]!);
      for (let i = 0; i < readStates.length; i++) this.waiting.readIndexConfirmed(readStates[i]!.context, readStates[i]!.index);
      this.node.advance();
      this.waiting.serveReads(this.node.applied, this.rangeNow);
      this.noteRole();
    }
    this.watches.publish(this.mvcc);
    this.maybeSnapshot();
  }

  /** The leader revokes leases whose deadline passed (only the leader expires them). */
  private expireLeases(): void {
    if (this.node.role !== 'leader') return;
    for (const id of this.lessor.expired()) this.proposeOwn({ type: 'leaseRevoke', id });
  }

  /** A proposal's or a read's id: unique across restarts (see boot). */
  private nextRequestId(prefix = ''): string {
    return `${this.spec.id}.${this.boot}.${prefix}${++this.seq}`;
  }

  /** A proposal of the member's own, nobody waiting for its answer. */
  private proposeOwn(op: ProposedOp): void {
    const proposal: Proposal = { id: this.nextRequestId(), op };
    this.node.propose(proposalData(proposal));
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
    this.storage.snapshotAndCompact(applied, this.mvcc.sharedState(), Math.max(1, applied - keep + 1));
    this.rt.emit({ type: 'raft.note', member: this.spec.member, term: this.node.term, note: `snapshot at ${applied}` });
  }

  private sendRaft(m: Message): void {
    const dst = this.peerEndpoint.get(m.to);
    if (dst === undefined) return;
    this.rt.send(dst, raftKind(m.type), m, PORT.etcdPeer);
  }

  /** What etcd's transport tells Raft when a message did not get through: the peer is
   * unreachable (a leader stops pipelining to it and probes), and a snapshot that did
   * not arrive failed (the leader sends it again instead of waiting forever). */
  private sendFailed(m: Message): void {
    this.node.reportUnreachable(m.to);
    if (m.type === 'MsgSnap') this.node.reportSnapshot(m.to, 'failure');
    this.drain();
  }

  private applyEntry(e: Entry): void {
    let data = 'no-op';
    if (e.type === 'confchange') {
      data = this.applyConfEntry(e);
    } else if (e.data !== '') {
      const p = parseProposal(e);
      data = p.text;
      // Traced once, by the member that took the request (replays after a restart
      // have no waiter), at the moment the delete takes effect.
      if (this.waiting.proposals.has(p.id)) {
        const traced = p.op.type === 'deleteRange' ? registryDeletes(this.mvcc, p.op.key, p.op.rangeEnd) : [];
        const result = applyProposal(p.op, this.applyContext);
        for (const ev of traced) this.rt.emit(ev);
        this.waiting.answer(p.id, result);
      } else applyUnanswered(p.op, this.applyContext);
    }
    this.rt.emitStamped({ t: this.rt.now(), type: 'raft.apply', member: this.spec.member, index: e.index, term: e.term, data });
  }

  /** A membership change takes effect when applied (etcd applies it, not appends). */
  private applyConfEntry(e: Entry): string {
    const cc = (typeof e.data === 'string' ? JSON.parse(e.data) : e.data) as ConfChange;
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
    if (ctx.proposal !== undefined) this.waiting.answer(ctx.proposal, () => ({ ok: true, header: this.header(), member: this.memberInfo(cc.nodeId), members: this.members() }));
    if (cc.type === 'removeNode') this.mvcc.removed.add(cc.nodeId);
    if (cc.type === 'removeNode' && cc.nodeId === this.spec.id) this.learnRemoved();
    return `conf ${action} ${target}`;
  }

  /** This member was removed: it stops for good (the flag survives a reboot). */
  private learnRemoved(): void {
    if (this.removed) return;
    this.removed = true;
    this.rt.disk.put(REMOVED, true);
    this.waiting.failAll(ERR.stopped);
    this.rt.emit({ type: 'raft.note', member: this.spec.member, term: this.node.term, note: 'removed from the cluster' });
  }

  private confIndex(): number {
    return this.rt.disk.get<number>(CONF_INDEX) ?? 0;
  }

  /** Proposes a membership change for a client; answered when it is applied. */
  private proposeConf(w: Waiter, cc: Omit<ConfChange, 'context'> & { readonly action: NonNullable<ConfContext['action']>; readonly meta?: { name: string; host: string } }): void {
    const proposal = this.nextRequestId();
    const context: ConfContext = { proposal, action: cc.action, ...(cc.meta ?? {}) };
    if (!this.node.proposeConfChange({ type: cc.type, nodeId: cc.nodeId, context: JSON.stringify(context) })) return this.waiting.respond(w, { ok: false, error: ERR.noLeader });
    this.waiting.proposals.set(proposal, w);
  }

  private noteRole(): void {
    this.roles.noteRoleChange();
    this.roles.noteLeaderChange();
  }

  private expire(): void {
    const now = this.rt.now();
    this.membership.expire(now);
    this.waiting.expire(now);
  }

  private header() {
    return { revision: this.mvcc.rev, raftTerm: this.node.term, memberId: this.hexId };
  }

  /** What applying an entry reads, as one object for the member's life (the store is
   * read through a getter: a snapshot replaces it). A fresh literal with a closure per
   * applied entry was garbage on every member for every entry. */
  private readonly applyContext: ApplyContext = (() => {
    const self = this; // eslint-disable-line @typescript-eslint/no-this-alias -- getters read the member's current state
    return {
      get mvcc() {
        return self.mvcc;
      },
      get lessor() {
        return self.lessor;
      },
      get isLeader() {
        return self.node.role === 'leader';
      },
      header: () => self.header(),
    };
  })();

  /** A confirmed linearizable read, answered now (bound once: it is handed over after
   * every Ready). */
  private readonly rangeNow = (op: PendingRead['op']): ClientResult => this.v3.rangeNow(op);

  private members(): MemberInfo[] {
    const cs = this.node.status().confState;
    return [...cs.voters, ...cs.learners].map((id) => this.memberInfo(id, cs.learners.includes(id)));
  }

  private memberInfo(id: number, isLearner = this.node.status().confState.learners.includes(id)): MemberInfo {
    return memberInfo(id, isLearner, this.names());
  }

  private statusInfo() {
    return statusInfo(this.node.status(), this.rt.host, this.spec, this.names());
  }

  private names(): MemberNames {
    return { nameOf: this.nameOf, hostOf: this.hostOf, mvcc: this.mvcc };
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
      tickAt: this.tickAt,
    });
  }
}
