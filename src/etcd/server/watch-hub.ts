// A member's watchers (etcd's watchableStore, in miniature). A watch covers a key range
// from a start revision; past changes are sent at once from the MVCC history, new ones
// after each batch of applied entries. Every watcher also gets a progress notification
// when it heard nothing for PROGRESS_MS: it stands in for the gRPC stream's keepalive,
// so a client notices a dead member instead of waiting forever.

import type { Endpoint } from '../../sim/packet';
import { PORT } from '../../sim/packet';
import type { Runtime } from '../../sim/process';
import { ERR_COMPACTED, inRange, MvccError, type MvccStore } from './mvcc';
import type { WatchCreate, WatchEvent, WatchResponse } from '../types';

/** How often an idle watch hears from the member. */
export const PROGRESS_MS = 2000;

interface Watcher {
  readonly dst: Endpoint;
  readonly watchId: number;
  readonly key: string;
  readonly rangeEnd: string | undefined;
  readonly prevKv: boolean;
  lastSent: number;
  seq: number;
}

export class WatchHub {
  private readonly watchers = new Map<string, Watcher>();
  /** The revision up to which changes have been pushed. */
  private published = 0;

  constructor(private readonly rt: Runtime) {}

  get size(): number {
    return this.watchers.size;
  }

  open(src: Endpoint, op: WatchCreate, mvcc: MvccStore): void {
    // Flush first, so "the past" below is exactly what is already applied.
    this.publish(mvcc);
    const w: Watcher = { dst: src, watchId: op.watchId, key: op.key, rangeEnd: op.rangeEnd, prevKv: op.prevKv ?? false, lastSent: this.rt.now(), seq: 0 };
    const start = op.startRevision ?? 0;
    if (start > 0 && start <= mvcc.rev) {
      let past: WatchEvent[];
      try {
        past = mvcc.watchEvents(op.key, op.rangeEnd, start);
      } catch (err) {
        if (!(err instanceof MvccError)) throw err;
        return this.send(w, { watchId: w.watchId, revision: mvcc.rev, events: [], canceled: true, cancelReason: ERR_COMPACTED, compactRevision: mvcc.compactRev });
      }
      if (past.length > 0) this.sendEvents(w, mvcc.rev, past.map((e) => this.shape(w, e)));
    }
    this.watchers.set(id(src, op.watchId), w);
  }

  cancel(src: Endpoint, watchId: number): void {
    this.watchers.delete(id(src, watchId));
  }

  cancelAll(reason: string, revision: number): void {
    for (const w of this.watchers.values()) this.send(w, { watchId: w.watchId, revision, events: [], canceled: true, cancelReason: reason });
    this.watchers.clear();
  }

  /** After a snapshot replaced the store (a follower too far behind gets the leader's
   * snapshot instead of the entries it missed). etcd's watchableStore.Restore moves
   * every synced watcher back to unsynced, and syncWatchers then sends each one what it
   * missed from the restored history: here the next publish() sends every change after
   * `published`, which stays where it was. Dropping them (as this did) left an
   * apiserver's watch cache without the pods created in the gap, for good: at 30
   * workers and 300 pods, 4 pods the scheduler never saw stayed Pending. A watcher
   * whose missed changes were compacted away is cancelled with the compact revision,
   * as syncWatchers does, so that its client relists. */
  restored(mvcc: MvccStore): void {
    if (this.published >= mvcc.compactRev) return;
    for (const w of this.watchers.values()) this.send(w, { watchId: w.watchId, revision: mvcc.rev, events: [], canceled: true, cancelReason: ERR_COMPACTED, compactRevision: mvcc.compactRev });
    this.watchers.clear();
    this.published = mvcc.rev;
  }

  /** Pushes every change applied since the last call. */
  publish(mvcc: MvccStore): void {
    if (mvcc.rev <= this.published) return;
    if (this.watchers.size === 0) {
      this.published = mvcc.rev;
      return;
    }
    const events = mvcc.eventsAfter(this.published);
    this.published = mvcc.rev;
    for (const w of this.watchers.values()) {
      let mine: WatchEvent[] | undefined;
      for (const e of events) {
        if (!inRange(e.kv.key, w.key, w.rangeEnd)) continue;
        (mine ??= []).push(this.shape(w, e));
      }
      if (mine) this.sendEvents(w, mvcc.rev, mine);
    }
  }

  tick(revision: number): void {
    const now = this.rt.now();
    for (const w of this.watchers.values()) {
      if (now - w.lastSent >= PROGRESS_MS) this.sendEvents(w, revision, []);
    }
  }

  private shape(w: Watcher, e: WatchEvent): WatchEvent {
    return w.prevKv || e.prevKv === undefined ? e : { type: e.type, kv: e.kv };
  }

  /** send() of events or a progress notify, as one literal (every change, every
   * watcher): the same keys in the same order. */
  private sendEvents(w: Watcher, revision: number, events: WatchEvent[]): void {
    w.lastSent = this.rt.now();
    this.rt.send(w.dst, 'etcd.watch', { watchId: w.watchId, revision, events, seq: ++w.seq } satisfies WatchResponse, PORT.etcdClient);
  }

  private send(w: Watcher, r: Omit<WatchResponse, 'seq'>): void {
    w.lastSent = this.rt.now();
    this.rt.send(w.dst, 'etcd.watch', { ...r, seq: ++w.seq } satisfies WatchResponse, PORT.etcdClient);
  }
}

function id(src: Endpoint, watchId: number): string {
  return `${src.host}:${src.port}/${watchId}`;
}
