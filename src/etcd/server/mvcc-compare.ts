// A txn's compare (etcd's mvcc compare: VERSION, CREATE, MOD, LEASE, VALUE against =,
// !=, >, <), apart from mvcc.ts's store: it reads only the key's latest version.

import type { Compare, KeyValue } from '../types';

/** Whether a txn's compare holds against `kv`, the key's latest version (undefined: no
 * such key). etcd compares against a missing key as version 0, create/mod revision 0. */
export function compareHolds(c: Compare, kv: KeyValue | undefined): boolean {
  let actual: number | string;
  switch (c.target) {
    case 'VERSION':
      actual = kv?.version ?? 0;
      break;
    case 'CREATE':
      actual = kv?.createRevision ?? 0;
      break;
    case 'MOD':
      actual = kv?.modRevision ?? 0;
      break;
    case 'LEASE':
      actual = kv?.lease ?? 0;
      break;
    case 'VALUE':
      if (!kv) return false; // etcd: a value compare on a missing key is false
      actual = kv.value;
      break;
  }
  const want = c.value;
  switch (c.result) {
    case '=':
      return actual === want;
    case '!=':
      return actual !== want;
    case '>':
      return actual > want;
    case '<':
      return actual < want;
  }
}
