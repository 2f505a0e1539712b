// Events have no watch cache, as kube-apiserver's DefaultWatchCacheSizes gives them
// none: the caches skip them, and their reads and watches are served from etcd
// (storage-watches.ts), with the same events a cached watch would give.

import { describe, expect, it } from 'vitest';
import { etcdctl, kubeCluster, kubectl, output, runUntilTrue, WEB_DEPLOYMENT } from '../../host/testing/cluster';
import type { EtcdClient, WatchHandler } from '../../etcd/clientv3/etcd-client';
import type { ClientOp, ClientResult, KeyValue } from '../../etcd/types';
import type { DashboardView } from '../../protocol/dashboard';
import type { KubeWatchEvent } from '../api/wire';
import { RESOURCES } from '../api/resources';
import { WatchCache } from './cache';
import { StorageWatches } from './storage-watches';
import type { Watcher } from './watchers';

const kv = (key: string, value: string, rev: number, createRevision = rev): KeyValue => ({ key, value, createRevision, modRevision: rev, version: 1, lease: 0 });
const event = (ns: string, name: string, reason: string) => JSON.stringify({ apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: ns }, involvedObject: { kind: 'Pod', name: 'p', namespace: ns }, reason, message: reason, type: 'Normal', count: 1 });
const cm = (name: string) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' } });

describe('the watch cache and Events', () => {
  it('keeps no Event, yet moves to the revision of a batch that held only Events', () => {
    const cache = new WatchCache();
    cache.reset([kv('/registry/configmaps/default/a', cm('a'), 2), kv('/registry/events/default/e1', event('default', 'e1', 'Pulled'), 3)], 3);
    expect(cache.size).toBe(1);
    expect(cache.list('/registry/events/')).toEqual([]);
    const changes = cache.apply([{ type: 'PUT', kv: kv('/registry/events/default/e2', event('default', 'e2', 'Started'), 4) }], 4);
    expect(changes).toEqual([]);
    expect(cache.rev).toBe(4);
    expect(cache.get('/registry/events/default/e2')).toBeUndefined();
    // A watch from before the Event's revision resumes without it.
    expect(cache.since(3)).toEqual([]);
  });
});

/** An etcd client that records the reads and watches asked, answered by the test. */
function fakeEtcd() {
  const watches: { key: string; rangeEnd?: string; start: number; handler: WatchHandler; id: number }[] = [];
  const reads: { op: ClientOp; cb: (r: ClientResult) => void }[] = [];
  const cancelled: number[] = [];
  const etcd = {
    request(op: ClientOp, cb: (r: ClientResult) => void) {
      reads.push({ op, cb });
      return 0;
    },
    watch(key: string, rangeEnd: string | undefined, start: number, handler: WatchHandler) {
      const id = watches.length + 1;
      watches.push({ key, ...(rangeEnd !== undefined ? { rangeEnd } : {}), start, handler, id });
      return id;
    },
    cancelWatch(id: number) {
      cancelled.push(id);
    },
  } as unknown as EtcdClient;
  return { etcd, watches, reads, cancelled };
}

function watcher(options: Watcher['options'], namespace = 'default'): Watcher {
  return { dst: { host: 'lb', port: 6443 }, conn: 7, watchId: 3, resource: 'events', namespace, options, lastSent: 0, seq: 0 };
}

