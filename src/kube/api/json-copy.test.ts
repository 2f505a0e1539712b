import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonCopy } from './json-copy';

/** Same JSON text and the same key order all the way down. */
function sameShape(a: unknown, b: unknown): void {
  expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  if (a !== null && typeof a === 'object') {
    expect(Object.keys(a)).toEqual(Object.keys(b as object));
    expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
    for (const k of Object.keys(a)) sameShape((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]);
  }
}

describe('jsonCopy', () => {
  it('gives what a JSON round trip gives', () => {
    const leaf = fc.oneof(fc.string(), fc.boolean(), fc.double(), fc.integer(), fc.constant(undefined), fc.constant(null), fc.constant(-0), fc.constant(NaN), fc.constant(() => 1));
    const key = fc.oneof(fc.string(), fc.constantFrom('__proto__', '1', '10', '2', 'constructor', 'toString'));
    const value = fc.letrec((tie) => ({
      v: fc.oneof({ depthSize: 'small' }, leaf, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(key, tie('v'), { maxKeys: 5 })),
    })).v;
    fc.assert(
      fc.property(value, (v) => {
        const expected = v === undefined || typeof v === 'function' ? undefined : JSON.parse(JSON.stringify(v));
        const got = jsonCopy(v);
        sameShape(got, expected);
      }),
      { numRuns: 500 },
    );
  });

  it('copies: nothing is shared with the input', () => {
    const input = { a: { b: [{ c: 1 }] }, d: undefined, e: new Date(0) };
    const out = jsonCopy(input) as unknown as { a: { b: { c: number }[] }; e: string };
    out.a.b[0]!.c = 2;
    expect(input.a.b[0]!.c).toBe(1);
    expect(out).toEqual({ a: { b: [{ c: 2 }] }, e: '1970-01-01T00:00:00.000Z' });
    expect('d' in out).toBe(false);
  });
});
