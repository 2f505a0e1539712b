// The apiserver's picture for the UI reads what etcd holds, and etcdctl can write a
// pod status no kubelet would: the picture (a view: it must not throw) copes.

import { describe, expect, it } from 'vitest';
import { timestamp } from '../api/time';
import { WatchCache } from './cache';
import { SummaryBook, summarize } from './summary';

describe('summarize', () => {
  it('reads container statuses without a state or a restart count', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx' }] }, status: { phase: 'Running', containerStatuses: [{}, { name: 'c', state: { waiting: { reason: 'CrashLoopBackOff' } }, restartCount: 3 }] } };
    const cache = new WatchCache();
    cache.reset([{ key: '/registry/pods/default/p', value: JSON.stringify(pod), createRevision: 2, modRevision: 2, version: 1, lease: 0 }], 2);
    const s = summarize(cache);
    expect(s.pods).toEqual([expect.objectContaining({ name: 'p', restarts: 3, reason: 'CrashLoopBackOff' })]);
  });

  it("gives a CronJob's next run: the first scheduled minute after its last start, or its creation; none while suspended", () => {
    const cronjob = (name: string, extra: { suspend?: boolean; last?: number }) => ({
      apiVersion: 'batch/v1', kind: 'CronJob',
      metadata: { name, namespace: 'default', creationTimestamp: timestamp(30_000) },
      spec: { schedule: '*/2 * * * *', ...(extra.suspend ? { suspend: true } : {}), jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } } },
      ...(extra.last !== undefined ? { status: { lastScheduleTime: timestamp(extra.last) } } : {}),
    });
    const kv = (cj: ReturnType<typeof cronjob>, rev: number) => ({ key: `/registry/cronjobs/default/${cj.metadata.name}`, value: JSON.stringify(cj), createRevision: rev, modRevision: rev, version: 1, lease: 0 });
    const cache = new WatchCache();
    cache.reset([kv(cronjob('fresh', {}), 2), kv(cronjob('ran', { last: 120_000 }), 3), kv(cronjob('off', { suspend: true }), 4)], 4);
    const byName = Object.fromEntries((summarize(cache).cronjobs ?? []).map((c) => [c.name, c]));
    // Sim time 0 is a whole minute on the sim calendar: */2 runs at 120 s, 240 s, …
    expect(byName['fresh']?.nextScheduleMs).toBe(120_000);
    expect(byName['ran']?.nextScheduleMs).toBe(240_000);
    expect(byName['ran']?.lastScheduleMs).toBe(120_000);
    expect(byName['off']?.nextScheduleMs).toBeUndefined();
  });

  it('keeps every part that did not change the same object, and an unchanged summary whole', () => {
    const node = (name: string, heartbeat: number) => ({
      apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name } },
      spec: { podCIDR: '10.244.1.0/24', taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: timestamp(5_000) }] },
      status: { conditions: [{ type: 'Ready', status: 'True', lastHeartbeatTime: timestamp(heartbeat) }], addresses: [{ type: 'InternalIP', address: '10.0.0.21' }] },
    });
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx' }], tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }] }, status: { phase: 'Running' } };
    const lease = (name: string, renew: number) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-system' }, spec: { holderIdentity: 'master-1', leaseDurationSeconds: 15, renewTime: `${timestamp(renew).slice(0, -1)}.000000Z` } });
    const kv = (key: string, o: unknown, rev: number) => ({ key, value: JSON.stringify(o), createRevision: 2, modRevision: rev, version: 1, lease: 0 });
    const cache = new WatchCache();
    cache.reset([
      kv('/registry/minions/worker-1', node('worker-1', 1_000), 2),
      kv('/registry/pods/default/p', pod, 3),
      kv('/registry/leases/kube-system/kube-scheduler', lease('kube-scheduler', 1_000), 4),
      kv('/registry/leases/kube-system/kube-controller-manager', lease('kube-controller-manager', 1_000), 5),
    ], 5);
    const first = summarize(cache);
    expect(first.pods[0]).toMatchObject({ name: 'p', evictAtMs: 305_000 });
    expect(summarize(cache, first)).toBe(first);
    // A renewal: the leases' parts change, the rest is the same objects.
    cache.apply([{ type: 'PUT', kv: kv('/registry/leases/kube-system/kube-scheduler', lease('kube-scheduler', 3_000), 6) }], 6);
    const renewed = summarize(cache, first);
    expect(renewed).not.toBe(first);
    expect(renewed.pods).toBe(first.pods);
    expect(renewed.nodes).toBe(first.nodes);
    expect(renewed.leases).toBe(first.leases); // the same holders
    expect(renewed.leaseTimes).not.toBe(first.leaseTimes);
    expect(renewed.leaseTimes!['kube-system/kube-controller-manager']).toBe(first.leaseTimes!['kube-system/kube-controller-manager']);
    expect(renewed.leaseTimes!['kube-system/kube-scheduler']).toEqual({ renewMs: 3_000, durationS: 15 });
    // A node status with a new heartbeat: a new Node object, the same summaries.
    cache.apply([{ type: 'PUT', kv: kv('/registry/minions/worker-1', node('worker-1', 11_000), 7) }], 7);
    const heartbeat = summarize(cache, renewed);
    expect(heartbeat).toBe(renewed);
    // A change the picture shows is a new part, and equal to a fresh summary's.
    const cordoned = { ...node('worker-1', 11_000), spec: { ...node('worker-1', 11_000).spec, unschedulable: true } };
    cache.apply([{ type: 'PUT', kv: kv('/registry/minions/worker-1', cordoned, 8) }], 8);
    const after = summarize(cache, heartbeat);
    expect(after.nodes).not.toBe(heartbeat.nodes);
    expect(after.nodes[0]!.unschedulable).toBe(true);
    expect(after.pods).toBe(heartbeat.pods);
    expect(after).toEqual(summarize(cache));
  });

  it('kept as the cache moves (SummaryBook) is the summary made from the lists, through renewals, new objects, deletes, a window overrun and a reset back', () => {
    const lease = (name: string, renew: number, holder: string) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-node-lease' }, spec: { holderIdentity: holder, leaseDurationSeconds: 40, ...(renew > 0 ? { renewTime: `${timestamp(renew).slice(0, -1)}.000000Z` } : {}) } });
    const pod = (name: string, node: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx' }] }, status: { phase: 'Running' } });
    const event = (name: string) => ({ apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' }, involvedObject: { kind: 'Pod', name: 'p' }, reason: 'Pulled', message: 'm', type: 'Normal' });
    const key = (o: { kind: string; metadata: { name: string; namespace: string } }) => `/registry/${{ Lease: 'leases', Pod: 'pods', Event: 'events' }[o.kind]}/${o.metadata.namespace}/${o.metadata.name}`;
    const cache = new WatchCache();
    const book = new SummaryBook();
    let rev = 1;
    const put = (o: ReturnType<typeof lease> | ReturnType<typeof pod> | ReturnType<typeof event>) => {
      rev++;
      cache.apply([{ type: 'PUT', kv: { key: key(o), value: JSON.stringify(o), createRevision: rev, modRevision: rev, version: 1, lease: 0 } }], rev);
    };
    const del = (k: string) => {
      rev++;
      cache.apply([{ type: 'DELETE', kv: { key: k, value: '', createRevision: 0, modRevision: rev, version: 0, lease: 0 } }], rev);
    };
    const check = () => expect(book.of(cache)).toEqual(summarize(cache));
    check();
    for (const n of ['worker-1', 'worker-2', 'master-1']) put(lease(n, 1_000, n));
    check();
    // A pseudo-random walk (a fixed LCG): renewals, holder changes, a lease that loses
    // its times, Events, pods coming and going.
    let x = 7;
    const next = (m: number) => (x = (x * 1103515245 + 12345) % 2147483648) % m;
    for (let step = 0; step < 400; step++) {
      const n = ['worker-1', 'worker-2', 'master-1'][next(3)]!;
      switch (next(6)) {
        case 0: case 1: put(lease(n, 1_000 + step * 100, n)); break;
        case 2: put(lease(n, next(4) === 0 ? 0 : step * 100, next(2) === 0 ? n : 'other')); break;
        case 3: put(event(`e${step}`)); break;
        case 4: put(pod(`p${next(5)}`, n)); break;
        default: del(key(pod(`p${next(5)}`, n)));
      }
      if (next(3) === 0) check();
    }
    check();
    // More changes than the cache's window holds: the book makes the summary again.
    for (let i = 0; i < 2100; i++) put(event(`flood${i}`));
    put(lease('worker-1', 999_000, 'worker-1'));
    check();
    // A relist after a restore: the cache goes back to an older revision.
    cache.reset([{ key: key(lease('worker-2', 5_000, 'worker-2')), value: JSON.stringify(lease('worker-2', 5_000, 'worker-2')), createRevision: 2, modRevision: 3, version: 1, lease: 0 }], 3);
    check();
    expect(book.of(cache).leases).toEqual({ 'kube-node-lease/worker-2': 'worker-2' });
  });
});
