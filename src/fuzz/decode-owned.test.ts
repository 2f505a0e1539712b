// The watch cache decodes each stored value with asDecodedOwned (no copy of the parts
// that need no change); it must hand on exactly what asDecoded's copy does, for every
// kind and for hostile values (nulls in lists and maps, missing value structs,
// `__proto__` keys), as stored JSON can hold anything `etcdctl put` wrote.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asDecoded, asDecodedOwned } from '../kube/api/decode';
import { GOOD, KINDS, anyManifest } from './manifests';

/** The value as JSON, with each object's prototype marked (a `__proto__` key assigned by
 * the copy changes it). */
function shape(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(shape);
  const out: Record<string, unknown> = { '<proto>': Object.getPrototypeOf(v) === Object.prototype ? 'Object' : shape(Object.getPrototypeOf(v)) };
  for (const k of Object.keys(v)) out[`.${k}`] = shape((v as Record<string, unknown>)[k]);
  return out;
}

describe('asDecodedOwned', () => {
  it('gives what asDecoded gives, for schema-generated and hostile objects of every kind', () => {
    fc.assert(
      fc.property(anyManifest, (m) => {
        const text = JSON.stringify(m);
        const kind = (m as { kind: string }).kind;
        const copied = asDecoded(JSON.parse(text), kind);
        const owned = asDecodedOwned(JSON.parse(text), kind);
        expect(shape(owned)).toEqual(shape(copied));
        expect(JSON.stringify(owned)).toBe(JSON.stringify(copied));
      }),
      { numRuns: 3000, seed: 14 },
    );
  });

  it('keeps an object that needs no change, and copies one that does', () => {
    for (const kind of KINDS) {
      const good = GOOD[kind];
      if (!good) continue;
      const once = asDecoded(JSON.parse(JSON.stringify(good)), kind);
      const parsed = JSON.parse(JSON.stringify(once));
      expect(asDecodedOwned(parsed, kind)).toBe(parsed);
    }
    const pod = JSON.parse('{"kind":"Pod","metadata":{"name":"a","labels":{"x":null}},"spec":{"tolerations":[null],"containers":[]},"status":{"conditions":[{"type":"Ready","lastProbeTime":null}]}}');
    const out = asDecodedOwned(pod, 'Pod');
    expect(out).not.toBe(pod);
    expect(out).toEqual(asDecoded(JSON.parse(JSON.stringify(pod)), 'Pod'));
    expect(out.status).toBe(pod.status);
  });
});
