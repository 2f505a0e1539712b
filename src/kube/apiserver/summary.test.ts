// The apiserver's picture for the UI reads what etcd holds, and etcdctl can write a
// pod status no kubelet would: the picture (a view: it must not throw) copes.

import { describe, expect, it } from 'vitest';
import { timestamp } from '../api/time';
import { WatchCache } from './cache';
import { summarize } from './summary';

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
});
