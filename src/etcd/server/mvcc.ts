// etcd's multi-version key-value store (server/storage/mvcc), in memory. Every atomic
// change gets the next revision (a whole txn is one revision); each key remembers every
// version since the last compaction, so ranges at a past revision and watches from a
// revision work as in etcd. Pure: the etcd member applies committed Raft entries here.

import type { Compare, DeleteRangeRequest, KeyValue, PutRequest, RangeRequest, RangeResponse, RequestOp, ResponseOp, SnapshotBlob, WatchEvent } from '../types';

import { compareHolds } from './mvcc-compare';

export { prefixEnd } from '../key-range';

export const ERR_COMPACTED = 'mvcc: required revision has been compacted';
export const ERR_FUTURE_REV = 'mvcc: required revision is a future revision';

export class MvccError extends Error {}

/** A key's state at one revision; `kv` undefined is a tombstone (deleted). */
interface Version {
  readonly rev: number;
  readonly kv: KeyValue | undefined;
}

export interface MemberMeta {
  readonly name: string;
  readonly host: string;
  /** The member started and published its name and client URL (etcd's publish, a
   * ClusterMemberAttrSet entry); until then `member list` shows it as unstarted. */
  readonly published?: boolean;
}

export const ERR_LEASE_NOT_FOUND = 'etcdserver: requested lease not found';

export interface MvccSnapshot {
  readonly rev: number;
  readonly compactRev: number;
  /** Granted leases: id → TTL in seconds (their deadlines live only on the leader). */
  readonly leases?: [number, number][];
  /** Members added after bootstrap: raft id → name and host (etcd's members bucket). */
  readonly members?: [number, MemberMeta][];
  /** Raft ids removed from the cluster (etcd's members_removed bucket). */
  readonly removed?: number[];
  readonly keys: [string, Version[]][];
  readonly events: WatchEvent[];
}

/** sharedState()'s form of the same store, for Raft's in-memory snapshot: the store's
 * own append-only arrays of key names and version lists, with the number of names at
 * the snapshot, and its event list with its length. The store only appends to them
 * (compaction makes new ones), and a list's versions after the snapshot have a revision
 * above `rev`, so taking one allocates nothing per key. A structured clone (a worker's
 * MsgSnap, a disk op) copies the arrays whole; restore() reads each only as far as the
 * snapshot had it. */
export interface MvccSharedSnapshot extends Omit<MvccSnapshot, 'keys' | 'events'> {
  readonly names: readonly string[];
  readonly lists: readonly (readonly Version[])[];
  readonly namesLen: number;
  readonly events: readonly WatchEvent[];
  readonly eventsLen: number;
}

/** True when key is in [key, rangeEnd) (etcd: rangeEnd "\0" means every key >= key). */
export function inRange(k: string, key: string, rangeEnd?: string): boolean {
  if (rangeEnd === undefined || rangeEnd === '') return k === key;
  if (rangeEnd === '\0') return k >= key;
  return k >= key && k < rangeEnd;
}

export class MvccStore {
  /** The current revision: 1 for an empty store, +1 per atomic change. */
  rev = 1;
  compactRev = 0;
  private readonly keys = new Map<string, Version[]>();
  /** The keys' names and version lists in the map's order, appended as keys are made:
   * what sharedState() hands Raft without a pass over the keyspace. Compaction (which
   * drops keys and replaces lists) makes new arrays, so a snapshot keeps its own. */
  private names: string[] = [];
  private lists: Version[][] = [];
  /** Lease id → the live keys attached to it (those whose latest version carries it):
   * an expiring lease is revoked without scanning the keyspace (every masterlease and,
   * with Kubernetes, every Event has one). Derived from `keys`, never snapshotted. */
  private readonly byLease = new Map<number, Set<string>>();
  /** Every change since compaction, in revision order, for watches. */
  private events: WatchEvent[] = [];
  /** Granted leases: id → TTL seconds. Part of the state machine (and its snapshot). */
  readonly leases = new Map<number, number>();
  /** Members added by a membership change: raft id → name and host. Part of the state
   * machine, so a member that catches up by snapshot knows where its new peers are. */
  readonly members = new Map<number, MemberMeta>();
  /** Raft ids removed from the cluster: their messages are refused, which tells a
   * removed member that missed its own removal to stop. */
  readonly removed = new Set<number>();

  /** Live (not deleted) keys, counted as they come and go: every member's view reads it
   * for every frame, and counting thousands of keys each time was 3 % of the page's
   * simulation worker at 100 workers. */
  private live = 0;

  /** Live (not deleted) keys. */
  get size(): number {
    return this.live;
  }

