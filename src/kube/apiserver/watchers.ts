// The apiserver's open watches (cacher's watchers): each is a resource, maybe a
// namespace, a node (spec.nodeName=, the kubelet's) and a label selector. Changes from
// the watch cache are filtered per watcher; an object that starts or stops matching
// (a pod bound to this node) arrives as ADDED / DELETED, as from the real cacher.
// Idle watchers get a BOOKMARK every `bookmarkMs` (about once a minute, as the real
// cacher sends them: its resourceVersion lets a client resume from a recent point); a
// client tells a live but quiet connection from a dead one by its HTTP/2 ping (`knows`).

import { matchesLabels } from '../api/labels';
import type { ResourceName } from '../api/resources';
import type { KubeObject, Pod } from '../api/types';
import type { KubeWatchEvent, ListOptions, WatchEventType } from '../api/wire';
import type { Endpoint } from '../../sim/packet';
import type { Change } from './cache';

export interface Watcher {
  readonly dst: Endpoint;
  readonly conn: number | undefined;
  readonly watchId: number;
  readonly resource: ResourceName;
  readonly namespace: string | undefined;
  readonly options: ListOptions | undefined;
  lastSent: number;
  seq: number;
  /** Opened from a resourceVersion the cache has not reached (the client talked to an
   * apiserver that is ahead, or etcd was restored to an older revision): changes up to
   * it are not sent, and if the cache is not there by `deadline` the watch ends with
   * "Too large resource version" (the cacher waits 3 s) and the client lists again. */
  ahead?: { readonly rev: number; readonly deadline: number };
}

/** How long the cacher waits for its cache to reach a watch's resourceVersion. */
export const TOO_LARGE_WAIT_MS = 3000;

export function matches(w: Pick<Watcher, 'namespace' | 'options'>, obj: KubeObject | undefined): boolean {
  if (!obj) return false;
  if (w.namespace && obj.metadata.namespace !== w.namespace) return false;
  const o = w.options;
  if (o?.nodeName !== undefined && (obj as Pod).spec?.nodeName !== o.nodeName) return false;
  if (o?.name !== undefined && obj.metadata.name !== o.name) return false;
  if (o?.labelSelector && !matchesLabels(o.labelSelector, obj.metadata.labels)) return false;
  return true;
}

/** What a watcher sees of one change, or nothing. */
export function eventFor(w: Watcher, c: Change): { type: WatchEventType; object: KubeObject } | undefined {
  const type = eventTypeFor(w, c);
  return type === undefined ? undefined : { type, object: c.object };
}

/** eventFor's type alone (the watchers' fan-out builds the message itself, without an
 * intermediate object per watcher and change). */
function eventTypeFor(w: Watcher, c: Change): 'ADDED' | 'MODIFIED' | 'DELETED' | undefined {
  if (c.resource.name !== w.resource) return undefined;
  const now = c.type !== 'DELETED' && matches(w, c.object);
  const before = c.prev !== undefined && matches(w, c.prev);
  if (c.type === 'DELETED') return before ? 'DELETED' : undefined;
  if (now && before) return 'MODIFIED';
  if (now) return 'ADDED';
  if (before) return 'DELETED';
  return undefined;
}

type Send = (w: Watcher, ev: KubeWatchEvent) => void;

const NO_WATCHERS: readonly Watcher[] = [];

/** One stream message to a watcher: numbered, and remembered as the last sent. */
export function streamEvent(w: Watcher, now: number, ev: Omit<KubeWatchEvent, 'watchId' | 'conn' | 'seq'>): KubeWatchEvent {
  w.lastSent = now;
  // One object per message (this runs for every watcher of every change); conn last.
  const out = { ...ev, watchId: w.watchId, seq: ++w.seq } as { -readonly [K in keyof KubeWatchEvent]: KubeWatchEvent[K] };
  if (w.conn !== undefined) out.conn = w.conn;
  return out;
}

/** streamEvent for a change's object: the same message (same keys, same order), built
 * as one literal of a fixed shape. */
function objectEvent(w: Watcher, now: number, type: WatchEventType, object: KubeObject): KubeWatchEvent {
  w.lastSent = now;
  const seq = ++w.seq;
  return w.conn === undefined ? { type, object, watchId: w.watchId, seq } : { type, object, watchId: w.watchId, seq, conn: w.conn };
}

/** streamEvent for a BOOKMARK (every idle watcher, every bookmark period): the same
 * message, keys in the same order, without a spread. */
function bookmarkEvent(w: Watcher, now: number, resourceVersion: string): KubeWatchEvent {
  w.lastSent = now;
  const seq = ++w.seq;
  return w.conn === undefined ? { type: 'BOOKMARK', resourceVersion, watchId: w.watchId, seq } : { type: 'BOOKMARK', resourceVersion, watchId: w.watchId, seq, conn: w.conn };
}

