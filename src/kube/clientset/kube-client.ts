// A client-go-like client for kube-apiserver, used inside processes (kubelet, scheduler,
// controllers, kube-proxy, kubectl). Requests and watches go to one server endpoint —
// the load balancer, or the local apiserver for the control plane's own components, as
// kubeadm configures them. Callbacks, not Promises: everything stays on the sim clock.
// A connection reset by the load balancer fails what is in flight and ends every
// watch. A connection that goes quiet is checked as client-go's HTTP/2 transport checks
// it (kubernetes#95981): after ReadIdleTimeout without a frame the client pings, and a
// ping not answered within PingTimeout closes the connection, which ends its watches.
// The check is per connection, not per watch: an idle watch costs nothing on the wire
// (the apiserver's BOOKMARKs come about once a minute, cacher.go's bookmark frequency).

import type { ClientRateView } from '../../protocol/kube-views';
import type { Endpoint, Packet } from '../../sim/packet';
import { newStream, receiveInOrder, type StreamState } from '../../sim/ordered-stream';
import type { Runtime } from '../../sim/process';
import type { ResourceName } from '../api/resources';
import type { KubeRequest, KubeResponse, KubeResult, KubeWatchEvent, ListOptions, Status } from '../api/wire';
import type { ClientLimits } from './client-limits';
import { ThrottledClient } from './throttled-client';
import { CLIENT_TIMEOUT, EOF, requestMethod, requestUrl, transportStatus } from './transport-errors';

export type KubeCall = Omit<KubeRequest, 'reqId' | 'conn' | 'agent'>;

/** What informers, recorders, electors and controllers talk through: the transport
 * itself (no limiter) or one of its rate-limited clientsets (ThrottledClient). */
export interface ApiClient {
  /** Requests asked so far: a caller can tell whether a step of its own asked any. */
  readonly sent: number;
  request(call: KubeCall, cb: (r: KubeResult) => void): void;
  watch(resource: ResourceName, namespace: string | undefined, options: ListOptions | undefined, handler: WatchHandler): number;
  stopWatch(watchId: number): void;
}

/** client-go logs a wait longer than this at the default verbosity (through a logger
 * that speaks at most once every 10 s per process): extraLongThrottleLatency and
 * globalThrottledLogger in rest/request.go. */
const LONG_WAIT_MS = 1000;
const LONG_WAIT_LOG_EVERY_MS = 10_000;

export interface WatchHandler {
  onEvent(ev: KubeWatchEvent): void;
  /** The watch ended without an ERROR event (reset, silence, refused). */
  onEnd(reason: string): void;
}

interface Pending {
  readonly cb: (r: KubeResult) => void;
  /** What was asked, for the url.Error of a transport failure. */
  readonly call: KubeCall;
  readonly deadline: number;
}

interface OpenWatch {
  readonly handler: WatchHandler;
  readonly stream: StreamState<KubeWatchEvent>;
  /** The stream holds messages behind a lost one (counted in KubeClient.gaps). */
  gap: boolean;
  /** The load balancer's connection it was opened on, once its answer or a message
   * came (KubeClient.conn). */
  conn: number | undefined;
}

/** client-go's HTTP/2 health check, ReadIdleTimeout 30 s + PingTimeout 15 s
 * (k8s.io/apimachinery/pkg/util/net/http.go, kubernetes#95981): the silence budget a
 * profile gives (45 s real, 8 s in the classroom) is split in the same 2 : 1. */
export function healthCheckTimes(silenceMs: number): { readonly readIdleMs: number; readonly pingTimeoutMs: number } {
  const readIdleMs = Math.round((silenceMs * 2) / 3);
  return { readIdleMs, pingTimeoutMs: silenceMs - readIdleMs };
}

/** What a watch's handler hears when the health check closed the connection (the
 * reflector's "http2: client connection lost", kubernetes#121793). */
export const CONNECTION_LOST = 'http2: client connection lost';

/** What a caller gets when the connection broke, or nothing answered in time (no URL:
 * request() gives its own with the call's). */