  /** A rough size of the backend, for `endpoint status` DB SIZE. */
  dbSizeBytes(): number {
    let bytes = 20_480; // an empty bolt db is 20 kB
    for (const [k, vs] of this.keys) for (const v of vs) bytes += k.length + (v.kv?.value.length ?? 0) + 64;
    return bytes;
  }

  private latest(key: string, atRev = this.rev): KeyValue | undefined {
    const vs = this.keys.get(key);
    if (!vs) return undefined;
    for (let i = vs.length - 1; i >= 0; i--) if (vs[i]!.rev <= atRev) return vs[i]!.kv;
    return undefined;
  }

  /** The revision a range reads at; throws as etcd does for one out of reach. */
  private rangeRev(req: RangeRequest): number {
    const at = req.revision && req.revision > 0 ? req.revision : this.rev;
    if (at > this.rev) throw new MvccError(ERR_FUTURE_REV);
    if (at < this.compactRev) throw new MvccError(ERR_COMPACTED);
    return at;
  }

  range(req: RangeRequest): RangeResponse {
    const at = this.rangeRev(req);
    const names = req.rangeEnd ? [...this.keys.keys()].filter((k) => inRange(k, req.key, req.rangeEnd)).sort() : [req.key];
    const all: KeyValue[] = [];
    for (const k of names) {
      const kv = this.latest(k, at);
      if (kv) all.push(kv);
    }
    const limited = req.limit && req.limit > 0 ? all.slice(0, req.limit) : all;
    const kvs = req.countOnly ? [] : req.keysOnly ? limited.map((kv) => ({ ...kv, value: '' })) : limited;
    return { kvs, count: all.length, more: limited.length < all.length };
  }

  /** Applies one request (put, deleteRange, txn, range) as one revision. */
  apply(op: RequestOp): ResponseOp {
    // The whole request is one revision; reads inside a txn see the txn's own writes.
    if (op.type !== 'txn') {
      if (op.type !== 'range') this.rev++;
      return this.applyAt(op, this.rev);
    }
    // A txn's comparisons are evaluated once (they decide both whether it writes and
    // what it does; nothing changes in between).
    const succeeded = this.compareAll(op.compare);
    for (const o of succeeded ? op.success : op.failure) {
      if (this.hasWrites(o)) {
        this.rev++;
        break;
      }
    }
    return this.txnAt(op, succeeded, this.rev);
  }

  /** apply() without its response, for a member that has nobody to answer (two of
   * three apply every write only to keep their copy): the same changes in the same
   * order, the same throws (a txn stops where apply's would), and no response objects
   * (a txn's, its list, each put's, 2 of 3 times per write). */
  write(op: RequestOp): void {
    if (op.type !== 'txn') {
      if (op.type === 'range') {
        this.rangeRev(op);
        return;
      }
      this.rev++;
      this.writeAt(op, this.rev);
      return;
    }
    const succeeded = this.compareAll(op.compare);
    for (const o of succeeded ? op.success : op.failure) {
      if (this.hasWrites(o)) {
        this.rev++;
        break;
      }
    }
    this.txnWrite(op, succeeded, this.rev);
  }

  private writeAt(op: RequestOp, rev: number): void {
    switch (op.type) {
      case 'range':
        this.rangeRev(op); // reads nothing, but may throw as applyAt's range would
        return;
      case 'put':
        this.put(op, rev);
        return;
      case 'deleteRange':
        this.deleteRange(op, rev);
        return;
      case 'txn':
        this.txnWrite(op, this.compareAll(op.compare), rev);
        return;
    }
  }

  private txnWrite(op: RequestOp & { type: 'txn' }, succeeded: boolean, rev: number): void {
    const branch = succeeded ? op.success : op.failure;
    for (let i = 0; i < branch.length; i++) this.writeAt(branch[i]!, rev);
  }

  private hasWrites(op: RequestOp): boolean {
    if (op.type === 'put' || op.type === 'deleteRange') return true;
    if (op.type === 'range') return false;
    const branch = this.compareAll(op.compare) ? op.success : op.failure;
    // Loops, not some()/every() with closures: every write of every member comes here.
    for (const o of branch) if (this.hasWrites(o)) return true;
    return false;
  }

