// Watches of a resource with no watch cache (Events, cache.ts hasWatchCache), served as
// k8s.io/apiserver's etcd3 watcher (storage/etcd3/watcher.go) serves them: one etcd
// watch per client watch, from the client's resourceVersion + 1, or, with none (or "0"),
// the current objects first as ADDED and then the changes after that read's revision.
// Each change is filtered in the apiserver by the watch's namespace, name and labels (an
// object that stops matching arrives as DELETED, as from the cacher), there are no
// BOOKMARKs (only the cacher sends them), a compacted start revision ends the watch with
// 410 Expired "The resourceVersion for the provided watch is too old." and any other end
// of the etcd watch (its member lost the leader) with an error, after which the client
// lists and watches again.

import type { EtcdClient } from '../../etcd/clientv3/etcd-client';
import { prefixEnd } from '../../etcd/key-range';
import type { ResponseOp, WatchEvent } from '../../etcd/types';
import type { Endpoint } from '../../sim/packet';
import type { ResourceInfo } from '../api/resources';
import type { KubeObject } from '../api/types';
import { status, type KubeWatchEvent } from '../api/wire';
import { decode, type Change } from './cache';
import { connectionId, eventFor, streamEvent, watcherId, type Watcher } from './watchers';

interface StorageWatch {
  readonly w: Watcher;
  /** The etcd watch, once opened. */
  etcdWatch?: number;
  closed: boolean;
}

type Send = (w: Watcher, ev: KubeWatchEvent) => void;

export class StorageWatches {
  private readonly open = new Map<string, StorageWatch>();
  /** The connections a watch was opened on in this life of the apiserver, as Watchers
   * keeps them (a ping on any other is answered with a reset). */
  private readonly connections = new Set<string>();

  constructor(
    private readonly etcd: EtcdClient,
    private readonly now: () => number,
    private readonly send: Send,
  ) {}

  get size(): number {
    return this.open.size;
  }

  /** Starts `w` on the objects under `prefix` (its resource, maybe one namespace). */
  start(w: Watcher, r: ResourceInfo, prefix: string): void {
    const s: StorageWatch = { w, closed: false };
    this.open.set(watcherId(w.dst, w.conn, w.watchId), s);
    this.connections.add(connectionId(w.dst, w.conn));
    const from = w.options?.resourceVersion;
    if (from !== undefined && from !== '' && from !== '0') return this.watchFrom(s, r, prefix, Number(from) + 1);
    this.etcd.request({ type: 'range', key: prefix, rangeEnd: prefixEnd(prefix) }, (res) => {
      if (s.closed) return;
      if (!res.ok) return this.end(s, { type: 'ERROR', status: status('InternalError', res.error) });
      for (const kv of (res.response as Extract<ResponseOp, { type: 'range' }>).kvs) {
        const object = decode(kv);
        if (object) this.deliver(s, { rev: kv.modRevision, type: 'ADDED', resource: r, object });
      }
      this.watchFrom(s, r, prefix, res.header.revision + 1);
    });
  }

  private watchFrom(s: StorageWatch, r: ResourceInfo, prefix: string, rev: number): void {
    s.etcdWatch = this.etcd.watch(prefix, prefixEnd(prefix), rev, {
      onEvents: (events) => {
        if (s.closed) return;
        for (const e of events) {
          const c = changeOf(r, e);
          if (c) this.deliver(s, c);
        }
      },
      onCancel: (reason, compactRevision) => {
        s.etcdWatch = undefined;
        if (s.closed) return;
        const ended = compactRevision !== undefined ? status('Expired', 'The resourceVersion for the provided watch is too old.') : status('InternalError', reason);
        this.end(s, { type: 'ERROR', status: ended });
      },
    });
  }

  private deliver(s: StorageWatch, c: Change): void {
    const ev = eventFor(s.w, c);
    if (ev) this.send(s.w, streamEvent(s.w, this.now(), ev));
  }

  private end(s: StorageWatch, ev: Omit<KubeWatchEvent, 'watchId' | 'conn' | 'seq'>): void {
    this.send(s.w, streamEvent(s.w, this.now(), ev));
    this.close(watcherId(s.w.dst, s.w.conn, s.w.watchId));
  }

  private close(id: string): void {
    const s = this.open.get(id);
    if (!s) return;
    this.open.delete(id);
    s.closed = true;
    if (s.etcdWatch !== undefined) this.etcd.cancelWatch(s.etcdWatch);
  }

  remove(dst: Endpoint, conn: number | undefined, watchId: number): void {
    this.close(watcherId(dst, conn, watchId));
  }

  /** The load balancer closed a connection: its watches are gone. */
  dropConnection(dst: Endpoint, conn: number): void {
    for (const [id, s] of [...this.open]) if (s.w.conn === conn && s.w.dst.host === dst.host) this.close(id);
    this.connections.delete(connectionId(dst, conn));
  }

  /** Whether a watch was opened on this connection (for the client's HTTP/2 ping). */
  knows(dst: Endpoint, conn: number | undefined): boolean {
    return this.connections.has(connectionId(dst, conn));
  }
}

/** An etcd change as the cacher's Change: a put over an earlier value MODIFIED (ADDED
 * without one), a delete the last state at the delete's revision. A value that does
 * not decode counts as gone. */
function changeOf(r: ResourceInfo, e: WatchEvent): Change | undefined {
  const rev = e.kv.modRevision;
  const prev = e.prevKv ? decode(e.prevKv) : undefined;
  const object = e.type === 'PUT' ? decode(e.kv) : undefined;
  if (object) return prev ? { rev, type: 'MODIFIED', resource: r, object, prev } : { rev, type: 'ADDED', resource: r, object };
  if (!prev) return undefined;
  const last: KubeObject = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(rev) } };
  return { rev, type: 'DELETED', resource: r, object: last, prev };
}
