// Applying a committed client entry to the state machine (etcd's applierV3): MVCC
// writes, compaction, lease grant and revoke, a member's publish. The same entry gives
// the same result on every member. And the lease queries, which only the leader's
// lessor answers (they read the replicated leases and the leader's deadlines).

import { ERR, type ClientOp, type ClientResult, type ResponseHeader } from '../types';
import type { ProposedOp } from './entry-text';
import type { Lessor } from './lessor';
import { MvccError, type MvccStore } from './mvcc';

export interface ApplyContext {
  readonly mvcc: MvccStore;
  readonly lessor: Lessor;
  /** Only the leader's lessor tracks deadlines. */
  readonly isLeader: boolean;
  header(): ResponseHeader;
}

export function applyProposal(op: ProposedOp, x: ApplyContext): ClientResult {
  try {
    if (op.type === 'compact') {
      x.mvcc.compact(op.revision);
      return { ok: true, header: x.header() };
    } else if (op.type === 'leaseGrant') {
      x.mvcc.grantLease(op.id, op.ttl);
      x.lessor.granted(op.id, op.ttl, x.isLeader);
      return { ok: true, header: x.header(), lease: { id: op.id, ttl: op.ttl } };
    } else if (op.type === 'publish') {
      const m = x.mvcc.members.get(op.member);
      if (m) x.mvcc.members.set(op.member, { ...m, published: true });
      return { ok: true, header: x.header() };
    } else if (op.type === 'leaseRevoke') {
      x.lessor.revoked(op.id);
      x.mvcc.revokeLease(op.id);
      return { ok: true, header: x.header() };
    }
    // The header carries the revision after the write: apply first.
    const response = x.mvcc.apply(op);
    return { ok: true, header: x.header(), response };
  } catch (err) {
    return { ok: false, error: err instanceof MvccError ? err.message : String(err) };
  }
}

/** applyProposal's changes without its result, for a member with no client waiting
 * for this entry: what etcd's applier does on every member, minus the response that
 * only the member holding the request sends back. */
export function applyUnanswered(op: ProposedOp, x: ApplyContext): void {
  if (op.type === 'compact' || op.type === 'leaseGrant' || op.type === 'publish' || op.type === 'leaseRevoke') {
    applyProposal(op, x);
    return;
  }
  try {
    x.mvcc.write(op);
  } catch {
    // applyProposal's error answer, which nobody here would get.
  }
}

/** Keep-alive, time-to-live and list: the leader's lessor answers; a follower says it
 * is not the leader and the client tries another member. */
export function leaseQuery(op: Extract<ClientOp, { type: 'leaseKeepAlive' | 'leaseTimeToLive' | 'leaseList' }>, x: ApplyContext): ClientResult {
  if (op.type === 'leaseList') return { ok: true, header: x.header(), leases: [...x.mvcc.leases.keys()].sort((a, b) => a - b) };
  if (!x.isLeader) return { ok: false, error: ERR.notLeader };
  const ttl = x.mvcc.leases.get(op.id);
  if (ttl === undefined) return { ok: false, error: ERR.leaseNotFound };
  if (op.type === 'leaseKeepAlive') x.lessor.renew(op.id, ttl);
  return { ok: true, header: x.header(), lease: { id: op.id, ttl, remaining: x.lessor.remaining(op.id), ...(op.type === 'leaseTimeToLive' && op.keys ? { keys: x.mvcc.leaseKeys(op.id) } : {}) } };
}
