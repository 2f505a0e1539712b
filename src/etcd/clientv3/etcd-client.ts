// A clientv3-like etcd client, used inside other processes (the KV workload, the
// console, kube-apiserver). Two ways to pick an endpoint:
// - 'sticky' (the console, the apiserver): one endpoint at a time, moving to the next
//   when a member has no leader or does not answer in time;
// - 'round-robin' (the KV workload): what clientv3 does since v3.4 — gRPC's round_robin
//   balancer sends each RPC to the next connection that is ready, skips a connection in
//   transient failure until its reconnect backoff ends, and clientv3's retry interceptor
//   retries a read (an immutable RPC) on Unavailable — "no leader" included — through
//   the balancer, hence on the next endpoint, after a short wait; a write is retried only
//   when it never reached a server (balancer.ts, retry_interceptor.go).
// Callbacks, not Promises: everything stays on the sim clock.

import type { Packet } from '../../sim/packet';
import { PORT } from '../../sim/packet';
import type { Runtime } from '../../sim/process';
import { ERR, type ClientOp, type ClientRequest, type ClientResponse, type ClientResult, type WatchEvent, type WatchResponse } from '../types';
import { PROGRESS_MS } from '../server/watch-hub';
import { newStream, receiveInOrder, type StreamState } from '../../sim/ordered-stream';
import { Timers } from '../../sim/timers';

export interface WatchHandler {
  onEvents(events: readonly WatchEvent[], revision: number): void;
  /** The watch ended (member lost its leader, compacted start, stream silent, member
   * said no): open a new one. */
  onCancel(reason: string, compactRevision?: number): void;
}

interface OpenWatch {
  readonly handler: WatchHandler;
  readonly endpoint: string;
  lastHeard: number;
  readonly stream: StreamState<WatchResponse>;
}

/** clientv3's retry interceptor waits this long between two attempts
 * (defaultBackoffWaitBetween, jitter 10 %). */
const RETRY_WAIT_MS = 25;
/** gRPC's reconnect backoff for a connection in transient failure: 1 s, ×1.6 per
 * failure, at most 120 s, ±20 % jitter. */
const RECONNECT_BASE_MS = 1_000;
const RECONNECT_MAX_MS = 120_000;

export type Balance = 'sticky' | 'round-robin';

/** A watch stream that heard nothing (not even progress) for this long is dead. */
const WATCH_SILENCE_MS = 3 * PROGRESS_MS;

export type ResultCallback = (r: ClientResult, endpoint: string) => void;

interface InFlight {
  readonly cb: ResultCallback;
  readonly deadline: number;
  readonly endpoint: string;
  readonly op: ClientOp;
  /** Sent to the endpoint the caller named: never moved to another. */
  readonly pinned: boolean;
}

interface Backoff {
  readonly readyAt: number;
  readonly ms: number;
}

export class EtcdClient {
  private current: number;
  /** Request and watch ids start at a random point per boot: an answer addressed to this
   * port before a reboot must not match a request of the new life. */
  private nextReqId: number;
  private readonly inflight = new Map<number, InFlight>();
  private readonly watches = new Map<number, OpenWatch>();
  private nextWatchId: number;

  constructor(
    private readonly rt: Runtime,
    /** Host names of the members (port 2379). */
    endpoints: readonly string[],
    /** Client-side deadline (etcdctl's --command-timeout is 5 s). */
    private readonly timeoutMs: number,
    private readonly srcPort: number,
    private readonly balance: Balance = 'sticky',
  ) {
    this.list = [...endpoints];
    this.current = endpoints.length > 0 ? rt.rng.int(0, endpoints.length) : 0;
    this.nextReqId = 1 + rt.rng.int(0, 2 ** 31) * 1024;
    this.nextWatchId = 1 + rt.rng.int(0, 2 ** 31) * 1024;
  }

  private readonly list: string[];

  /** Host names of the members (port 2379). */
  get endpoints(): readonly string[] {
    return this.list;
  }

  /** A member added since (etcdctl member add names its host). */
  addEndpoint(host: string): void {
    if (!this.list.includes(host)) this.list.push(host);
  }

  get endpoint(): string {
    return this.endpoints[this.current] ?? '';
  }

  get pending(): number {
    return this.inflight.size;
  }

  /** Round-robin: connections in transient failure, until their backoff ends. */
  private readonly backoff = new Map<string, Backoff>();

  /** Sends op to `endpoint` (a host), or the one the balancer picks. */
  request(op: ClientOp, cb: ResultCallback, endpoint?: string): number {
    return this.send(op, cb, endpoint ?? this.pick(), this.rt.now() + this.timeoutMs, endpoint !== undefined);
  }

  /** Sticky: the current endpoint. Round-robin: the next ready one after the last pick
   * (all in backoff: the next one anyway — the RPC then fails or waits there). */
  private pick(): string {
    if (this.balance === 'sticky' || this.list.length === 0) return this.endpoint;
    const now = this.rt.now();
    for (let i = 1; i <= this.list.length; i++) {
      const at = (this.current + i) % this.list.length;
      if ((this.backoff.get(this.list[at]!)?.readyAt ?? 0) <= now) {
        this.current = at;
        return this.list[at]!;
      }
    }
    this.current = (this.current + 1) % this.list.length;
    return this.endpoint;
  }

