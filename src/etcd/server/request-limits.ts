// What etcd's gRPC layer refuses before a request reaches Raft (etcdserver/api/v3rpc
// key.go checks and the server's size limit), with rpctypes' texts: an empty key, a
// txn of more than --max-txn-ops operations, a request over --max-request-bytes, a
// lease TTL over the lessor's MaxLeaseTTL.

import type { ClientOp, RequestOp } from '../types';

/** --max-txn-ops default. */
export const MAX_TXN_OPS = 128;
/** --max-request-bytes default: 1.5 MiB. */
export const MAX_REQUEST_BYTES = 1.5 * 1024 * 1024;
/** lease.MaxLeaseTTL, seconds. */
export const MAX_LEASE_TTL_S = 9_000_000_000;

export const LIMIT_ERR = {
  emptyKey: 'etcdserver: key is not provided',
  tooManyOps: 'etcdserver: too many operations in txn request',
  tooLarge: 'etcdserver: request is too large',
  ttlTooLarge: 'etcdserver: too large lease TTL',
} as const;

function opError(op: RequestOp): string | undefined {
  switch (op.type) {
    case 'range':
    case 'put':
    case 'deleteRange':
      return op.key === '' ? LIMIT_ERR.emptyKey : undefined;
    case 'txn': {
      if (op.compare.length > MAX_TXN_OPS || op.success.length > MAX_TXN_OPS || op.failure.length > MAX_TXN_OPS) return LIMIT_ERR.tooManyOps;
      for (const c of op.compare) if (c.key === '') return LIMIT_ERR.emptyKey;
      // Two loops, not a spread of both lists: every write the apiservers send is a txn.
      for (const inner of op.success) {
        const e = opError(inner);
        if (e) return e;
      }
      for (const inner of op.failure) {
        const e = opError(inner);
        if (e) return e;
      }
      return undefined;
    }
  }
}

/** Bytes of the request's strings (keys and values), as the marshalled protobuf is
 * dominated by them. Counted in UTF-16 units times one: close enough for ASCII keys,
 * and an upper bound matters only near 1.5 MiB. */
function requestBytes(op: RequestOp): number {
  switch (op.type) {
    case 'put':
      return op.key.length + op.value.length;
    case 'range':
    case 'deleteRange':
      return op.key.length + (op.rangeEnd?.length ?? 0);
    case 'txn': {
      let n = 0;
      for (const c of op.compare) n += c.key.length + (typeof c.value === 'string' ? c.value.length : 8);
      for (const inner of op.success) n += requestBytes(inner);
      for (const inner of op.failure) n += requestBytes(inner);
      return n;
    }
  }
}

/** The error etcd answers at once for `op`, or undefined when it may go on. */
export function requestLimitError(op: ClientOp): string | undefined {
  if (op.type === 'leaseGrant') return op.ttl > MAX_LEASE_TTL_S ? LIMIT_ERR.ttlTooLarge : undefined;
  if (op.type !== 'range' && op.type !== 'put' && op.type !== 'deleteRange' && op.type !== 'txn') return undefined;
  return opError(op) ?? (requestBytes(op) > MAX_REQUEST_BYTES ? LIMIT_ERR.tooLarge : undefined);
}