export const EOF_STATUS: Status = transportStatus(EOF, { host: 'lb', port: 6443 });
export const TIMEOUT_STATUS: Status = transportStatus(CLIENT_TIMEOUT, { host: 'lb', port: 6443 });

export class KubeClient implements ApiClient {
  /** Starts at a random point per boot: an answer or watch event addressed to this port
   * before a reboot must not match a request of the new life. */
  private nextId: number;
  private readonly pending = new Map<number, Pending>();
  private readonly watches = new Map<number, OpenWatch>();
  /** The health check's two timeouts (healthCheckTimes). */
  private readonly readIdleMs: number;
  private readonly pingTimeoutMs: number;
  /** When the connection last gave a frame the client could read: any response, pong
   * or watch message. Not while a watch stream holds messages behind a lost one: TCP
   * delivers nothing past a missing segment (head-of-line blocking), so such a
   * connection reads as silent and the health check ends it. */
  private lastHeard: number;
  /** The health check's ping in flight, when it was sent. */
  private pingSentAt: number | undefined;
  /** Watch streams with a gap (OpenWatch.gap). */
  private gaps = 0;
  /** The load balancer's id of this client's connection, as its answers carry it
   * (undefined straight to an apiserver). A real client would get a reset from a
   * balancer that restarted; here the balancer pins a fresh connection, and the
   * changed id tells the client that the watches on the old one are gone. */
  private conn: number | undefined;

  constructor(
    private readonly rt: Runtime,
    readonly server: Endpoint,
    private readonly srcPort: number,
    readonly agent: string,
    private readonly timeoutMs: number,
    /** A connection with open watches that gives nothing to read for this long (the
     * health check's read-idle time, then its ping's timeout) is closed. */
    watchSilenceMs: number,
    /** The error a request that timed out fails with (transport-errors.ts): client-go's
     * request timeout, or for kubectl, which sets none, the TLS handshake's. */
    private readonly timeoutCause: string = CLIENT_TIMEOUT,
  ) {
    this.nextId = 1 + rt.rng.int(0, 2 ** 31) * 1024;
    ({ readIdleMs: this.readIdleMs, pingTimeoutMs: this.pingTimeoutMs } = healthCheckTimes(watchSilenceMs));
    this.lastHeard = rt.now();
  }

  /** Requests sent so far: a caller can tell whether a step of its own sent any. */
  sent = 0;
  /** The rate-limited clientsets over this transport, in the order they were made. */
  private readonly clientsets: ThrottledClient[] = [];
  private lastLongWaitLog = -Infinity;

  /** A clientset of its own over this connection, with client-go's limiter built from
   * `limits` (undefined: QPS < 0, none). */
  clientset(name: string, limits: ClientLimits | undefined): ThrottledClient {
    const c = new ThrottledClient(this.rt, this, name, limits);
    this.clientsets.push(c);
    return c;
  }

  /** Drops a clientset: its waiting requests are never sent. */
  dropClientset(c: ThrottledClient): void {
    c.close();
    const i = this.clientsets.indexOf(c);
    if (i >= 0) this.clientsets.splice(i, 1);
  }

  /** The clientsets that had to wait, for the component's view. */
  rateViews(): ClientRateView[] | undefined {
    let out: ClientRateView[] | undefined;
    for (const c of this.clientsets) {
      const v = c.view();
      if (v) (out ??= []).push(v);
    }
    return out;
  }

  /** A request a clientset held back `waitedMs` for its token goes out now; a long
   * wait is logged as client-go logs it (its 1.31 text). */
  sendThrottled(client: string, waitedMs: number, call: KubeCall, cb: (r: KubeResult) => void): void {
    const now = this.rt.now();
    if (waitedMs > LONG_WAIT_MS && now - this.lastLongWaitLog >= LONG_WAIT_LOG_EVERY_MS) {
      this.lastLongWaitLog = now;
      const message = `Waited for ${goDuration(waitedMs)} due to client-side throttling, not priority and fairness, request: ${requestMethod(call.verb).toUpperCase()}:${requestUrl(this.server, call)}`;
      this.rt.emit({ type: 'client.throttled', machine: this.rt.host, process: this.agent.split('/')[0] ?? this.agent, client, waitedMs, message });
    }
    this.request(call, cb);
  }