  /** Round-robin: a connection found broken (refused, or silent past the deadline) is
   * skipped until its reconnect backoff ends; each failure in a row backs off longer. */
  private connectionFailed(host: string): void {
    if (this.balance !== 'round-robin') return;
    const prev = this.backoff.get(host);
    const ms = prev ? Math.min(RECONNECT_MAX_MS, prev.ms * 1.6) : RECONNECT_BASE_MS;
    const jitter = 1 + (this.rt.rng.float() * 0.4 - 0.2);
    this.backoff.set(host, { readyAt: this.rt.now() + Math.round(ms * jitter), ms });
  }

  private send(op: ClientOp, cb: ResultCallback, host: string, deadline: number, pinned: boolean): number {
    const reqId = this.nextReqId++;
    this.inflight.set(reqId, { cb, deadline, endpoint: host, op, pinned });
    this.rt.send({ host, port: PORT.etcdClient }, 'etcd.request', { reqId, op } satisfies ClientRequest, this.srcPort);
    return reqId;
  }

  /** Connects the way a fresh etcdctl does: gRPC dials every endpoint at once and picks
   * among those that answer, so a dead member is skipped instead of eating the whole
   * command timeout. The first member to answer becomes the current endpoint; `cb` gets
   * false when none answers within `dialTimeoutMs` (etcdctl's --dial-timeout, 2 s). */
  dial(dialTimeoutMs: number, cb: (connected: boolean) => void): void {
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      cb(ok);
    };
    for (const host of this.endpoints) {
      this.request({ type: 'status' }, (r) => {
        if (!r.ok || done) return;
        this.current = this.endpoints.indexOf(host);
        finish(true);
      }, host);
    }
    this.timers.at(this.rt.now() + dialTimeoutMs, () => finish(false));
  }

  private readonly timers = new Timers();

  /** Opens a watch on [key, rangeEnd) from startRevision (0 = now) on the current
   * endpoint; returns its id. */
  watch(key: string, rangeEnd: string | undefined, startRevision: number, handler: WatchHandler): number {
    const watchId = this.nextWatchId++;
    const endpoint = this.endpoint;
    this.watches.set(watchId, { handler, endpoint, lastHeard: this.rt.now(), stream: newStream() });
    this.request(
      { type: 'watch', watchId, key, ...(rangeEnd !== undefined ? { rangeEnd } : {}), startRevision, prevKv: true },
      (r) => {
        if (r.ok || !this.watches.has(watchId)) return;
        this.watches.delete(watchId);
        handler.onCancel(r.error);
      },
      endpoint,
    );
    return watchId;
  }

  cancelWatch(watchId: number): void {
    const w = this.watches.get(watchId);
    if (!w) return;
    this.watches.delete(watchId);
    this.request({ type: 'cancelWatch', watchId }, () => {}, w.endpoint);
  }

  /** Returns true when the packet was an answer to this client. */
  receive(packet: Packet): boolean {
    if (packet.kind === 'etcd.watch') {
      const first = packet.body as WatchResponse;
      const w = this.watches.get(first.watchId);
      if (!w) return true;
      w.lastHeard = this.rt.now();
      receiveInOrder(w.stream, first, (r) => {
        if (r.events.length > 0) w.handler.onEvents(r.events, r.revision);
        if (r.canceled) {
          this.watches.delete(r.watchId);
          if (r.cancelReason === ERR.noLeader) this.failover(w.endpoint);
          w.handler.onCancel(r.cancelReason ?? 'canceled', r.compactRevision);
        }
        return this.watches.has(first.watchId);
      });
      return true;
    }
    if (packet.kind !== 'etcd.response') return false;
    const r = packet.body as ClientResponse;
    const f = this.inflight.get(r.reqId);
    if (!f) return true; // an answer after our deadline: already reported
    this.inflight.delete(r.reqId);
    if (r.ok) this.backoff.delete(f.endpoint);
    if (!r.ok && r.error === ERR.refused) {
      // Never reached a server: safe to send elsewhere, within the same deadline.
      this.failover(f.endpoint);
      this.connectionFailed(f.endpoint);
      const next = this.balance === 'round-robin' ? this.pick() : this.endpoint;
      if (!f.pinned && next !== f.endpoint) {
        this.send(f.op, f.cb, next, f.deadline, false);
        return true;
      }
    }
    if (!r.ok && r.error === ERR.noLeader) {
      this.failover(f.endpoint);
      // clientv3 retries an immutable RPC on Unavailable ("no leader" is one), through
      // the balancer: the next endpoint, after a short wait, within the same deadline.
      const wait = Math.round(RETRY_WAIT_MS * (0.9 + this.rt.rng.float() * 0.2));
      if (this.balance === 'round-robin' && !f.pinned && f.op.type === 'range' && this.rt.now() + wait < f.deadline) {
        this.timers.at(this.rt.now() + wait, () => this.send(f.op, f.cb, this.pick(), f.deadline, false));
        return true;
      }
    }
    f.cb(r.ok ? r : { ok: false, error: r.error }, f.endpoint);
    return true;
  }

  tick(): void {
    const now = this.rt.now();
    this.timers.run(now);
    for (const [id, f] of this.inflight) {
      if (f.deadline > now) continue;
      this.inflight.delete(id);
      this.failover(f.endpoint);
      this.connectionFailed(f.endpoint);
      f.cb({ ok: false, error: ERR.deadline }, f.endpoint);
    }
    for (const [id, w] of this.watches) {
      if (now - w.lastHeard < WATCH_SILENCE_MS) continue;
      this.watches.delete(id);
      this.failover(w.endpoint);
      w.handler.onCancel('watch stream lost');
    }
  }

  private failover(from: string): void {
    if (this.endpoint === from && this.endpoints.length > 1) this.current = (this.current + 1) % this.endpoints.length;
  }
}
