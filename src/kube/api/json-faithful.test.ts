// jsonFaithful says yes only for values that are exactly what their JSON text parses
// back to: the watch cache hands such an object out in place of the parse.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonFaithful } from './json-faithful';

/** The same keys in the same order, the same values, the same kind of node, all the way
 * down (Object.is for leaves: -0 is not 0). */
function same(a: unknown, b: unknown): boolean {
  if (a === null || typeof a !== 'object') return Object.is(a, b);
  if (b === null || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b) || Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

const roundTrip = (v: unknown): unknown => JSON.parse(JSON.stringify(v)) as unknown;

describe('jsonFaithful', () => {
  it('says yes only when the JSON round trip gives the same value back', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withSparseArray: true, withBoxedValues: true, withDate: true }), (v) => {
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol' || typeof v === 'bigint') return;
        if (jsonFaithful(v)) expect(same(roundTrip(v), v)).toBe(true);
      }),
      { numRuns: 2000 },
    );
    // What JSON.parse gives is faithful (but for an own "__proto__" key, refused on purpose).
    fc.assert(fc.property(fc.jsonValue(), (v) => {
        expect(jsonFaithful(roundTrip(v))).toBe(!JSON.stringify(v).includes('"__proto__":'));
      }), { numRuns: 2000 });
  });

  it('says no to what the round trip changes', () => {
    const proto = JSON.parse('{"__proto__": {"a": 1}}') as unknown;
    const sparse: unknown[] = [1];
    sparse[2] = 2;
    for (const v of [{ a: undefined }, [undefined], sparse, { n: NaN }, { n: Infinity }, { n: -0 }, { d: new Date(0) }, { f: () => 1 }, Object.create(null), new (class X {})(), { toJSON: () => 1 }, proto, { deep: { list: [{ x: undefined }] } }]) {
      expect(jsonFaithful(v), JSON.stringify(v)).toBe(false);
    }
    expect(jsonFaithful({ a: [1, 'x', true, null, { b: {} }], n: 0, m: -1.5 })).toBe(true);
  });
});
