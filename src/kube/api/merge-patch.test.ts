import { describe, expect, it } from 'vitest';
import { mergePatch } from './merge-patch';

describe('mergePatch (RFC 7386)', () => {
  it('merges objects, replaces arrays and values, removes null keys, leaves the target alone', () => {
    const node = { metadata: { name: 'w1', labels: { a: '1' } }, spec: { taints: [{ key: 'x' }], unschedulable: true } };
    const out = mergePatch(node, { spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], unschedulable: null }, metadata: { labels: { b: '2' } } });
    expect(out).toEqual({ metadata: { name: 'w1', labels: { a: '1', b: '2' } }, spec: { taints: [{ key: 'x' }], podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'] } });
    expect(node.spec).toEqual({ taints: [{ key: 'x' }], unschedulable: true });
    // RFC 7386's examples: an array replaces, a non-object patch replaces the whole.
    expect(mergePatch({ a: [1, 2] }, { a: [3] })).toEqual({ a: [3] });
    expect(mergePatch({ a: 'b' }, ['c'])).toEqual(['c']);
    expect(mergePatch({ a: { bb: 'c' } }, { a: { bb: null } })).toEqual({ a: {} });
  });
});
