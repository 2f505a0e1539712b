// Short words for entries and requests: what the trace's raft.apply `data`, the member's
// log view and the event log print. Identical on every member for the same entry.

import type { Entry } from '../../raft/types';
import { leaseHex } from '../ids';
import type { RequestOp } from '../types';

const MAX_VALUE_CHARS = 24;

function short(v: string): string {
  return v.length > MAX_VALUE_CHARS ? `${v.slice(0, MAX_VALUE_CHARS)}…` : v;
}

export type ProposedOp = RequestOp | { readonly type: 'compact'; readonly revision: number } | { readonly type: 'leaseGrant'; readonly id: number; readonly ttl: number } | { readonly type: 'leaseRevoke'; readonly id: number }
  /** A member added by `member add` announces its name and client URL once it runs. */
  | { readonly type: 'publish'; readonly member: number; readonly name: string; readonly clientURL: string };

export function describeOp(op: ProposedOp): string {
  switch (op.type) {
    case 'leaseGrant':
      return `lease grant ${leaseHex(op.id)} ttl=${op.ttl}s`;
    case 'leaseRevoke':
      return `lease revoke ${leaseHex(op.id)}`;
    case 'publish':
      return `publish ${op.name} ${op.clientURL}`;
    case 'put':
      return `put ${op.key}=${short(op.value)}`;
    case 'deleteRange':
      return op.rangeEnd ? `del ${op.key}…` : `del ${op.key}`;
    case 'range':
      return `get ${op.key}`;
    case 'compact':
      return `compact ${op.revision}`;
    case 'txn': {
      const c = op.compare[0];
      const then = op.success.map(describeOp).join(', ');
      return c ? `txn if ${c.target.toLowerCase()}(${c.key})${c.result}${short(String(c.value))} then ${then}` : `txn ${then}`;
    }
  }
}

/** The member's log view: "put k1=v3", "no-op", "conf addNode 4". */
export function entryText(e: Entry): string {
  const data = e.data;
  if (e.type === 'confchange') {
    const cc = (typeof data === 'string' ? JSON.parse(data) : data) as { type: string; nodeId: number };
    return `conf ${cc.type} ${cc.nodeId}`;
  }
  if (data === '') return 'no-op';
  // A client write's entry carries its proposal as an object (proposal.ts).
  if (typeof data !== 'string') return describeOp((data as { op: ProposedOp }).op);
  try {
    return describeOp((JSON.parse(data) as { op: RequestOp }).op);
  } catch {
    return short(data);
  }
}
