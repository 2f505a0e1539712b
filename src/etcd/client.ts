// A clientv3-like etcd client, used inside other processes (the KV workload and the
// console now; kube-apiserver next). It sends requests to one endpoint at a time and
// moves to the next one when a member has no leader or does not answer in time, as
// clientv3's balancer does. Callbacks, not Promises: everything stays on the sim clock.

import type { Packet } from '../sim/packet';
import { PORT } from '../sim/packet';
import type { Runtime } from '../sim/process';
import { ERR, type ClientOp, type ClientRequest, type ClientResponse, type ClientResult } from './types';

export type ResultCallback = (r: ClientResult, endpoint: string) => void;

interface InFlight {
  readonly cb: ResultCallback;
  readonly deadline: number;
  readonly endpoint: string;
}

export class EtcdClient {
  private current: number;
  private nextReqId = 1;
  private readonly inflight = new Map<number, InFlight>();

  constructor(
    private readonly rt: Runtime,
    /** Host names of the members (port 2379). */
    readonly endpoints: readonly string[],
    /** Client-side deadline (etcdctl's --command-timeout is 5 s). */
    private readonly timeoutMs: number,
    private readonly srcPort: number,
  ) {
    this.current = endpoints.length > 0 ? rt.rng.int(0, endpoints.length) : 0;
  }

  get endpoint(): string {
    return this.endpoints[this.current] ?? '';
  }

  get pending(): number {
    return this.inflight.size;
  }

  /** Sends op to `endpoint` (a host) or the current one. */
  request(op: ClientOp, cb: ResultCallback, endpoint?: string): number {
    const host = endpoint ?? this.endpoint;
    const reqId = this.nextReqId++;
    this.inflight.set(reqId, { cb, deadline: this.rt.now() + this.timeoutMs, endpoint: host });
    this.rt.send({ host, port: PORT.etcdClient }, 'etcd.request', { reqId, op } satisfies ClientRequest, this.srcPort);
    return reqId;
  }

  /** Returns true when the packet was an answer to this client. */
  receive(packet: Packet): boolean {
    if (packet.kind !== 'etcd.response') return false;
    const r = packet.body as ClientResponse;
    const f = this.inflight.get(r.reqId);
    if (!f) return true; // an answer after our deadline: already reported
    this.inflight.delete(r.reqId);
    if (!r.ok && r.error === ERR.noLeader) this.failover(f.endpoint);
    f.cb(r.ok ? r : { ok: false, error: r.error }, f.endpoint);
    return true;
  }

  tick(): void {
    const now = this.rt.now();
    for (const [id, f] of this.inflight) {
      if (f.deadline > now) continue;
      this.inflight.delete(id);
      this.failover(f.endpoint);
      f.cb({ ok: false, error: ERR.deadline }, f.endpoint);
    }
  }

  private failover(from: string): void {
    if (this.endpoint === from && this.endpoints.length > 1) this.current = (this.current + 1) % this.endpoints.length;
  }
}
