// One clientset with its own client-side rate limiter, as client-go builds one per
// rest.Config: a request takes a token from the client's bucket first
// (Request.tryThrottle, before the request's timeout starts: "We don't want a
// throttled client to return timeouts to callers before it makes a single request")
// and, when none is left, waits for it in FIFO order. Watches are not limited
// (Request.Watch: "We specifically don't want to rate limit watches"); an informer's
// LIST is an ordinary request and is.
//
// Several such clients share their process's transport (KubeClient: its connection,
// its request ids), as clientsets built from one config share client-go's cached
// transport. A waiting request is held here, not on the wire, and goes out at the
// first input (tick or packet) at or after its token's time: the sim's timer idiom,
// one comparison per client when nothing is due.

import type { ClientRateView } from '../../protocol/kube-views';
import type { Runtime } from '../../sim/process';
import type { ResourceName } from '../api/resources';
import type { KubeResult, ListOptions } from '../api/wire';
import type { ClientLimits } from './client-limits';
import type { ApiClient, KubeCall, KubeClient, WatchHandler } from './kube-client';
import { TokenBucket } from './token-bucket';

interface Waiting {
  /** When its token is there. */
  readonly at: number;
  /** When it was asked. */
  readonly asked: number;
  readonly call: KubeCall;
  readonly cb: (r: KubeResult) => void;
}

export class ThrottledClient implements ApiClient {
  private readonly bucket: TokenBucket | undefined;
  /** FIFO of requests waiting for a token; `head` is the next one (no shift per send). */
  private queue: Waiting[] = [];
  private head = 0;
  private closed = false;
  /** Requests asked so far, waiting ones included (a controller can tell whether a
   * step of its own asked for any). */
  sent = 0;
  /** Requests that had to wait for a token, and the longest wait so far (ms). */
  private throttled = 0;
  private longestWaitMs = 0;

  constructor(
    private readonly rt: Runtime,
    private readonly transport: KubeClient,
    /** The clientset's name: the user agent's suffix ("replicaset-controller"). */
    readonly name: string,
    /** undefined: QPS < 0, no limiter (the kubelet's heartbeat client). */
    readonly limits: ClientLimits | undefined,
  ) {
    this.bucket = limits ? new TokenBucket(limits.qps, limits.burst, rt.now()) : undefined;
  }

  request(call: KubeCall, cb: (r: KubeResult) => void): void {
    if (this.closed) return;
    this.sent++;
    if (!this.bucket) {
      this.transport.request(call, cb);
      return;
    }
    const now = this.rt.now();
    this.release(now);
    const at = this.bucket.reserve(now);
    if (at <= now && this.waiting === 0) {
      this.transport.request(call, cb);
      return;
    }
    this.throttled++;
    this.queue.push({ at, asked: now, call, cb });
    this.transport.noteWaiting(at);
  }

  watch(resource: ResourceName, namespace: string | undefined, options: ListOptions | undefined, handler: WatchHandler): number {
    return this.transport.watch(resource, namespace, options, handler);
  }

  stopWatch(watchId: number): void {
    this.transport.stopWatch(watchId);
  }

  /** Requests waiting for a token. */
  get waiting(): number {
    return this.queue.length - this.head;
  }

  /** When the first waiting request's token is there (Infinity: none waits). */
  nextRelease(): number {
    return this.head < this.queue.length ? this.queue[this.head]!.at : Infinity;
  }

  /** Sends, in order, the waiting requests whose token is there by `now`. */
  release(now: number): void {
    while (this.head < this.queue.length) {
      const w = this.queue[this.head]!;
      if (w.at > now) break;
      this.queue[this.head++] = undefined as unknown as Waiting;
      const waited = now - w.asked;
      if (waited > this.longestWaitMs) this.longestWaitMs = waited;
      this.transport.sendThrottled(this.name, waited, w.call, w.cb);
    }
    // Nothing waiting (nearly always: this runs for every clientset on every packet
    // and tick of its process): nothing to do, no fresh array.
    if (this.head === this.queue.length) {
      if (this.head > 0) {
        this.queue = [];
        this.head = 0;
      }
    } else if (this.head > 1024 && this.head * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.head);
      this.head = 0;
    }
  }

  /** The clientset is dropped (its controller stopped): waiting requests are never
   * sent, and their callers never hear back, as when the real process exits. */
  close(): void {
    this.closed = true;
    this.queue = [];
    this.head = 0;
  }

  /** For the component's view; undefined while this client never had to wait. */
  view(): ClientRateView | undefined {
    if (!this.limits || this.throttled === 0) return undefined;
    return { name: this.name, qps: this.limits.qps, burst: this.limits.burst, waiting: this.waiting, throttled: this.throttled, longestWaitMs: this.longestWaitMs };
  }
}
