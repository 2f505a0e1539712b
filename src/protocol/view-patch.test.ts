import { describe, expect, it } from 'vitest';
import { applyViewChanges, diffViews } from './view-patch';

const pods = (n: number, phase = 'Running') => Array.from({ length: n }, (_, i) => ({ name: `web-${i}`, phase }));

describe('view changes', () => {
  it('equal views give no change; a changed field gives its path only', () => {
    const a = { api: { revision: 5, cluster: { pods: pods(10) } }, etcd: { term: 2 } };
    expect(diffViews(a, structuredClone(a))).toEqual([]);
    const b = structuredClone(a);
    b.api.revision = 6;
    b.api.cluster.pods[3]!.phase = 'Failed';
    expect(diffViews(a, b)).toEqual([
      { path: ['api', 'revision'], value: 6 },
      { path: ['api', 'cluster', 'pods', 3, 'phase'], value: 'Failed' },
    ]);
  });

  it('added and removed keys; an array of another length or mostly changed goes whole', () => {
    expect(diffViews({ a: 1, b: 2 }, { a: 1, c: 3 })).toEqual([{ path: ['c'], value: 3 }, { path: ['b'], removed: true }]);
    expect(diffViews({ l: [1, 2] }, { l: [1, 2, 3] })).toEqual([{ path: ['l'], value: [1, 2, 3] }]);
    expect(diffViews({ l: [1, 2, 3] }, { l: [2, 3, 4] })).toEqual([{ path: ['l'], value: [2, 3, 4] }]);
    expect(diffViews({ v: { kind: 'etcd' } }, { v: { kind: 'crashed' } })).toEqual([{ path: ['v', 'kind'], value: 'crashed' }]);
    expect(diffViews({ v: 1 }, { v: { x: 1 } })).toEqual([{ path: ['v'], value: { x: 1 } }]);
  });

  it('applied to the old views they give the new ones, sharing every unchanged part', () => {
    const a = { api: { revision: 5, cluster: { pods: pods(10), nodes: [{ name: 'w-1' }] } }, sched: { decisions: [1, 2, 3] }, gone: { x: 1 } };
    const b = structuredClone(a) as Record<string, unknown> & typeof a;
    b.api.revision = 9;
    b.api.cluster.pods[7]!.phase = 'Pending';
    b.sched.decisions = [2, 3, 4];
    delete (b as Partial<typeof a>).gone;
    const changes = diffViews(a, b);
    const c = applyViewChanges(a, changes);
    expect(c).toEqual(b);
    expect(c.api.cluster.nodes).toBe(a.api.cluster.nodes);
    expect(c.api.cluster.pods[6]).toBe(a.api.cluster.pods[6]);
    expect(c.api.cluster.pods[7]).not.toBe(a.api.cluster.pods[7]);
    expect(a.api.revision).toBe(5); // the old views are not touched
    expect(applyViewChanges(c, changes)).toEqual(b); // twice: the same
  });
});
