// Decoding an object against its kind's schema (schema.ts) as kube-apiserver's JSON
// decoder does, before any validation: a value of the wrong JSON type is the decoder's
// error, in encoding/json's words; a field the type does not have is what strict
// decoding refuses. Neither is a 422: the request is a 400 BadRequest,
//   Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into
//   Go struct field Container.spec.containers.image of type string
// JSON null is every Go type's zero value and always decodes.

import { KIND_SCHEMAS, type Schema } from './schema';

export interface TypeError {
  /** encoding/json's UnmarshalTypeError text. */
  readonly message: string;
}

/** JSON's name for a value, as UnmarshalTypeError.Value says it. */
function jsonKind(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'number';
  if (Array.isArray(v)) return 'array';
  return 'object';
}

function goName(s: Schema): string {
  switch (s.k) {
    case 'string':
    case 'bool':
    case 'int32':
    case 'int64':
    case 'float64':
      return s.k;
    case 'time':
      return 'string';
    case 'bytes':
      return '[]uint8';
    case 'intstr':
      return 'intstr.IntOrString';
    case 'quantity':
      return 'resource.Quantity';
    case 'any':
      return 'interface {}';
    case 'map':
      return s.go ?? `map[string]${goName(s.of)}`;
    case 'list':
      return `[]${goName(s.of)}`;
    case 'struct':
      return `v1.${s.go}`;
  }
}

const INT_RANGE = { int32: [-(2 ** 31), 2 ** 31 - 1], int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER] } as const;

/** Go's message for a value that does not fit: `struct` is the innermost Go struct and
 * `path` the JSON path from the root (field names only, no indexes or map keys: that is
 * how Go prints it). Built only on failure: decoding runs on every stored object. */
function failure(value: string, type: string, struct: string, path: readonly string[]): string {
  return path.length > 0 ? `json: cannot unmarshal ${value} into Go struct field ${struct}.${path.join('.')} of type ${type}` : `json: cannot unmarshal ${value} into Go value of type ${type}`;
}

/** The first type error in `v`, or undefined. Numbers that do not fit or are not whole
 * are named with their value (`number 1.5`), as Go does. `path` is a stack the struct
 * case pushes to and pops from, so a value that decodes allocates nothing. */
function typeError(v: unknown, s: Schema, struct: string, path: string[]): string | undefined {
  if (v === null || v === undefined || s.k === 'any') return undefined;
  switch (s.k) {
    case 'string':
    case 'time':
    case 'bytes':
      return typeof v === 'string' ? undefined : failure(jsonKind(v), goName(s), struct, path);
    case 'bool':
      return typeof v === 'boolean' ? undefined : failure(jsonKind(v), goName(s), struct, path);
    case 'float64':
      return typeof v === 'number' ? undefined : failure(jsonKind(v), goName(s), struct, path);
    case 'int32':
    case 'int64': {
      if (typeof v !== 'number') return failure(jsonKind(v), goName(s), struct, path);
      const [lo, hi] = INT_RANGE[s.k];
      return Number.isInteger(v) && v >= lo && v <= hi ? undefined : failure(`number ${String(v)}`, goName(s), struct, path);
    }
    case 'intstr':
      // IntOrString.UnmarshalJSON: a string, else decoded as an int32.
      return typeof v === 'string' ? undefined : typeError(v, INT32, struct, path);
    case 'quantity':
      return typeof v === 'string' || typeof v === 'number' ? undefined : "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    case 'list':
      if (!Array.isArray(v)) return failure(jsonKind(v), goName(s), struct, path);
      for (const item of v) {
        const e = typeError(item, s.of, struct, path);
        if (e) return e;
      }
      return undefined;
    case 'map':
      if (typeof v !== 'object' || Array.isArray(v)) return failure(jsonKind(v), goName(s), struct, path);
      for (const k in v as Record<string, unknown>) {
        const e = typeError((v as Record<string, unknown>)[k], s.of, struct, path);
        if (e) return e;
      }
      return undefined;
    case 'struct':
      if (typeof v !== 'object' || Array.isArray(v)) return failure(jsonKind(v), goName(s), struct, path);
      for (const k in v as Record<string, unknown>) {
        const f = s.fields[k];
        if (!f) continue; // unknown: strict decoding's business, not a type error
        path.push(k);
        const e = typeError((v as Record<string, unknown>)[k], f, s.go, path);
        path.pop();
        if (e) return e;
      }
      return undefined;
  }
}