  /** No clientset's first waiting request has its token before this time (lowered by
   * every request that has to wait), so the packets and ticks before it need not ask
   * each clientset: kube-controller-manager has about twenty, and asking them all on
   * every input was 2 % of the 100-worker rollout. */
  private releaseAt = Infinity;

  /** A clientset holds a request back until `at`. */
  noteWaiting(at: number): void {
    if (at < this.releaseAt) this.releaseAt = at;
  }

  private releaseWaiting(): void {
    const now = this.rt.now();
    if (now < this.releaseAt) return;
    for (const c of this.clientsets) c.release(now);
    let next = Infinity;
    for (const c of this.clientsets) next = Math.min(next, c.nextRelease());
    this.releaseAt = next;
  }

  request(call: KubeCall, cb: (r: KubeResult) => void): number {
    this.sent++;
    const reqId = this.nextId++;
    this.pending.set(reqId, { cb, call, deadline: this.rt.now() + this.timeoutMs });
    this.rt.send(this.server, 'kube.request', { ...call, reqId, agent: this.agent } satisfies KubeRequest, this.srcPort);
    return reqId;
  }

  watch(resource: ResourceName, namespace: string | undefined, options: ListOptions | undefined, handler: WatchHandler): number {
    const reqId = this.nextId++;
    // The first watch of a quiet client starts the health check afresh (it pings only
    // while watches are open: requests have their own deadlines), forgetting a ping
    // sent while the last watches were ending.
    if (this.watches.size === 0) {
      this.lastHeard = this.rt.now();
      this.pingSentAt = undefined;
    }
    this.watches.set(reqId, { handler, stream: newStream(), gap: false, conn: undefined });
    this.pending.set(reqId, {
      call: { verb: 'watch', resource, ...(namespace ? { namespace } : {}) },
      deadline: this.rt.now() + this.timeoutMs,
      cb: (r) => {
        const w = this.watches.get(reqId);
        if (r.ok && w) w.conn ??= this.conn;
        if (r.ok || !this.dropWatch(reqId)) return;
        handler.onEnd(r.status.message);
      },
    });
    const call: KubeRequest = { reqId, verb: 'watch', resource, agent: this.agent, ...(namespace ? { namespace } : {}), ...(options ? { options } : {}) };
    this.rt.send(this.server, 'kube.request', call, this.srcPort);
    return reqId;
  }

  stopWatch(watchId: number): void {
    if (!this.dropWatch(watchId)) return;
    this.rt.send(this.server, 'kube.request', { reqId: watchId, verb: 'unwatch', agent: this.agent } satisfies KubeRequest, this.srcPort);
  }

  /** True when the packet was for this client. */
  receive(packet: Packet): boolean {
    this.releaseWaiting();
    switch (packet.kind) {
      case 'kube.response': {
        this.heard();
        const r = packet.body as KubeResponse;
        const p = this.pending.get(r.reqId);
        if (!p) return true;
        this.pending.delete(r.reqId);
        if (r.conn !== this.conn) this.connectionIs(r.conn);
        p.cb(r);
        return true;
      }
      case 'kube.watch': {
        const first = packet.body as KubeWatchEvent;
        const w = this.watches.get(first.watchId);
        if (!w) {
          this.heard();
          return true;
        }
        if (first.conn !== this.conn) this.connectionIs(first.conn);
        w.conn ??= first.conn;
        receiveInOrder(w.stream, first, (ev) => {
          if (ev.type === 'ERROR') this.dropWatch(ev.watchId);
          w.handler.onEvent(ev);
          return this.watches.has(first.watchId);
        });
        if (this.watches.get(first.watchId) === w && w.gap !== w.stream.early.size > 0) {
          w.gap = !w.gap;
          this.gaps += w.gap ? 1 : -1;
        }
        this.heard();
        return true;
      }
      case 'kube.pong': {
        const conn = (packet.body as { conn?: number }).conn;
        if (conn !== this.conn) this.connectionIs(conn);
        this.heard();
        return true;
      }
      case 'kube.reset':
        this.reset('connection reset by the load balancer');
        return true;
      default:
        return false;
    }
  }