export class Watchers {
  private readonly all = new Map<string, Watcher>();
  /** No watcher is due a bookmark before this (a lower bound: every lastSent only
   * grows), so the idle ticks between bookmarks do not look at every watcher. */
  private bookmarkAt = -Infinity;
  /** Watchers opened ahead of the cache (see checkAhead). */
  private ahead = 0;
  /** `all`'s watchers per resource, in `all`'s order; rebuilt after any change to
   * `all` (watches open and close rarely, changes arrive all the time): a change then
   * goes past its resource's watchers only, not every watcher of every kubelet. */
  private byResource: Map<ResourceName, Watcher[]> | undefined;
  /** The connections a watch was opened on in this life of the apiserver: a client's
   * ping on any other is a connection this process never had (it restarted), which
   * TCP would answer with a reset. */
  private readonly connections = new Set<string>();

  constructor(private readonly send: Send) {}

  private watchersOf(resource: ResourceName): readonly Watcher[] {
    if (this.byResource === undefined) {
      this.byResource = new Map();
      for (const w of this.all.values()) {
        const list = this.byResource.get(w.resource);
        if (list) list.push(w);
        else this.byResource.set(w.resource, [w]);
      }
    }
    return this.byResource.get(resource) ?? NO_WATCHERS;
  }

  get size(): number {
    return this.all.size;
  }

  add(w: Watcher): void {
    this.all.set(watcherId(w.dst, w.conn, w.watchId), w);
    this.connections.add(connectionId(w.dst, w.conn));
    this.byResource = undefined;
    if (w.ahead) this.ahead++;
    this.bookmarkAt = -Infinity;
  }

  remove(dst: Endpoint, conn: number | undefined, watchId: number): void {
    if (this.all.delete(watcherId(dst, conn, watchId))) this.byResource = undefined;
  }

  /** The load balancer closed a connection: its watches are gone. */
  dropConnection(dst: Endpoint, conn: number): void {
    for (const [k, w] of this.all) if (w.conn === conn && w.dst.host === dst.host) this.all.delete(k);
    this.connections.delete(connectionId(dst, conn));
    this.byResource = undefined;
  }

  /** A client's HTTP/2 ping came on this connection (from the load balancer with its
   * conn, or straight from a client): true when this apiserver has watches on it. */
  knows(dst: Endpoint, conn: number | undefined): boolean {
    return this.connections.has(connectionId(dst, conn));
  }

  dispatch(changes: readonly Change[], now: number): void {
    if (changes.length === 0 || this.all.size === 0) return;
    // A watcher sees only its resource's changes (eventTypeFor): when they are all of
    // one resource (nearly always), only its watchers are visited, in the same order.
    const resource = changes[0]!.resource.name;
    let one = true;
    for (let i = 1; i < changes.length && one; i++) one = changes[i]!.resource.name === resource;
    // Indexed loops over arrays: a for…of over either an array or a Map's iterator was
    // polymorphic, and V8 then allocated an iterator result per step (1.5 % of the
    // allocation of a 100-worker rollout).
    const watchers = one ? this.watchersOf(resource) : [...this.all.values()];
    for (let i = 0; i < watchers.length; i++) {
      const w = watchers[i]!;
      for (let j = 0; j < changes.length; j++) {
        const c = changes[j]!;
        if (w.ahead && c.rev <= w.ahead.rev) continue;
        const type = eventTypeFor(w, c);
        if (type !== undefined) this.send(w, objectEvent(w, now, type, c.object));
      }
    }
  }

  bookmarks(now: number, rev: number, everyMs: number): void {
    if (now < this.bookmarkAt) return;
    let oldest = Infinity;
    let rv: string | undefined;
    for (const w of this.all.values()) {
      if (now - w.lastSent < everyMs || (w.ahead && w.ahead.rev > rev)) {
        if (w.lastSent < oldest) oldest = w.lastSent;
        continue;
      }
      this.send(w, bookmarkEvent(w, now, (rv ??= String(rev))));
      if (now < oldest) oldest = now;
    }
    // A watcher held back while ahead of the cache is looked at again next tick.
    this.bookmarkAt = this.ahead > 0 ? -Infinity : oldest + everyMs;
  }

  /** Watches opened ahead of the cache: caught up (go on as usual) or out of time
   * (end with the cacher's 504 "Too large resource version"). */
  checkAhead(now: number, rev: number, tooLarge: (w: Watcher) => Omit<KubeWatchEvent, 'watchId' | 'conn' | 'seq'>): void {
    if (this.ahead === 0) return;
    // Counted again here: a watcher removed while ahead leaves the count high until then.
    let still = 0;
    for (const [k, w] of this.all) {
      if (!w.ahead) continue;
      if (rev >= w.ahead.rev) delete w.ahead;
      else if (now >= w.ahead.deadline) {
        this.send(w, streamEvent(w, now, tooLarge(w)));
        this.all.delete(k);
        this.byResource = undefined;
      } else still++;
    }
    this.ahead = still;
  }

  /** Ends every watch with an error (the cache was rebuilt; clients relist). */
  endAll(ev: Omit<KubeWatchEvent, 'watchId' | 'conn' | 'seq'>, now: number): void {
    for (const w of this.all.values()) this.send(w, streamEvent(w, now, ev));
    this.all.clear();
    this.byResource = undefined;
  }
}

export function watcherId(dst: Endpoint, conn: number | undefined, watchId: number): string {
  return `${connectionId(dst, conn)}/${watchId}`;
}

export function connectionId(dst: Endpoint, conn: number | undefined): string {
  return `${dst.host}:${dst.port}/${conn ?? '-'}`;
}
