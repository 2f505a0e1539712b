// Which way a stacked master's apiserver ↔ etcd traffic went in a frame. Both run on the
// same machine, so their packets go from the host to itself: the graph's message dots
// (which travel between cards) cannot show them, the arrow inside the card does.

import type { PacketView } from '../../protocol/frames';

export interface LocalEtcdTraffic {
  /** kube-apiserver → etcd: a range, txn, lease or watch request. */
  readonly request: boolean;
  /** etcd → kube-apiserver: an answer or a watch event. */
  readonly answer: boolean;
  /** The newest packet id seen: pass it back as `after` for the next frame. */
  readonly last: number;
}

/** The traffic between `host` and itself in `packets`, counting only packets newer than
 * `after`: a frame also carries packets still in flight that an earlier frame showed. */
export function localEtcdTraffic(packets: readonly PacketView[], host: string, after: number): LocalEtcdTraffic {
  if (packets.length === 0) return { request: false, answer: false, last: after };
  let newest = -1;
  for (const p of packets) newest = Math.max(newest, p.id);
  // Ids only grow within a run; smaller ones mean a new run started.
  const since = newest < after ? -1 : after;
  let request = false;
  let answer = false;
  for (const p of packets) {
    if (p.id <= since || p.from !== host || p.to !== host) continue;
    if (p.kind === 'etcd.request') request = true;
    else if (p.kind === 'etcd.response' || p.kind === 'etcd.watch') answer = true;
  }
  return { request, answer, last: Math.max(newest, since) };
}
