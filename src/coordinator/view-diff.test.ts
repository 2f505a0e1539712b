import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { MachineState } from '../protocol/frames';
import { applyViewChanges } from '../protocol/view-patch';
import { reuseEqual, sameValue, ViewDiff } from './view-diff';

const up = (name: string, processes: Record<string, unknown>): MachineState => ({ name, kind: 'worker', status: 'up', processes });

describe('ViewDiff', () => {
  it('marks a machine whose views equal the last posted ones, and carries changed, new and down machines whole', () => {
    const d = new ViewDiff();
    const a = { kubelet: { pods: [1, 2] } };
    expect(d.mark([up('w1', a), up('w2', { x: 1 })])).toEqual([up('w1', a), up('w2', { x: 1 })]);
    const next = d.mark([up('w1', { kubelet: { pods: [1, 2] } }), up('w2', { x: 2 }), up('w3', { y: 1 })]);
    expect(next).toEqual([{ name: 'w1', kind: 'worker', status: 'up', sameView: true }, up('w2', { x: 2 }), up('w3', { y: 1 })]);
    // Down, then up with the same views: carried again (the UI dropped them meanwhile).
    d.mark([{ name: 'w1', kind: 'worker', status: 'down' }]);
    expect(d.mark([up('w1', a)])).toEqual([up('w1', a)]);
    d.reset();
    expect(d.mark([up('w1', a)])).toEqual([up('w1', a)]);
  });

  it('carries a machine whose views changed in a few fields as those changes, which rebuild its views', () => {
    const d = new ViewDiff();
    const pods = Array.from({ length: 50 }, (_, i) => ({ name: `web-${i}`, phase: 'Running' }));
    const before = { 'kube-apiserver': { revision: 7, cluster: { pods } }, kubelet: { pods: 3 } };
    d.mark([up('m1', before)]);
    const after = { 'kube-apiserver': { revision: 8, cluster: { pods: pods.map((p, i) => (i === 4 ? { ...p, phase: 'Failed' } : p)) } }, kubelet: { pods: 3 } };
    const [m] = d.mark([up('m1', after)]);
    expect(m).toEqual({
      name: 'm1', kind: 'worker', status: 'up',
      viewChanges: [
        { path: ['kube-apiserver', 'revision'], value: 8 },
        { path: ['kube-apiserver', 'cluster', 'pods', 4, 'phase'], value: 'Failed' },
      ],
    });
    expect(applyViewChanges(before, m!.viewChanges!)).toEqual(after);
    // A process that starts is sent with the machine's views whole.
    const more = { ...after, 'kube-proxy': { rules: [] } };
    expect(d.mark([up('m1', more)])).toEqual([up('m1', more)]);
  });

  it('sameValue is deep equality of plain data', () => {
    expect(sameValue({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(sameValue({ a: [1] }, { a: [1, 2] })).toBe(false);
    expect(sameValue({ a: 1 }, { b: 1 })).toBe(false);
    expect(sameValue({ a: undefined }, {})).toBe(false);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue('x', 'x')).toBe(true);
  });
});

describe('reuseEqual', () => {
  // JSON-like views, small enough that prev and next often share equal parts.
  const leaf = fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('a', 'b'), fc.boolean(), fc.constant(null));
  const { view } = fc.letrec((tie) => ({
    view: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('arr'), tie('obj')),
    arr: fc.array(tie('view'), { maxLength: 3 }),
    obj: fc.dictionary(fc.constantFrom('x', 'y', 'z'), tie('view'), { maxKeys: 3, noNullPrototype: true }),
  }));
  /** Every object or array of `r` that deep-equals the part of `prev` at the same path is that part. */
  const sharesEqualParts = (prev: unknown, r: unknown): boolean => {
    if (typeof r !== 'object' || r === null) return true;
    if (typeof prev === 'object' && prev !== null && Array.isArray(prev) === Array.isArray(r) && sameValue(prev, r)) return prev === r;
    const p = (typeof prev === 'object' && prev !== null ? prev : {}) as Record<string, unknown>;
    return Object.entries(r).every(([k, v]) => sharesEqualParts(Array.isArray(r) === Array.isArray(prev) ? p[k] : undefined, v));
  };

  it('gives a value deep-equal to next, sharing every part equal to prev, without touching next', () => {
    fc.assert(
      fc.property(view, view, (prev, next) => {
        const before = JSON.stringify(next);
        const r = reuseEqual(prev, next);
        expect(r).toStrictEqual(next);
        expect(JSON.stringify(next)).toBe(before);
        expect(sharesEqualParts(prev, r)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('returns prev itself when the two are equal, and next itself when nothing is shared', () => {
    const prev = { a: [1, 2], b: { c: 'x' } };
    expect(reuseEqual(prev, { a: [1, 2], b: { c: 'x' } })).toBe(prev);
    const next = { a: [3], b: { c: 'y' } };
    expect(reuseEqual(prev, next)).toBe(next);
    const partly = { a: [1, 2], b: { c: 'y' } };
    const r = reuseEqual(prev, partly);
    expect(r).not.toBe(partly);
    expect(r.a).toBe(prev.a);
    expect(r.b).toBe(partly.b);
    // A key more or less is a change, even with an undefined value.
    const p1 = { a: 1 };
    expect(Object.keys(reuseEqual(p1, { a: 1, b: undefined }))).toEqual(['a', 'b']);
    expect(reuseEqual({ a: 1, b: undefined }, p1)).toBe(p1);
    expect(reuseEqual([1, 2], [1, 2, 3])).toEqual([1, 2, 3]);
    expect(reuseEqual([1, 2, 3], [1, 2])).toEqual([1, 2]);
  });
});