const INT32: Schema = { k: 'int32' };

function unknownIn(v: unknown, s: Schema, path: string, out: string[]): void {
  if (v === null || typeof v !== 'object') return;
  if (s.k === 'list' && Array.isArray(v)) v.forEach((item, i) => unknownIn(item, s.of, `${path}[${i}]`, out));
  else if (s.k === 'map' && !Array.isArray(v)) for (const [k, item] of Object.entries(v)) unknownIn(item, s.of, `${path}[${k}]`, out);
  else if (s.k === 'struct' && !Array.isArray(v)) {
    for (const [k, item] of Object.entries(v as Record<string, unknown>)) {
      const at = path ? `${path}.${k}` : k;
      const f = s.fields[k];
      if (f === undefined) out.push(at);
      else unknownIn(item, f, at, out);
    }
  }
}

/** The decoder's type error for an object of `kind`, or undefined when it decodes (or
 * the kind is not served). */
export function decodeTypeError(kind: string, obj: unknown): string | undefined {
  const s = KIND_SCHEMAS[kind];
  return s ? typeError(obj, s, kind, []) : undefined;
}

/** The paths of fields the kind does not have, as strict decoding names them
 * ("spec.template.spec.containers[0].imagee"); empty when all are known. */
export function unknownFields(obj: unknown): string[] {
  const kind = (obj as { kind?: unknown } | null)?.kind;
  const s = typeof kind === 'string' ? KIND_SCHEMAS[kind] : undefined;
  const out: string[] = [];
  if (s) unknownIn(obj, s, '', out);
  return out;
}

/** The message of the 400 for an object that does not decode: a type error, or with
 * `strict`, its unknown fields; undefined when it decodes. */
export function decodeFailure(obj: { kind: string; apiVersion?: unknown }, strict: boolean): string | undefined {
  const typed = decodeTypeError(obj.kind, obj);
  if (typed) return `${decodeHead(obj)}: ${typed}`;
  if (!strict) return undefined;
  const unknown = unknownFields(obj);
  return unknown.length > 0 ? `${decodeHead(obj)}: strict decoding error: ${unknown.map((u) => `unknown field "${u}"`).join(', ')}` : undefined;
}

/** decodeFailure for an object whose other fields decoded already (the apiserver's own
 * cached object with a new `status`): only that field is walked, and a type error in it
 * reads as the whole object's would. */
export function decodeFailureOfField(obj: { kind: string; apiVersion?: unknown }, field: string, value: unknown): string | undefined {
  const s = KIND_SCHEMAS[obj.kind];
  const f = s?.k === 'struct' ? s.fields[field] : undefined;
  if (!s || s.k !== 'struct' || !f) return undefined;
  const typed = typeError(value, f, s.go, [field]);
  return typed ? `${obj.kind} in version "${versionOf(obj.apiVersion)}" cannot be handled as a ${obj.kind}: ${typed}` : undefined;
}

/** The 400's head, made only for a body that fails (nearly none do: it was a string
 * built for every create and update). */
function decodeHead(obj: { kind: string; apiVersion?: unknown }): string {
  return `${obj.kind} in version "${versionOf(obj.apiVersion)}" cannot be handled as a ${obj.kind}`;
}

function versionOf(apiVersion: unknown): string {
  const v = typeof apiVersion === 'string' ? apiVersion : '';
  return v.slice(v.indexOf('/') + 1);
}

/** The object as Go's decoder hands it on, re-encoded: a null field is the zero value
 * and left out (omitempty), but for a time, whose zero value encodes as null; a null in a list or map is its element's zero value
 * (`tolerations: [null]` is one empty Toleration); value-struct fields that are absent
 * become `{}` (Go encodes them always), so a Node stored without a spec has `spec: {}`
 * as on a real cluster. Nothing downstream meets a null where the type has none. */
export function asDecoded<T>(obj: T, kind: string): T {
  const s = KIND_SCHEMAS[kind];
  return s ? (normalize(obj, s) as T) : obj;
}

/** asDecoded for a value this caller owns outright (a fresh `JSON.parse` result, shared
 * with nothing): the same result, but a part that is already as Go would hand it on is
 * kept rather than copied, so a stored object that needs no change (nearly all: the
 * apiserver wrote it) costs a walk and no allocation. The watch cache decodes every
 * stored value this way; a request's body is the client's, so it goes through
 * asDecoded's copy before defaulting changes it in place. */
