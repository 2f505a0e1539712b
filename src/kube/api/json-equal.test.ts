import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonCopy } from './json-copy';
import { jsonEqual } from './json-equal';

describe('jsonEqual', () => {
  // A small domain, so that equal texts come up often, not only unequal ones.
  const leaf = fc.oneof(fc.constantFrom('a', 'b', '', '1970-01-01T00:00:00.000Z'), fc.constant(new Date(0)), fc.boolean(), fc.constantFrom(0, -0, 1, NaN, Infinity), fc.constant(undefined), fc.constant(null), fc.constant(() => 1));
  const key = fc.constantFrom('a', 'b', '1', '2', '__proto__');
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(key, tie('v'), { maxKeys: 3 })),
  })).v;
  const text = (v: unknown) => JSON.stringify(v);

  it('says what comparing the JSON texts says', () => {
    let equal = 0;
    fc.assert(
      fc.property(value, value, (a, b) => {
        if (text(a) === text(b)) equal++;
        expect(jsonEqual(a, b)).toBe(text(a) === text(b));
        expect(jsonEqual(a, jsonCopy(a))).toBe(true);
      }),
      { numRuns: 2000 },
    );
    expect(equal).toBeGreaterThan(50); // the property saw both answers
  });

  it('reads key order and dates as JSON does', () => {
    expect(jsonEqual({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(false);
    expect(jsonEqual({ 2: 'x', 1: 'y' }, { 1: 'y', 2: 'x' })).toBe(true);
    expect(jsonEqual({ a: undefined, b: 1 }, { b: 1 })).toBe(true);
    expect(jsonEqual([undefined], [null])).toBe(true);
    expect(jsonEqual(new Date(0), '1970-01-01T00:00:00.000Z')).toBe(true);
    expect(jsonEqual({ d: new Date(0) }, { d: new Date(1) })).toBe(false);
    expect(jsonEqual({ d: new Date(0) }, { d: new Date(0) })).toBe(true);
  });
});
