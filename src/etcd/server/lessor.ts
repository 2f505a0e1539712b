// The leader's half of etcd's lessor: lease deadlines. Leases themselves (id → TTL) are
// part of the replicated state (MvccStore.leases); only the leader tracks when each
// expires, renews them on keep-alive, and proposes a revoke when one runs out. A new
// leader extends every lease by its full TTL, so a leader change never expires a lease
// early (realism.md, "Leases").

import type { Runtime } from '../../sim/process';

export class Lessor {
  private readonly deadline = new Map<number, number>();
  /** Leases whose revoke was proposed, not yet applied. */
  private readonly revoking = new Set<number>();

  constructor(
    private readonly rt: Runtime,
    /** etcd's minimum TTL: ⌈1.5 × election timeout⌉ seconds (2 s by default). */
    readonly minTtl: number,
  ) {}

  /** A fresh lease id: 16 hex digits as etcdctl prints it, below 2^53. */
  newId(): number {
    return this.rt.rng.int(1, 0x1fffff) * 0x100000000 + this.rt.rng.int(0, 0x100000000);
  }

  granted(id: number, ttl: number, leader: boolean): void {
    if (leader) this.deadline.set(id, this.rt.now() + ttl * 1000);
  }

  revoked(id: number): void {
    this.deadline.delete(id);
    this.revoking.delete(id);
  }

  renew(id: number, ttl: number): void {
    if (this.deadline.has(id)) this.deadline.set(id, this.rt.now() + ttl * 1000);
  }

  /** Whole seconds left, as etcd reports them; -1 when this member does not know. */
  remaining(id: number): number {
    const d = this.deadline.get(id);
    return d === undefined ? -1 : Math.max(0, Math.ceil((d - this.rt.now()) / 1000));
  }

  promote(leases: ReadonlyMap<number, number>): void {
    this.deadline.clear();
    this.revoking.clear();
    for (const [id, ttl] of leases) this.deadline.set(id, this.rt.now() + ttl * 1000);
  }

  demote(): void {
    this.deadline.clear();
    this.revoking.clear();
  }

  /** Leases past their deadline that are not being revoked yet (each returned once). */
  expired(): readonly number[] {
    const now = this.rt.now();
    let out: number[] | undefined;
    for (const [id, d] of this.deadline) {
      if (d > now || this.revoking.has(id)) continue;
      this.revoking.add(id);
      (out ??= []).push(id);
    }
    // The leader asks every tick and almost always nothing expired: no array then.
    return out === undefined ? NONE : out.sort((a, b) => a - b);
  }
}

const NONE: readonly number[] = [];
