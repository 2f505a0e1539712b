// Deletes that reach Kubernetes' objects straight through etcd (`etcdctl del
// /registry/pods/… --prefix`) are traced as the apiserver traces its own: contracts.md
// §3 says pod.deleted fires "whoever deleted it". The apiserver deletes with a txn
// (If mod_revision == rv Then delete) and traces that itself, so only a plain
// DeleteRange is looked at here. Kubernetes' key layout (realism.md: pods under
// /registry/pods/<ns>/<name>) is all this file knows of Kubernetes.

import type { TraceBody } from '../../protocol/trace';
import { inRange, type MvccStore } from './mvcc';

const PODS = '/registry/pods/';

/** Could [key, rangeEnd) hold a key under `prefix`? */
function overlaps(prefix: string, key: string, rangeEnd: string | undefined): boolean {
  if (rangeEnd === undefined || rangeEnd === '') return key.startsWith(prefix);
  // The range reaches prefix's first key and starts before the prefix's end.
  const reaches = rangeEnd === '\0' || rangeEnd > prefix;
  return reaches && (key < prefix || key.startsWith(prefix));
}

/** The contract's pod.deleted events for the pods a DeleteRange is about to remove
 * (call before applying it: the store still has the keys). */
export function registryDeletes(mvcc: MvccStore, key: string, rangeEnd: string | undefined): TraceBody[] {
  if (!overlaps(PODS, key, rangeEnd)) return [];
  const out: TraceBody[] = [];
  for (const kv of mvcc.range({ key, ...(rangeEnd !== undefined ? { rangeEnd } : {}), keysOnly: true }).kvs) {
    if (!inRange(kv.key, key, rangeEnd) || !kv.key.startsWith(PODS)) continue;
    const pod = kv.key.slice(PODS.length); // "<ns>/<name>"
    if (pod.split('/').length === 2) out.push({ type: 'pod.deleted', pod });
  }
  return out;
}
