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

describe('WatchCache lists', () => {
  const kv = (key: string, value: string, rev: number) => ({ key, value, createRevision: rev, modRevision: rev, version: 1, lease: 0 });
  const obj = (kind: string, name: string, namespace?: string) => JSON.stringify({ apiVersion: 'v1', kind, metadata: { name, ...(namespace ? { namespace } : {}) } });

  it('find what a walk over every key by prefix finds, in key order, after puts and deletes', () => {
    const cache = new WatchCache();
    cache.reset(
      [
        kv('/registry/namespaces/default', obj('Namespace', 'default'), 1),
        kv('/registry/configmaps/kube-system/b', obj('ConfigMap', 'b', 'kube-system'), 2),
        kv('/registry/configmaps/default/z', obj('ConfigMap', 'z', 'default'), 3),
        kv('/registry/services/specs/default/web', JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { clusterIP: '10.96.0.10', ports: [{ port: 80, protocol: 'TCP' }] } }), 4),
      ],
      4,
    );
    cache.apply(
      [
        { type: 'PUT', kv: kv('/registry/configmaps/default/a', obj('ConfigMap', 'a', 'default'), 5) },
        { type: 'DELETE', kv: kv('/registry/configmaps/default/z', '', 6) },
        { type: 'PUT', kv: kv('/registry/minions/worker-1', obj('Node', 'worker-1'), 7) },
      ],
      7,
    );
    const names = (prefix: string) => cache.list(prefix).map((o) => `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`);
    expect(names('/registry/configmaps/')).toEqual(['ConfigMap/default/a', 'ConfigMap/kube-system/b']);
    expect(names('/registry/configmaps/default/')).toEqual(['ConfigMap/default/a']);
    expect(names('/registry/services/specs/')).toEqual(['Service/default/web']);
    expect(names('/registry/pods/')).toEqual([]);
    // A prefix above any resource's walks everything.
    expect(names('/registry/')).toEqual(['ConfigMap/default/a', 'ConfigMap/kube-system/b', 'Node//worker-1', 'Namespace//default', 'Service/default/web']);
    expect(names('/registry/services/')).toEqual(['Service/default/web']);
    expect(cache.listResources(['/registry/minions/', '/registry/configmaps/']).map((l) => l.map((o) => o.metadata.name))).toEqual([['worker-1'], ['a', 'b']]);
  });
});
