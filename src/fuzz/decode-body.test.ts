// The apiserver decodes a create's or update's body in one walk (decode-body.ts); it
// must hand on exactly what the three walks did (the type check, asDecoded's copy, then
// applyDefaults' JSON copy), and refuse exactly the bodies the type check refused, for
// schema-generated and hostile bodies of every kind.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { asDecoded, decodeFailure } from '../kube/api/decode';
import { decodeBody } from '../kube/api/decode-body';
import { jsonCopy } from '../kube/api/json-copy';
import { GOOD, KINDS, anyManifest } from './manifests';

/** The value with each object's prototype marked and undefined kept apart from absent. */
function shape(v: unknown): unknown {
  if (v === undefined) return '<undefined>';
  if (v === null || typeof v !== 'object') return Object.is(v, -0) ? '<-0>' : v;
  if (Array.isArray(v)) return Array.from(v, shape);
  const out: Record<string, unknown> = { '<proto>': Object.getPrototypeOf(v) === Object.prototype ? 'Object' : 'other' };
  for (const k of Object.keys(v)) out[`.${k}`] = shape((v as Record<string, unknown>)[k]);
  return out;
}

/** Whether the value holds what decodeBody leaves to the slow path. */
function slowOnly(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== Array.prototype) return true;
  return Object.keys(v).some((k) => k === '__proto__' || k === 'toJSON' || slowOnly((v as Record<string, unknown>)[k]));
}

/** What the three walks gave: undefined for a body the type check refused. */
function threeWalks(kind: string, body: Record<string, unknown>): unknown {
  if (decodeFailure({ ...body, kind }, false) !== undefined) return undefined;
  return jsonCopy(asDecoded({ ...body, metadata: body.metadata ?? {} }, kind));
}

describe('decodeBody', () => {
  it('gives what the type check, asDecoded and the JSON copy gave (4 000 bodies)', () => {
    let decoded = 0;
    let refused = 0;
    fc.assert(
      fc.property(anyManifest, fc.boolean(), (m, wire) => {
        // A body as kubectl sends it (parsed JSON) or as a component builds it.
        const body = wire ? (JSON.parse(JSON.stringify(m)) as Record<string, unknown>) : m;
        const kind = (m as { kind: string }).kind;
        const want = threeWalks(kind, body);
        const got = decodeBody(kind, body);
        if (got === undefined) {
          // Refused, or left to the slow path (a `__proto__` key, an object without
          // Object.prototype: fast-check makes some).
          if (want !== undefined) expect(slowOnly(body)).toBe(true);
          else refused++;
          return;
        }
        decoded++;
        expect(want).not.toBeUndefined();
        expect(shape(got)).toEqual(shape(want));
        expect(JSON.stringify(got)).toBe(JSON.stringify(want));
      }),
      { numRuns: 4000, seed: 11 },
    );
    // Both outcomes were met often (the property is not vacuous).
    expect(decoded).toBeGreaterThan(400);
    expect(refused).toBeGreaterThan(400);
  });

  it('keeps nothing of the body: its result is a copy defaults may change', () => {
    for (const kind of KINDS) {
      const good = GOOD[kind];
      if (!good) continue;
      const body = JSON.parse(JSON.stringify(good)) as Record<string, unknown>;
      const got = decodeBody(kind, body)!;
      expect(got, kind).toEqual(threeWalks(kind, body));
      const parts = new Set<unknown>();
      const collect = (v: unknown): void => {
        if (v === null || typeof v !== 'object') return;
        parts.add(v);
        for (const x of Object.values(v)) collect(x);
      };
      collect(body);
      const shared: unknown[] = [];
      const find = (v: unknown): void => {
        if (v === null || typeof v !== 'object') return;
        if (parts.has(v)) shared.push(v);
        for (const x of Object.values(v)) find(x);
      };
      find(got);
      expect(shared, kind).toEqual([]);
    }
  });

  it('leaves undefined, holes and -0 as JSON does, and fills value structs', () => {
    const body = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: { x: 'y' }, annotations: undefined }, spec: { containers: [{ name: 'c', image: 'i', ports: [{ containerPort: -0 }] }], tolerations: [null, undefined], priority: undefined } };
    const got = decodeBody('Pod', body);
    expect(JSON.stringify(got)).toBe(JSON.stringify(threeWalks('Pod', body)));
    expect(shape(got)).toEqual(shape(threeWalks('Pod', body)));
  });
});