export function asDecodedOwned<T>(obj: T, kind: string): T {
  const s = KIND_SCHEMAS[kind];
  return s ? (normalizeOwned(obj, s) as T) : obj;
}

/** normalize() that returns `v` itself when nothing in it changes, and otherwise a copy
 * of the node that keeps its unchanged children (they are owned too). A node with a
 * `__proto__` key is copied by normalize itself, whose assignment treats it specially. */
function normalizeOwned(v: unknown, s: Schema): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (s.k === 'list' && Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      const y = x === null ? zero(s.of) : normalizeOwned(x, s.of);
      if (y === x) continue;
      const out = v.slice(0, i);
      out.push(y);
      for (let j = i + 1; j < v.length; j++) out.push(v[j] === null ? zero(s.of) : normalizeOwned(v[j], s.of));
      return out;
    }
    return v;
  }
  if (s.k === 'map' && !Array.isArray(v)) {
    const m = v as Record<string, unknown>;
    for (const k in m) {
      const x = m[k];
      if (k === '__proto__') return normalize(v, s);
      if (x === null || normalizeOwned(x, s.of) !== x) return copyOwned(m, s);
    }
    return v;
  }
  if (s.k !== 'struct' || Array.isArray(v)) return v;
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    const f = s.fields[k];
    if (k === '__proto__') return normalize(v, s);
    if ((x === null && f?.k !== 'time') || (f && normalizeOwned(x, f) !== x)) return copyOwned(o, s);
  }
  for (const k of filled(s)) if (o[k] === undefined) return copyOwned(o, s);
  return v;
}

/** normalize's copy of a map or struct node, its children by normalizeOwned. */
function copyOwned(o: Record<string, unknown>, s: Extract<Schema, { k: 'map' | 'struct' }>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (s.k === 'map') {
    for (const k in o) {
      const x = o[k];
      out[k] = x === null ? zero(s.of) : normalizeOwned(x, s.of);
    }
    return out;
  }
  for (const k in o) {
    const x = o[k];
    const f = s.fields[k];
    if (x === null && f?.k !== 'time') continue;
    out[k] = f ? normalizeOwned(x, f) : x;
  }
  for (const k of filled(s)) if (out[k] === undefined) out[k] = {};
  return out;
}

function zero(s: Schema): unknown {
  switch (s.k) {
    case 'struct':
      return normalize({}, s);
    case 'string':
    case 'bytes':
      return '';
    case 'bool':
      return false;
    case 'int32':
    case 'int64':
    case 'float64':
    case 'intstr':
      return 0;
    case 'quantity':
      return '0';
    case 'time':
      return null;
    case 'list':
      return [];
    case 'map':
      return {};
    case 'any':
      return null;
  }
}

// for…in rather than Object.entries: this runs on every field of every object the
// apiservers decode, and the entries' arrays were a good part of their garbage. (The
// objects are parsed JSON: own enumerable keys only, in the same order.)
function normalize(v: unknown, s: Schema): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (s.k === 'list' && Array.isArray(v)) return v.map((x) => (x === null ? zero(s.of) : normalize(x, s.of)));
  if (s.k === 'map' && !Array.isArray(v)) {
    const out: Record<string, unknown> = {};
    const m = v as Record<string, unknown>;
    for (const k in m) {
      const x = m[k];
      out[k] = x === null ? zero(s.of) : normalize(x, s.of);
    }
    return out;
  }
  if (s.k !== 'struct' || Array.isArray(v)) return v;
  const out: Record<string, unknown> = {};
  const o = v as Record<string, unknown>;
  for (const k in o) {
    const x = o[k];
    const f = s.fields[k];
    if (x === null && f?.k !== 'time') continue;
    out[k] = f ? normalize(x, f) : x;
  }
  for (const k of filled(s)) if (out[k] === undefined) out[k] = {};
  return out;
}

/** A struct's value-struct fields (`fill`: Go always encodes them), once per schema. */
const FILLED = new WeakMap<Schema, readonly string[]>();
function filled(s: Extract<Schema, { k: 'struct' }>): readonly string[] {
  let out = FILLED.get(s);
  if (out === undefined) {
    out = Object.entries(s.fields).filter(([, f]) => f.k === 'struct' && f.fill).map(([k]) => k);
    FILLED.set(s, out);
  }
  return out;
}