  private applyAt(op: RequestOp, rev: number): ResponseOp {
    // Literals with `type` first rather than spreads of the parts (every write goes
    // through here): the same keys in the same order.
    switch (op.type) {
      case 'range': {
        const r = this.range(op);
        return { type: 'range', kvs: r.kvs, count: r.count, more: r.more };
      }
      case 'put': {
        const prev = this.put(op, rev);
        return op.prevKv && prev ? { type: 'put', prevKv: prev } : { type: 'put' };
      }
      case 'deleteRange':
        return { type: 'deleteRange', ...this.deleteRange(op, rev) };
      case 'txn':
        return this.txnAt(op, this.compareAll(op.compare), rev);
    }
  }

  private txnAt(op: RequestOp & { type: 'txn' }, succeeded: boolean, rev: number): ResponseOp {
    const responses: ResponseOp[] = [];
    for (const o of succeeded ? op.success : op.failure) responses.push(this.applyAt(o, rev));
    return { type: 'txn', succeeded, responses };
  }

  /** Writes the key; returns the version it replaced. */
  private put(req: PutRequest, rev: number): KeyValue | undefined {
    if (req.lease && !this.leases.has(req.lease)) throw new MvccError(ERR_LEASE_NOT_FOUND);
    const prev = this.latest(req.key);
    const kv: KeyValue = {
      key: req.key,
      value: req.value,
      createRevision: prev ? prev.createRevision : rev,
      modRevision: rev,
      version: prev ? prev.version + 1 : 1,
      lease: req.lease ?? 0,
    };
    this.record(req.key, rev, kv, prev);
    return prev;
  }

  private deleteRange(req: DeleteRangeRequest, rev: number): { deleted: number; prevKvs?: readonly KeyValue[] } {
    const victims = this.range({ key: req.key, rangeEnd: req.rangeEnd }).kvs;
    for (const kv of victims) this.record(kv.key, rev, undefined, kv);
    return { deleted: victims.length, ...(req.prevKv ? { prevKvs: victims } : {}) };
  }

  private compareAll(cs: readonly Compare[]): boolean {
    for (const c of cs) if (!compareHolds(c, this.latest(c.key))) return false;
    return true;
  }

  private record(key: string, rev: number, kv: KeyValue | undefined, prev: KeyValue | undefined): void {
    let vs = this.keys.get(key);
    if (!vs) {
      this.keys.set(key, (vs = []));
      this.names.push(key);
      this.lists.push(vs);
    }
    const before = vs.length > 0 ? vs[vs.length - 1]!.kv : undefined;
    this.live += (kv ? 1 : 0) - (before ? 1 : 0);
    if (before?.lease) this.byLease.get(before.lease)?.delete(key);
    if (kv?.lease) this.indexLease(kv.lease, key);
    vs.push({ rev, kv });
    // Literals, not a spread of an optional part (same keys, same order).
    this.events.push(kv ? (prev ? { type: 'PUT', kv, prevKv: prev } : { type: 'PUT', kv }) : { type: 'DELETE', kv: { ...prev!, modRevision: rev, value: '', version: 0 }, prevKv: prev });
  }

  /** Changes with revision >= startRev on [key, rangeEnd). */
  watchEvents(key: string, rangeEnd: string | undefined, startRev: number): WatchEvent[] {
    if (startRev > 0 && startRev <= this.compactRev) throw new MvccError(ERR_COMPACTED);
    return this.events.filter((e) => e.kv.modRevision >= startRev && inRange(e.kv.key, key, rangeEnd));
  }

  /** Every change after revision `rev`, oldest first: what a member pushes to its
   * watchers after applying entries. Scans from the newest end, so it costs only the
   * events it returns. */
  eventsAfter(rev: number): WatchEvent[] {
    let i = this.events.length;
    while (i > 0 && this.events[i - 1]!.kv.modRevision > rev) i--;
    return this.events.slice(i);
  }

  grantLease(id: number, ttl: number): void {
    this.leases.set(id, ttl);
  }

  /** Revokes a lease: its keys are deleted together, as one revision (none if it had
   * no keys). */
  revokeLease(id: number): number {
    if (!this.leases.has(id)) throw new MvccError(ERR_LEASE_NOT_FOUND);
    this.leases.delete(id);
    const keys = this.leaseKeys(id);
    if (keys.length === 0) return 0;
    this.rev++;
    for (const k of keys) this.record(k, this.rev, undefined, this.latest(k));
    this.byLease.delete(id);
    return keys.length;
  }

  /** The live keys attached to a lease, sorted. */
  leaseKeys(id: number): string[] {
    const keys = this.byLease.get(id);
    if (keys === undefined || keys.size === 0) return [];
    return [...keys].sort();
  }

  private indexLease(id: number, key: string): void {
    let keys = this.byLease.get(id);
    if (!keys) this.byLease.set(id, (keys = new Set()));
    keys.add(key);
  }

