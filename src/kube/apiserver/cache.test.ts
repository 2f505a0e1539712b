// The watch cache's window of recent changes: a watch resumes over the last 2 000
// changes, older versions get 410 Gone, whatever the window's bookkeeping.

import { describe, expect, it } from 'vitest';
import { WatchCache } from './cache';

function cm(name: string, n: number) {
  return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { n: String(n) } });
}

describe('WatchCache window', () => {
  it('resumes over the last 2 000 changes and answers older versions with Gone, across many batches', () => {
    const cache = new WatchCache();
    cache.reset([{ key: '/registry/namespaces/default', value: JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } }), createRevision: 1, modRevision: 1, version: 1, lease: 0 }], 1);
    let rev = 1;
    // 5 000 changes in batches of three (the window is compacted on the way).
    for (let b = 0; b < 5000 / 2.5; b++) {
      const events = [0, 1, 2].map(() => {
        rev++;
        return { type: 'PUT' as const, kv: { key: `/registry/configmaps/default/c${rev % 7}`, value: cm(`c${rev % 7}`, rev), createRevision: 2, modRevision: rev, version: 1, lease: 0 } };
      });
      cache.apply(events, rev);
    }
    expect(cache.rev).toBe(rev);
    // The window holds exactly the last 2 000 changes.
    expect(cache.since(rev - 2000)?.map((c) => c.rev)).toEqual(Array.from({ length: 2000 }, (_, i) => rev - 1999 + i));
    expect(cache.since(rev - 2001)).toBeUndefined();
    expect(cache.since(rev - 3)?.map((c) => c.rev)).toEqual([rev - 2, rev - 1, rev]);
    expect(cache.since(rev)).toEqual([]);
    expect(cache.get(`/registry/configmaps/default/c${rev % 7}`)?.object.metadata.resourceVersion).toBe(String(rev));
  });
});
