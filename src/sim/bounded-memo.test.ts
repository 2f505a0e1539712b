import { describe, expect, it } from 'vitest';
import { BoundedMemo } from './bounded-memo';

describe('BoundedMemo', () => {
  it('keeps what was set or read recently and stays within two generations', () => {
    const m = new BoundedMemo<string, number>(3);
    for (const [i, k] of ['a', 'b', 'c'].entries()) m.set(k, i);
    expect(m.get('a')).toBe(0);
    m.set('d', 3); // the young generation was full: a, b, c become the old one
    expect(m.get('b')).toBe(1); // read from the old generation: moves to the young one
    m.set('e', 4);
    m.set('f', 5); // young (d, b, e) full: it becomes the old one, a and c are dropped
    expect(m.get('a')).toBeUndefined();
    expect(m.get('c')).toBeUndefined();
    expect([m.get('b'), m.get('d'), m.get('e'), m.get('f')]).toEqual([1, 3, 4, 5]);
    expect(m.size).toBeLessThanOrEqual(6);
  });

  it('replaces a value in place without turning a generation over', () => {
    const m = new BoundedMemo<string, number>(2);
    m.set('a', 1);
    m.set('b', 2);
    m.set('b', 3);
    expect([m.get('a'), m.get('b')]).toEqual([1, 3]);
  });

  it('refuses a generation of no entries', () => {
    expect(() => new BoundedMemo(0)).toThrow(/at least one entry/);
  });
});