  /** Forgets versions older than rev that a newer one superseded (etcd Compact). */
  compact(rev: number): void {
    if (rev <= this.compactRev) throw new MvccError(ERR_COMPACTED);
    if (rev > this.rev) throw new MvccError(ERR_FUTURE_REV);
    this.compactRev = rev;
    for (const [k, vs] of this.keys) {
      let keepFrom = 0;
      for (let i = 0; i < vs.length; i++) if (vs[i]!.rev <= rev) keepFrom = i;
      const kept = vs.slice(keepFrom);
      if (kept.length === 1 && !kept[0]!.kv && kept[0]!.rev <= rev) this.keys.delete(k);
      else this.keys.set(k, kept);
    }
    this.events = this.events.filter((e) => e.kv.modRevision > rev);
    this.reindex();
  }

  /** New name and list arrays from the map (after compaction, and a restore). */
  private reindex(): void {
    this.names = [...this.keys.keys()];
    this.lists = [...this.keys.values()];
  }

  /** The store as `etcdctl snapshot save` receives it from `member`. */
  blob(member: string): SnapshotBlob {
    let totalKeys = 0;
    for (const vs of this.keys.values()) totalKeys += vs.length;
    return { member, revision: this.rev, data: this.serialize(), size: this.dbSizeBytes(), totalKeys };
  }

  serialize(): string {
    return JSON.stringify(this.state());
  }

  /** The store at this revision as a plain object that shares the (immutable) KeyValues
   * with the live store: copying the version lists' pointers is all it costs, where
   * serializing the whole keyspace every snapshotCount entries took a tenth of the run
   * at 1 000 pods. The store only ever appends to its lists, so the copies stay true. */
  state(): MvccSnapshot {
    return {
      ...this.snapshotHeader(),
      keys: [...this.keys].map(([k, vs]) => [k, vs.slice()]),
      events: this.events.slice(),
    };
  }

  /** What both forms of a snapshot carry besides the keys (in this order: a
   * serialized snapshot's text must not change). */
  private snapshotHeader(): Pick<MvccSnapshot, 'rev' | 'compactRev' | 'leases' | 'members' | 'removed'> {
    return {
      rev: this.rev,
      compactRev: this.compactRev,
      leases: [...this.leases.entries()],
      members: [...this.members.entries()],
      removed: [...this.removed],
    };
  }

  /** state() for Raft's in-memory snapshot, sharing the store's arrays
   * (MvccSharedSnapshot): a member takes one every snapshotCount entries, and a pass
   * over the keyspace each time (three arrays as long as it, an entry pair per key) was
   * 9 % of the allocation of a 100-worker run. */
  sharedState(): MvccSharedSnapshot {
    return {
      ...this.snapshotHeader(),
      names: this.names,
      lists: this.lists,
      namesLen: this.names.length,
      events: this.events,
      eventsLen: this.events.length,
    };
  }

  /** From `serialize()`'s string (a snapshot file, a data dir), `state()`'s object or
   * `sharedState()`'s (whose lists are copied, not adopted: this store appends to its
   * own). */
  static restore(data: string | Readonly<object>): MvccStore {
    const s = (typeof data === 'string' ? JSON.parse(data) : data) as MvccSnapshot | MvccSharedSnapshot;
    const m = new MvccStore();
    m.rev = s.rev;
    m.compactRev = s.compactRev;
    if ('names' in s) {
      for (let i = 0; i < s.namesLen; i++) {
        const k = s.names[i]!;
        const list = s.lists[i]!;
        // The versions the snapshot had: those up to its revision (later ones were
        // appended after it, each with a higher revision).
        let len = list.length;
        while (len > 0 && list[len - 1]!.rev > s.rev) len--;
        const vs = list.slice(0, len);
        m.keys.set(k, vs);
        const kv = vs[len - 1]?.kv;
        if (kv) m.live++;
        if (kv?.lease) m.indexLease(kv.lease, k);
      }
    } else {
      for (const [k, vs] of s.keys) {
        m.keys.set(k, vs.slice());
        const kv = vs[vs.length - 1]?.kv;
        if (kv) m.live++;
        if (kv?.lease) m.indexLease(kv.lease, k);
      }
    }
    for (const [id, ttl] of s.leases ?? []) m.leases.set(id, ttl);
    for (const [id, meta] of s.members ?? []) m.members.set(id, meta);
    for (const id of s.removed ?? []) m.removed.add(id);
    m.events = 'eventsLen' in s ? s.events.slice(0, s.eventsLen) : s.events.slice();
    m.reindex();
    return m;
  }
}
