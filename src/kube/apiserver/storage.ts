// kube-apiserver's storage layer (k8s.io/apiserver/pkg/storage/etcd3): objects as JSON
// under /registry/…, resourceVersion = etcd mod revision, and every write a
// compare-and-swap txn: create is If(mod_revision(key) == 0) Then(put), update is
// If(mod_revision(key) == rv) Then(put) Else(get), so a stale writer gets 409 Conflict
// instead of overwriting someone else's change.

import type { EtcdClient } from '../../etcd/clientv3/etcd-client';
import { prefixEnd } from '../../etcd/key-range';
import type { ClientResult, KeyValue, ResponseOp } from '../../etcd/types';
import type { ResourceInfo } from '../api/resources';
import type { KubeObject } from '../api/types';
import { alreadyExists, conflict, notFound, status, type KubeResult, type Status } from '../api/wire';
import { decode, hasWatchCache, noteWritten, stored } from './cache';
import { LeaseManager } from './lease-manager';

export type Done = (result: KubeResult, before?: KubeObject, after?: KubeObject) => void;

/** etcd's errors reach kubectl as `Error from server: etcdserver: request timed out`. */
export function etcdFailure(error: string): Status {
  return status('', error);
}

function txnOutcome(r: ClientResult): { ok: true; succeeded: boolean; current?: KeyValue; revision: number } | { ok: false; status: Status } {
  if (!r.ok) return { ok: false, status: etcdFailure(r.error) };
  const t = r.response as Extract<ResponseOp, { type: 'txn' }>;
  const elseRange = t.succeeded ? undefined : (t.responses[0] as Extract<ResponseOp, { type: 'range' }> | undefined);
  return { ok: true, succeeded: t.succeeded, current: elseRange?.kvs[0], revision: r.header.revision };
}

/** How many times an unconditional update re-reads and retries on a conflict. */
const RETRIES = 5;

export class Storage {
  private readonly leases: LeaseManager;

  constructor(
    private readonly etcd: EtcdClient,
    now: () => number,
  ) {
    this.leases = new LeaseManager(etcd, now);
  }

  /** Runs `write` with the etcd lease an object of this TTL is stored under (the
   * registry's TTLFunc: Events, --event-ttl), or with none. */
  private withLease(ttlS: number | undefined, done: Done, write: (lease: number | undefined) => void): void {
    if (ttlS === undefined) return write(undefined);
    this.leases.get(ttlS, (l) => (l.ok ? write(l.id) : done({ ok: false, status: etcdFailure(l.error) })));
  }

  create(r: ResourceInfo, key: string, obj: KubeObject, done: Done, ttlS?: number): void {
    this.withLease(ttlS, done, (lease) => this.etcd.request(
      {
        type: 'txn',
        compare: [{ target: 'MOD', result: '=', key, value: 0 }],
        success: [{ type: 'put', key, value: written(r, key, obj), ...(lease !== undefined ? { lease } : {}) }],
        failure: [{ type: 'range', key }],
      },
      (res) => {
        const o = txnOutcome(res);
        if (!o.ok) return done({ ok: false, status: o.status });
        if (!o.succeeded) return done({ ok: false, status: alreadyExists(r.qualified, obj.metadata.name ?? '') });
        const after = withRv(obj, o.revision);
        done({ ok: true, object: after }, undefined, after);
      },
    ));
  }

  /** GuaranteedUpdate: mutate the current object and CAS it in; with a precondition
   * (the client's resourceVersion) a mismatch is 409, without one it re-reads and
   * retries. `mutate` may refuse with a Status. */
  update(r: ResourceInfo, key: string, name: string, current: KubeObject | undefined, precondition: string | undefined, mutate: (cur: KubeObject) => KubeObject | Status, done: Done, attempt = 0, ttlS?: number): void {
    if (!current) return done({ ok: false, status: notFound(r.qualified, name) });
    if (precondition !== undefined && precondition !== current.metadata.resourceVersion && attempt > 0) return done({ ok: false, status: conflict(r.qualified, name) });
    const next = mutate(current);
    if (isStatus(next)) return done({ ok: false, status: next });
    const rv = Number(precondition ?? current.metadata.resourceVersion);
    this.withLease(ttlS, done, (lease) => this.etcd.request(
      {
        type: 'txn',
        compare: [{ target: 'MOD', result: '=', key, value: rv }],
        success: [{ type: 'put', key, value: written(r, key, next), ...(lease !== undefined ? { lease } : {}) }],
        failure: [{ type: 'range', key }],
      },
      (res) => {
        const o = txnOutcome(res);
        if (!o.ok) return done({ ok: false, status: o.status });
        if (o.succeeded) {
          const after = withRv(next, o.revision);
          return done({ ok: true, object: after }, current, after);
        }
        if (!o.current) return done({ ok: false, status: notFound(r.qualified, name) });
        if (precondition !== undefined && precondition !== String(o.current.modRevision)) return done({ ok: false, status: conflict(r.qualified, name) });
        if (attempt >= RETRIES) return done({ ok: false, status: conflict(r.qualified, name) });
        this.update(r, key, name, decode(o.current), precondition, mutate, done, attempt + 1, ttlS);
      },
    ));
  }

