// Puts a stream's messages back in order. A watch stream is ordered in the real systems
// (gRPC and HTTP over TCP) but the simulated network may reorder packets, so each
// stream message carries a sequence number (1, 2, 3…) and the receiver delivers them in
// that order, holding the ones that overtook a late one. A lost message stalls the
// stream; the clients' silence timeouts then open a new one, as a broken TCP
// connection would.

export interface StreamState<M> {
  /** The next sequence number to deliver. */
  next: number;
  readonly early: Map<number, M>;
}

export function newStream<M>(): StreamState<M> {
  return { next: 1, early: new Map() };
}

/** Delivers `msg` and any held messages that follow it, in order; `deliver` returns
 * false to stop (the stream ended). */
export function receiveInOrder<M extends { readonly seq: number }>(s: StreamState<M>, msg: M, deliver: (m: M) => boolean): void {
  if (msg.seq !== s.next) {
    if (msg.seq > s.next) s.early.set(msg.seq, msg);
    return;
  }
  for (let m: M | undefined = msg; m; m = s.early.get(s.next)) {
    s.early.delete(m.seq);
    s.next = m.seq + 1;
    if (!deliver(m)) return;
  }
}
