import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
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

  it('a list of keyed items that slid or grew keeps its items by key and sends only the new ones', () => {
    // A scheduler's last decisions slide by one: the kept nine are not sent again.
    const decision = (i: number) => ({ pod: `default/web-${i}`, uid: `u${i}`, atMs: i, rows: [{ node: 'w-1', total: i }] });
    const a = { sched: { decisions: Array.from({ length: 10 }, (_, i) => decision(i)) } };
    const b = { sched: { decisions: Array.from({ length: 10 }, (_, i) => decision(i + 1)) } };
    const slid = diffViews(a, b);
    expect(slid).toEqual([{ path: ['sched', 'decisions'], value: [decision(10)], from: [1, 2, 3, 4, 5, 6, 7, 8, 9, -1] }]);
    const c = applyViewChanges(a, slid);
    expect(c).toEqual(b);
    expect(c.sched.decisions[0]).toBe(a.sched.decisions[1]);
    expect(a.sched.decisions[0]!.uid).toBe('u0'); // the old views are not touched

    // A pod created in the middle of a sorted list, and a kept one that changed.
    const p = { api: { pods: [{ namespace: 'default', name: 'a', phase: 'Running' }, { namespace: 'default', name: 'c', phase: 'Pending' }] } };
    const q = { api: { pods: [{ namespace: 'default', name: 'a', phase: 'Running' }, { namespace: 'default', name: 'b', phase: 'Pending' }, { namespace: 'default', name: 'c', phase: 'Running' }] } };
    const grew = diffViews(p, q);
    expect(grew).toEqual([
      { path: ['api', 'pods'], value: [{ namespace: 'default', name: 'b', phase: 'Pending' }], from: [0, -1, 1] },
      { path: ['api', 'pods', 2, 'phase'], value: 'Running' },
    ]);
    const r = applyViewChanges(p, grew);
    expect(r).toEqual(q);
    expect(r.api.pods[0]).toBe(p.api.pods[0]);
    expect(p.api.pods[1]!.phase).toBe('Pending');
  });

  it('lists without keys, with a repeated key, or with nothing kept still go whole', () => {
    expect(diffViews({ l: [1, 2] }, { l: [1, 2, 3] })).toEqual([{ path: ['l'], value: [1, 2, 3] }]);
    const twice = [{ name: 'x' }, { name: 'x', v: 1 }];
    expect(diffViews({ l: [{ name: 'x' }] }, { l: twice })).toEqual([{ path: ['l'], value: twice }]);
    expect(diffViews({ l: [{ name: 'x' }] }, { l: [{ name: 'y' }, { name: 'z' }] })).toEqual([{ path: ['l'], value: [{ name: 'y' }, { name: 'z' }] }]);
  });

  it('applied to the views they were made against, changes always give the new views', () => {
    // Lists of keyed records (few names, so lists share, reorder, grow and shrink) and
    // of plain values, nested.
    const leaf = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', 'b'), fc.constant(null));
    const item = fc.record({ name: fc.constantFrom('p', 'q', 'r', 's', 't'), phase: leaf, tags: fc.array(leaf, { maxLength: 3 }) }, { requiredKeys: ['name'] });
    const list = fc.oneof(fc.uniqueArray(item, { selector: (x) => x.name, maxLength: 5 }), fc.array(item, { maxLength: 4 }), fc.array(leaf, { maxLength: 4 }));
    const view = fc.dictionary(fc.constantFrom('x', 'y'), fc.record({ list, n: leaf }), { noNullPrototype: true });
    fc.assert(
      fc.property(view, view, (a, b) => {
        const before = structuredClone(a);
        const changes = diffViews(a, b);
        expect(applyViewChanges(a, changes)).toEqual(b);
        expect(a).toEqual(before);
      }),
      { numRuns: 2000 },
    );
  });
});