  tick(): void {
    this.releaseWaiting();
    const now = this.rt.now();
    // Every deadline is now + timeoutMs when sent, so the map (in send order) is in
    // deadline order: the first that has not passed ends the scan (this runs every tick).
    if (this.pending.size > 0) {
      for (const [id, p] of this.pending) {
        if (p.deadline > now) break;
        this.pending.delete(id);
        p.cb({ ok: false, status: transportStatus(this.timeoutCause, this.server, p.call) });
      }
    }
    if (this.watches.size === 0) return;
    if (this.pingSentAt === undefined) {
      if (now - this.lastHeard < this.readIdleMs) return;
      this.pingSentAt = now;
      this.rt.send(this.server, 'kube.ping', {}, this.srcPort);
    } else if (now - this.pingSentAt >= this.pingTimeoutMs) this.connectionLost(now);
  }

  /** A frame the client can read arrived: the connection is alive, and a ping in
   * flight counts as answered (its ACK cannot overtake what was sent before it). */
  private heard(): void {
    if (this.gaps > 0) return;
    this.lastHeard = this.rt.now();
    this.pingSentAt = undefined;
  }

  /** The ping went unanswered: the connection is closed and its watches end. Each is
   * also stopped at the server (its unwatch), in case only this client's end was deaf
   * (a stream stalled behind a lost message). Requests in flight keep their own
   * deadlines. */
  private connectionLost(now: number): void {
    this.pingSentAt = undefined;
    this.lastHeard = now;
    const ended = [...this.watches];
    for (const [id] of ended) this.stopWatch(id);
    this.gaps = 0;
    this.conn = undefined;
    for (const [, w] of ended) w.handler.onEnd(CONNECTION_LOST);
  }

  /** An answer came on another connection than the last one (only through a load
   * balancer that restarted, or re-pinned a client after a reset): the watches opened
   * on the old one are gone, as a real client would learn from the old one's reset. */
  private connectionIs(conn: number | undefined): void {
    const old = this.conn;
    this.conn = conn;
    if (old === undefined || conn === undefined) return;
    const gone = [...this.watches].filter(([, w]) => w.conn === old);
    for (const [id] of gone) this.dropWatch(id);
    for (const [, w] of gone) w.handler.onEnd(CONNECTION_LOST);
  }

  /** Forgets a watch; false when it was not open. */
  private dropWatch(watchId: number): boolean {
    const w = this.watches.get(watchId);
    if (!w) return false;
    this.watches.delete(watchId);
    if (w.gap) this.gaps--;
    return true;
  }

  /** The earliest time tick() would do anything: a waiting request's token, the
   * first request deadline (the map is in deadline order), the health check. */
  nextDue(): number {
    let due = this.releaseAt;
    if (this.pending.size > 0) {
      const first = this.pending.values().next().value!.deadline;
      if (first < due) due = first;
    }
    if (this.watches.size > 0) {
      const check = this.pingSentAt === undefined ? this.lastHeard + this.readIdleMs : this.pingSentAt + this.pingTimeoutMs;
      if (check < due) due = check;
    }
    return due;
  }

  private reset(reason: string): void {
    const pending = [...this.pending.values()];
    const watches = [...this.watches.values()];
    this.pending.clear();
    this.watches.clear();
    this.gaps = 0;
    this.pingSentAt = undefined;
    this.lastHeard = this.rt.now();
    this.conn = undefined;
    for (const p of pending) p.cb({ ok: false, status: transportStatus(EOF, this.server, p.call) });
    for (const w of watches) w.handler.onEnd(reason);
  }
}

/** A duration as Go's time.Duration prints it, to the millisecond: 850ms, 1s, 1.05s. */
export function goDuration(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  if (ms < 60_000) return `${ms / 1000}s`;
  const m = Math.floor(ms / 60_000);
  return `${m}m${(ms - m * 60_000) / 1000}s`;
}
