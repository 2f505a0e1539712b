// Client requests a member holds until it can answer: proposals until their entry
// applies, linearizable reads until their read index is applied (§6.4). Each answer
// goes back as one "etcd.response" packet carrying the request's id.

import { PORT } from '../../sim/packet';
import type { Runtime } from '../../sim/process';
import { ERR, type ClientOp, type ClientResponse, type ClientResult } from '../types';
import type { Waiter } from './waiter';

export interface PendingRead extends Waiter {
  readonly op: ClientOp & { type: 'range' };
  /** Set once the leader confirmed the read index. */
  index?: number;
}

export class WaitingRequests {
  /** By proposal id (the entry's or the conf change's). */
  readonly proposals = new Map<string, Waiter>();
  /** By read-index context. */
  readonly reads = new Map<string, PendingRead>();

  constructor(private readonly rt: Runtime) {}

  respond(w: Waiter, result: ClientResult): void {
    this.rt.send(w.src, 'etcd.response', responseBody(w.reqId, result), PORT.etcdClient);
  }

  /** The proposal `id` applied: its client (if it waits here) gets the result. */
  answer(id: string, result: ClientResult | (() => ClientResult)): void {
    const w = this.proposals.get(id);
    if (!w) return;
    this.proposals.delete(id);
    this.respond(w, typeof result === 'function' ? result() : result);
  }

  readIndexConfirmed(context: string, index: number): void {
    const r = this.reads.get(context);
    if (r) r.index = index;
  }

  /** Linearizable reads wait for their read index to be applied (§6.4). */
  serveReads(applied: number, rangeNow: (op: PendingRead['op']) => ClientResult): void {
    if (this.reads.size === 0) return;
    for (const [ctx, r] of this.reads) {
      if (r.index === undefined || r.index > applied) continue;
      this.reads.delete(ctx);
      this.respond(r, rangeNow(r.op));
    }
  }

  /** Requests past their deadline answer "request timed out". */
  expire(now: number): void {
    for (const waiting of [this.proposals, this.reads] as Map<string, Waiter>[]) {
      for (const [k, w] of waiting) {
        if (w.deadline > now) continue;
        waiting.delete(k);
        this.respond(w, { ok: false, error: ERR.timeout });
      }
    }
  }

  failAll(error: string): void {
    for (const w of this.proposals.values()) this.respond(w, { ok: false, error });
    for (const w of this.reads.values()) this.respond(w, { ok: false, error });
    this.proposals.clear();
    this.reads.clear();
  }
}

/** `{ reqId, ...result }` (same keys, same order) copied key by key: a spread after a
 * literal key takes V8's generic copy, slow with the results' many shapes (one per
 * answered request). */
function responseBody(reqId: number, result: ClientResult): ClientResponse {
  const body: Record<string, unknown> = { reqId };
  for (const k in result) body[k] = (result as Record<string, unknown>)[k];
  return body as unknown as ClientResponse;
}
