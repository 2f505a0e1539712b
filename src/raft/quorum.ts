// The quorum-th highest value among the voters (etcd-io/raft's quorum.MajorityConfig
// CommittedIndex): the commit index over the voters' matches, the confirmed position
// over their read acks. Leaders compute it on every acknowledgement, so it works in one
// scratch array instead of spreading, mapping and sorting new arrays each time (and
// takes maps, not a callback: no closure per call either).

import type { NodeId } from './types';

/** Reused by every call (they are synchronous and never nested). */
const scratch: number[] = [];

/** Inserts `v` into the descending `scratch[0..n)`; returns the new count. Voter sets
 * are small (3–7): insertion beats a sort. */
function insert(n: number, v: number): number {
  let j = n;
  while (j > 0 && scratch[j - 1]! < v) {
    scratch[j] = scratch[j - 1]!;
    j--;
  }
  scratch[j] = v;
  return n + 1;
}

/** `sorted[quorum - 1] ?? 0` over the `n` values in scratch. */
function pick(n: number, quorum: number): number {
  return quorum >= 1 && quorum <= n ? scratch[quorum - 1]! : 0;
}

/** The highest index a quorum of voters has matched (a voter without progress: 0). */
export function quorumMatch(voters: ReadonlySet<NodeId>, quorum: number, prs: ReadonlyMap<NodeId, { readonly match: number }>): number {
  let n = 0;
  for (const id of voters) n = insert(n, prs.get(id)?.match ?? 0);
  return pick(n, quorum);
}

/** The highest position a quorum of voters has acknowledged (none: 0). */
export function quorumAck(voters: ReadonlySet<NodeId>, quorum: number, acks: ReadonlyMap<NodeId, number>): number {
  let n = 0;
  for (const id of voters) n = insert(n, acks.get(id) ?? 0);
  return pick(n, quorum);
}
