// A request body decoded in one walk: the type check (decode.ts typeError), Go's
// hand-on form (asDecoded: nulls as zero values, value structs filled) and the deep copy
// the apiserver defaults in place (json-copy.ts) used to be three walks of every body
// it created or updated, where the real apiserver decodes a request once
// (runtime.Decode into the Go struct, then defaulting on that struct). This gives the
// same object as jsonCopy(asDecoded(body)) when the body decodes; when it does not, or
// holds what only the slow path handles exactly (a `__proto__` or `toJSON` key, an
// object that is not plain, a value JSON has no text for), it gives undefined and the
// caller takes the old path, which also words the 400.

import { filled, typeError, zero } from './decode';
import { jsonCopy } from './json-copy';
import { KIND_SCHEMAS, type Schema } from './schema';

/** Thrown to leave the walk for the slow path. */
const SLOW = new Error('decode-body: slow path');

/** The first type error met (the walk stops there). */
let failed = false;

/** The body as the apiserver hands it on after decoding (owned: nothing else holds any
 * part of it, and it is its own JSON's parse), or undefined (see above). */
export function decodeBody(kind: string, body: unknown): Record<string, unknown> | undefined {
  const s = KIND_SCHEMAS[kind];
  if (s === undefined || s.k !== 'struct' || body === null || typeof body !== 'object' || Array.isArray(body) || Object.getPrototypeOf(body) !== Object.prototype) return undefined;
  const b = body as Record<string, unknown>;
  failed = false;
  try {
    // asDecoded's input: a missing or null metadata is {} (strategy.ts); the body's own
    // `kind` is not type-checked (decodeError checks the request's kind in its place).
    const out = struct({ ...b, metadata: b.metadata ?? {} }, s, [], true);
    return failed ? undefined : out;
  } catch (e) {
    if (e === SLOW) return undefined;
    throw e;
  }
}

/** A value JSON writes as itself (number: as JSON.parse gives it back). */
function leaf(v: unknown): unknown {
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return v;
    case 'number':
      return Number.isFinite(v) ? (v === 0 ? 0 : v) : null;
    default:
      throw SLOW;
  }
}

/** `v` (neither null nor undefined) decoded as `s`; sets `failed` on a type error. */
function walk(v: unknown, s: Schema, go: string, path: string[]): unknown {
  if (typeof v !== 'object') {
    if (s.k !== 'any' && typeError(v, s, go, path) !== undefined) failed = true;
    return leaf(v);
  }
  if (s.k === 'any') return jsonCopy(v);
  const array = Array.isArray(v);
  if (s.k === 'list' ? !array : s.k === 'map' || s.k === 'struct' ? array : true) {
    failed = true;
    return undefined;
  }
  if (Object.getPrototypeOf(v) !== (array ? Array.prototype : Object.prototype)) throw SLOW;
  if (s.k === 'list') return list(v as unknown[], s.of, go, path);
  if (s.k === 'map') return map(v as Record<string, unknown>, s.of, go, path);
  return struct(v as Record<string, unknown>, s as Extract<Schema, { k: 'struct' }>, path, false);
}

function list(v: readonly unknown[], of: Schema, go: string, path: string[]): unknown[] {
  const out = new Array<unknown>(v.length);
  for (let i = 0; i < v.length; i++) {
    const x = v[i];
    // A hole or undefined is written as null, and parsed back as null.
    if (x === undefined) out[i] = null;
    else if (x === null) out[i] = zero(of);
    else {
      out[i] = walk(x, of, go, path);
      if (failed) return out;
    }
  }
  return out;
}

function map(v: Record<string, unknown>, of: Schema, go: string, path: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in v) {
    if (k === '__proto__' || k === 'toJSON') throw SLOW;
    const x = v[k];
    if (x === undefined) continue;
    out[k] = x === null ? zero(of) : walk(x, of, go, path);
    if (failed) return out;
  }
  return out;
}

function struct(v: Record<string, unknown>, s: Extract<Schema, { k: 'struct' }>, path: string[], root: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in v) {
    if (k === '__proto__' || k === 'toJSON') throw SLOW;
    const x = v[k];
    const f = root && k === 'kind' ? undefined : s.fields[k];
    if (x === undefined) {
      // asDecoded keeps the key and fills a value struct there; JSON drops the rest.
      if (f !== undefined && f.k === 'struct' && f.fill === true) out[k] = {};
      continue;
    }
    if (x === null) {
      if (f !== undefined && f.k === 'time') out[k] = null;
      continue;
    }
    if (f === undefined) {
      // Unknown to the schema (strict decoding's business): kept as JSON keeps it.
      const y = jsonCopy(x);
      if (y !== undefined) out[k] = y;
      continue;
    }
    path.push(k);
    out[k] = walk(x, f, s.go, path);
    path.pop();
    if (failed) return out;
  }
  for (const k of filled(s)) if (out[k] === undefined) out[k] = {};
  return out;
}
