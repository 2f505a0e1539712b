// The client API on :2379 of one member (etcd's etcdserver/v3_server.go): what a
// request turns into — an answer at once (status, member list, a serializable range),
// a watch, a linearizable read through ReadIndex, a lease query, a Cluster API call,
// or a proposal whose answer waits for its entry to apply (member.ts's Ready loop).

import type { RawNode } from '../../raft/rawnode';
import type { Packet } from '../../sim/packet';
import type { Runtime } from '../../sim/process';
import { SeenRequests } from '../../sim/seen-requests';
import { ERR, type ClientOp, type ClientRequest, type ClientResult, type MemberInfo, type ResponseHeader, type StatusInfo } from '../types';
import { leaseQuery } from './applier';
import type { Lessor } from './lessor';
import type { EtcdMemberSpec } from './member-spec';
import type { MembershipOps } from './membership';
import { MvccError, type MvccStore } from './mvcc';
import { proposalData, type Proposal } from './proposal';
import { requestLimitError } from './request-limits';
import type { Waiter } from './waiter';
import type { WaitingRequests } from './waiting-requests';
import type { WatchHub } from './watch-hub';

/** The member's parts the client API reads or drives. */
export interface V3ServerHost {
  readonly rt: Runtime;
  readonly spec: EtcdMemberSpec;
  readonly waiting: WaitingRequests;
  readonly watches: WatchHub;
  readonly lessor: Lessor;
  readonly membership: MembershipOps;
  node(): RawNode;
  /** The state machine: replaced when a snapshot is applied, so read it each time. */
  mvcc(): MvccStore;
  /** A proposal's or a read's id, unique across restarts. */
  nextRequestId(prefix?: string): string;
  header(): ResponseHeader;
  members(): MemberInfo[];
  statusInfo(): StatusInfo;
}

export class V3Server {
  /** A retried request (same connection, same id) is answered once. */
  private readonly requests = new SeenRequests();

  constructor(private readonly m: V3ServerHost) {}

  onRequest(packet: Packet): void {
    const m = this.m;
    const req = packet.body as ClientRequest;
    if (this.requests.repeat(packet.src.host, packet.src.port, undefined, req.reqId)) return;
    const w: Waiter = { src: packet.src, reqId: req.reqId, deadline: m.rt.now() + m.spec.requestTimeoutMs };
    const op = req.op;
    const refused = requestLimitError(op);
    if (refused) return m.waiting.respond(w, { ok: false, error: refused });
    if (op.type === 'status') return m.waiting.respond(w, { ok: true, header: m.header(), status: m.statusInfo() });
    if (op.type === 'memberList') return m.waiting.respond(w, { ok: true, header: m.header(), members: m.members() });
    if (op.type === 'snapshot') return m.waiting.respond(w, { ok: true, header: m.header(), snapshot: m.mvcc().blob(m.spec.member) });
    if (op.type === 'range' && (op.serializable || m.spec.inject === 'stale-reads')) return m.waiting.respond(w, this.rangeNow(op));
    if (op.type === 'cancelWatch') {
      m.watches.cancel(packet.src, op.watchId);
      return m.waiting.respond(w, { ok: true, header: m.header() });
    }
    const node = m.node();
    // kube-apiserver and etcdctl's watch ask for a leader (require-leader): without
    // one, the member answers at once instead of letting the request hang.
    if (node.lead === 0) return m.waiting.respond(w, { ok: false, error: ERR.noLeader });
    if (op.type === 'watch') {
      m.waiting.respond(w, { ok: true, header: m.header() });
      m.watches.open(packet.src, op, m.mvcc());
      return;
    }
    if (op.type === 'range') {
      const ctx = m.nextRequestId('r');
      m.waiting.reads.set(ctx, { ...w, op });
      node.readIndex(ctx);
      return;
    }
    if (op.type === 'leaseKeepAlive' || op.type === 'leaseTimeToLive' || op.type === 'leaseList') return m.waiting.respond(w, leaseQuery(op, { mvcc: m.mvcc(), lessor: m.lessor, isLeader: node.role === 'leader', header: () => m.header() }));
    if (op.type === 'memberAdd' || op.type === 'memberRemove' || op.type === 'memberPromote' || op.type === 'moveLeader') return m.membership.handle(w, op, m.members());
    const id = m.nextRequestId();
    // A new lease's id is drawn by the member that proposes it (etcd: from its id
    // generator); a TTL below the minimum (1.5 × the election timeout) is raised to it.
    const proposal: Proposal = op.type === 'leaseGrant' ? { id, op: { type: 'leaseGrant', id: m.lessor.newId(), ttl: Math.max(op.ttl, m.lessor.minTtl) } } : { id, op };
    if (!node.propose(proposalData(proposal))) return m.waiting.respond(w, { ok: false, error: ERR.noLeader });
    m.waiting.proposals.set(id, w);
  }

  /** A range on the applied state, now: a serializable read, or a linearizable one
   * whose read index has been applied. */
  rangeNow(op: ClientOp & { type: 'range' }): ClientResult {
    try {
      return { ok: true, header: this.m.header(), response: { type: 'range', ...this.m.mvcc().range(op) } };
    } catch (err) {
      return { ok: false, error: err instanceof MvccError ? err.message : String(err) };
    }
  }
}
