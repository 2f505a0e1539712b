import { describe, expect, it } from 'vitest';
import type { MachineState } from '../protocol/frames';
import { applyViewChanges } from '../protocol/view-patch';
import { sameValue, ViewDiff } from './view-diff';

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