describe('StorageWatches (a watch of Events, from etcd)', () => {
  it('watches etcd from the resourceVersion after the given one and turns puts and deletes into ADDED, MODIFIED and DELETED', () => {
    const { etcd, watches, cancelled } = fakeEtcd();
    const sent: KubeWatchEvent[] = [];
    const sw = new StorageWatches(etcd, () => 1000, (_w, ev) => sent.push(ev));
    sw.start(watcher({ resourceVersion: '41' }), RESOURCES.events, '/registry/events/default/');
    expect(watches.map((w) => [w.key, w.rangeEnd, w.start])).toEqual([['/registry/events/default/', '/registry/events/default0', 42]]);
    const e1 = kv('/registry/events/default/e1', event('default', 'e1', 'Pulled'), 42);
    const e1b = { ...kv('/registry/events/default/e1', event('default', 'e1', 'Pulled').replace('"count":1', '"count":2'), 43, 42), version: 2 };
    watches[0]!.handler.onEvents([{ type: 'PUT', kv: e1 }, { type: 'PUT', kv: e1b, prevKv: e1 }, { type: 'DELETE', kv: { ...e1b, value: '', modRevision: 44, version: 0 }, prevKv: e1b }], 44);
    expect(sent.map((e) => [e.type, e.object?.metadata.resourceVersion, e.seq, e.watchId, e.conn])).toEqual([
      ['ADDED', '42', 1, 3, 7],
      ['MODIFIED', '43', 2, 3, 7],
      ['DELETED', '44', 3, 3, 7],
    ]);
    expect(sw.knows({ host: 'lb', port: 6443 }, 7)).toBe(true);
    sw.remove({ host: 'lb', port: 6443 }, 7, 3);
    expect(cancelled).toEqual([1]);
    expect(sw.size).toBe(0);
    // The connection is still this apiserver's (a ping on it is answered) until the
    // balancer closes it.
    expect(sw.knows({ host: 'lb', port: 6443 }, 7)).toBe(true);
    sw.dropConnection({ host: 'lb', port: 6443 }, 7);
    expect(sw.knows({ host: 'lb', port: 6443 }, 7)).toBe(false);
  });

  it('with no resourceVersion, sends the current objects as ADDED first, then watches from after that read; filters by name', () => {
    const { etcd, watches, reads } = fakeEtcd();
    const sent: KubeWatchEvent[] = [];
    const sw = new StorageWatches(etcd, () => 1000, (_w, ev) => sent.push(ev));
    sw.start(watcher({ name: 'e2' }), RESOURCES.events, '/registry/events/default/');
    expect(watches).toEqual([]);
    expect(reads[0]!.op).toEqual({ type: 'range', key: '/registry/events/default/', rangeEnd: '/registry/events/default0' });
    reads[0]!.cb({ ok: true, header: { clusterId: 0, memberId: 0, revision: 60, raftTerm: 1 }, response: { type: 'range', kvs: [kv('/registry/events/default/e1', event('default', 'e1', 'A'), 50), kv('/registry/events/default/e2', event('default', 'e2', 'B'), 51)], count: 2 } } as unknown as ClientResult);
    expect(sent.map((e) => [e.type, e.object?.metadata.name])).toEqual([['ADDED', 'e2']]);
    expect(watches[0]!.start).toBe(61);
  });

  it('ends with 410 Expired when its start was compacted, and hears nothing after', () => {
    const { etcd, watches } = fakeEtcd();
    const sent: KubeWatchEvent[] = [];
    const sw = new StorageWatches(etcd, () => 1000, (_w, ev) => sent.push(ev));
    sw.start(watcher({ resourceVersion: '5' }), RESOURCES.events, '/registry/events/');
    watches[0]!.handler.onCancel('mvcc: required revision has been compacted', 90);
    expect(sent.map((e) => [e.type, e.status?.reason, e.status?.code, e.status?.message])).toEqual([['ERROR', 'Expired', 410, 'The resourceVersion for the provided watch is too old.']]);
    expect(sw.size).toBe(0);
  });
});

describe('Events in a cluster', () => {
  it('are in etcd, not in the watch cache, and kubectl describe, the dashboard and a delete still find them', () => {
    const c = kubeCluster(`
name: uncached-events
seed: 3
until: 10m
topology: { masters: 1, workers: 1, dashboard: true }
manifests:${WEB_DEPLOYMENT('web', 1)}
`);
    const dash = () => c.views().get('client')?.processes['dashboard'] as DashboardView;
    expect(runUntilTrue(c, () => dash()?.synced && dash().pods.some((p) => p.phase === 'Running'), 60_000)).toBe(true);
    const keys = output(etcdctl(c, 'etcdctl get /registry/events/ --prefix --keys-only')).split('\n').filter((l) => l !== '');
    expect(keys.length).toBeGreaterThan(3);
    const all = output(etcdctl(c, 'etcdctl get /registry/ --prefix --keys-only')).split('\n').filter((l) => l !== '');
    const api = c.views().get('master-1')?.processes['kube-apiserver'] as { objects: number };
    // The cache holds everything under /registry/ but the Events (and the apiserver's
    // masterleases, which are not objects of a resource).
    expect(api.objects).toBeLessThanOrEqual(all.length - keys.length);
    // A pod created now: its Scheduled Event reaches the dashboard through an etcd watch.
    expect(output(kubectl(c, 'kubectl run solo --image=nginx:1.27'))).toBe('pod/solo created');
    expect(runUntilTrue(c, () => dash().events.some((e) => e.reason === 'Scheduled' && e.object.includes('solo')), 20_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl describe pod solo'))).toMatch(/Events:\n[\s\S]*Scheduled[\s\S]*Successfully assigned default\/solo to worker-1/);
    const scheduled = output(etcdctl(c, 'etcdctl get /registry/events/default/ --prefix --keys-only')).split('\n').find((k) => k.startsWith('/registry/events/default/solo.'));
    expect(scheduled).toBeDefined();
    const name = scheduled!.slice('/registry/events/default/'.length);
    expect(output(kubectl(c, `kubectl delete event ${name}`))).toBe(`event "${name}" deleted`);
    expect(output(etcdctl(c, `etcdctl get ${scheduled!} --keys-only`))).toBe('');
  });
});