  /** Removes the object if it is still at `current`'s version. */
  delete(r: ResourceInfo, key: string, name: string, current: KubeObject | undefined, done: Done, attempt = 0): void {
    if (!current) return done({ ok: false, status: notFound(r.qualified, name) });
    this.etcd.request(
      {
        type: 'txn',
        compare: [{ target: 'MOD', result: '=', key, value: Number(current.metadata.resourceVersion) }],
        success: [{ type: 'deleteRange', key }],
        failure: [{ type: 'range', key }],
      },
      (res) => {
        const o = txnOutcome(res);
        if (!o.ok) return done({ ok: false, status: o.status });
        if (o.succeeded) return done({ ok: true, object: withRv(current, o.revision) }, current, undefined);
        if (!o.current || attempt >= RETRIES) return done({ ok: false, status: notFound(r.qualified, name) });
        this.delete(r, key, name, decode(o.current), done, attempt + 1);
      },
    );
  }

  /** A consistent (quorum) read of one object. */
  get(r: ResourceInfo, key: string, name: string, done: (res: KubeResult) => void): void {
    this.etcd.request({ type: 'range', key }, (res) => {
      if (!res.ok) return done({ ok: false, status: etcdFailure(res.error) });
      const kv = (res.response as Extract<ResponseOp, { type: 'range' }>).kvs[0];
      if (!kv) return done({ ok: false, status: notFound(r.qualified, name) });
      const object = decode(kv);
      done(object ? { ok: true, object } : { ok: false, status: status('InternalError', `Internal error occurred: the value stored at ${key} is not a valid ${r.kind} (was it written straight into etcd?)`) });
    });
  }

  /** A consistent read of the object a write starts from, undefined when there is none
   * (or its value does not decode): for a resource with no watch cache. */
  read(key: string, done: (res: { ok: true; object: KubeObject | undefined } | { ok: false; status: Status }) => void): void {
    this.etcd.request({ type: 'range', key }, (res) => {
      if (!res.ok) return done({ ok: false, status: etcdFailure(res.error) });
      const kv = (res.response as Extract<ResponseOp, { type: 'range' }>).kvs[0];
      done({ ok: true, object: kv ? decode(kv) : undefined });
    });
  }

  /** A consistent (quorum) list of a prefix. */
  list(prefix: string, done: (res: KubeResult) => void): void {
    this.etcd.request({ type: 'range', key: prefix, rangeEnd: prefixEnd(prefix) }, (res) => {
      if (!res.ok) return done({ ok: false, status: etcdFailure(res.error) });
      const kvs = (res.response as Extract<ResponseOp, { type: 'range' }>).kvs;
      // An object that does not decode is left out rather than failing the whole list.
      done({ ok: true, list: { items: kvs.map(decode).filter((o): o is KubeObject => o !== undefined), resourceVersion: String(res.header.revision) } });
    });
  }
}

/** The value stored for an object this apiserver prepared (see cache.ts noteWritten: only
 * for a resource the watch caches decode; an Event's value is read back only by a get,
 * a list or a watch of events, which parse it). */
function written(r: ResourceInfo, key: string, obj: KubeObject): string {
  const object = stored(obj);
  const value = JSON.stringify(object);
  if (hasWatchCache(r)) noteWritten(key, value, object);
  return value;
}

export function withRv<T extends KubeObject>(obj: T, rev: number): T {
  return { ...obj, metadata: { ...obj.metadata, resourceVersion: String(rev) } };
}

export function isStatus(x: unknown): x is Status {
  return typeof x === 'object' && x !== null && (x as { kind?: unknown }).kind === 'Status';
}
