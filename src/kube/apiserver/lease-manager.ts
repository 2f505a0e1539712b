// The apiserver's etcd leases for objects with a TTL (Events, `--event-ttl`, 1 h by
// default), as k8s.io/apiserver storage/etcd3/lease_manager.go: a lease per write would
// make etcd grant and expire one lease per Event, so consecutive writes share one lease
// granted for the TTL plus a reuse window (min(60 s, 5 % of the TTL)), reused while it
// still covers the TTL and until it holds 1 000 objects. An object therefore lives
// between its TTL and its TTL plus the window, and etcd removes it when the lease expires.

import type { EtcdClient } from '../../etcd/clientv3/etcd-client';

/** --lease-reuse-duration-seconds (60) and the 5 % of the TTL it is capped by. */
const REUSE_MAX_S = 60;
const REUSE_FRACTION = 0.05;
/** How many objects one lease may carry (LeaseManagerConfig.MaxObjectCount). */
const MAX_OBJECTS = 1000;

export type LeaseResult = { readonly ok: true; readonly id: number } | { readonly ok: false; readonly error: string };

export class LeaseManager {
  private prevId = 0;
  /** When the previous lease expires (ms of sim time, as the apiserver's clock reads). */
  private prevExpiresAt = 0;
  private attached = 0;
  /** Writes waiting for a grant in flight: the real manager holds its mutex over the
   * Grant call, so they all get the lease it returns. */
  private waiting: ((r: LeaseResult) => void)[] | undefined;

  constructor(
    private readonly etcd: EtcdClient,
    private readonly now: () => number,
  ) {}

  /** A lease for one more object that must live `ttlS` seconds. */
  get(ttlS: number, done: (r: LeaseResult) => void): void {
    if (this.waiting) {
      this.waiting.push(done);
      return;
    }
    const now = this.now();
    const reuseS = reuseSeconds(ttlS);
    const valid = now + ttlS * 1000 < this.prevExpiresAt;
    // `>=` where Go has `After`: Go's clock has moved on by the next write, the sim's may
    // not have (writes in the same millisecond as the grant share it too).
    const sufficient = now + (ttlS + reuseS) * 1000 >= this.prevExpiresAt;
    this.attached++;
    if (this.prevId !== 0 && valid && sufficient && this.attached <= MAX_OBJECTS) return done({ ok: true, id: this.prevId });
    const waiting = [done];
    this.waiting = waiting;
    this.etcd.request({ type: 'leaseGrant', ttl: ttlS + reuseS }, (r) => {
      this.waiting = undefined;
      const result: LeaseResult = r.ok && r.lease ? { ok: true, id: r.lease.id } : { ok: false, error: r.ok ? 'etcdserver: no lease granted' : r.error };
      if (result.ok) {
        this.prevId = result.id;
        this.prevExpiresAt = now + (ttlS + reuseS) * 1000;
        this.attached = waiting.length;
      }
      for (const w of waiting) w(result);
    });
  }
}

export function reuseSeconds(ttlS: number): number {
  return Math.min(REUSE_MAX_S, Math.floor(REUSE_FRACTION * ttlS));
}
