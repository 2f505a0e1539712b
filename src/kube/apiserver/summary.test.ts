// The apiserver's picture for the UI reads what etcd holds, and etcdctl can write a
// pod status no kubelet would: the picture (a view: it must not throw) copes.

import { describe, expect, it } from 'vitest';
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
});
