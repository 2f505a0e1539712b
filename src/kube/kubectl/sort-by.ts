// `kubectl get --sort-by=JSONPATH`, as kubectl sorts (kubectl/pkg/cmd/get/sorter.go and
// customcolumn.go's RelaxedJSONPathExpression): the path may be written `.a.b`, `a.b`,
// `{.a.b}` or `{a.b}`; the list is refused only when no object has the field; objects
// without it come first; numbers compare as numbers, strings that are quantities
// ("40Mi", "250m") as quantities, other strings in natural order (digit runs as numbers,
// so web-9 before web-10), timestamps therefore in time order. The console evaluates
// paths to one field (`.status.containerStatuses[0].restartCount`), not wildcards or
// filters; it says so instead of guessing.

import { parseMilli } from '../api/quantity';

type Step = string | number;

const RELAXED = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** The path in kubectl's `{.a.b}` form and its steps, or kubectl's error text. */
export function parseSortPath(input: string): { path: string; steps: Step[] } | { error: string } {
  const m = RELAXED.exec(input);
  if (!m) return { error: "error: unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'" };
  const spec = (m[1] ?? m[2])!;
  const path = `{.${spec}}`;
  if (/\[\s*\*\s*\]|\.\.|\?\(|\[[^\]]*:[^\]]*\]|@/.test(spec)) {
    return { error: `error: --sort-by=${input}: this console sorts by one field (e.g. .metadata.name or .status.containerStatuses[0].restartCount), not by JSONPath wildcards, slices or filters` };
  }
  const steps: Step[] = [];
  // Split on dots that are not escaped (label keys: .metadata.labels.app\.kubernetes\.io/name).
  for (const raw of spec.split(/(?<!\\)\./)) {
    const part = raw.replace(/\\\./g, '.');
    const idx = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!idx) return { error: `error: --sort-by=${input}: cannot read "${part}" (a field name, optionally followed by [N])` };
    if (idx[1]) steps.push(idx[1]);
    for (const n of idx[2]!.matchAll(/\[(\d+)\]/g)) steps.push(Number(n[1]));
    if (!idx[1] && !idx[2]) return { error: `error: --sort-by=${input}: the path has an empty field name` };
  }
  return { path, steps };
}

function valueAt(obj: unknown, steps: readonly Step[]): unknown {
  let v: unknown = obj;
  for (const s of steps) {
    if (v === null || typeof v !== 'object') return undefined;
    v = typeof s === 'number' ? (Array.isArray(v) ? v[s] : undefined) : (v as Record<string, unknown>)[s];
  }
  return v;
}

const empty = (v: unknown) => v === undefined || v === null || v === '';

/** Natural order: runs of digits compare as numbers (github.com/fvbommel/sortorder). */
export function naturalLess(a: string, b: string): boolean {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = BigInt(x);
      const ny = BigInt(y);
      if (nx !== ny) return nx < ny;
      return x.length < y.length; // same number, fewer leading zeros first
    }
    return x < y;
  }
  return ra.length < rb.length;
}

function less(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return a < b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return !a && b;
  const sa = String(a);
  const sb = String(b);
  const qa = typeof a === 'string' ? parseMilli(a) : NaN;
  const qb = typeof b === 'string' ? parseMilli(b) : NaN;
  if (!Number.isNaN(qa) && !Number.isNaN(qb)) return qa < qb;
  return naturalLess(sa, sb);
}

/** `items` sorted by the path (stable), or kubectl's error when no item has the field. */
export function sortByPath<T>(items: readonly T[], input: string): { items: T[] } | { error: string } {
  const parsed = parseSortPath(input);
  if ('error' in parsed) return parsed;
  const keyed = items.map((item) => ({ item, key: valueAt(item, parsed.steps) }));
  if (items.length > 0 && keyed.every((k) => empty(k.key))) return { error: `error: couldn't find any field with path "${parsed.path}" in the list of objects` };
  const bad = keyed.find((k) => !empty(k.key) && typeof k.key === 'object');
  if (bad) return { error: `error: --sort-by=${input}: the field holds ${Array.isArray(bad.key) ? 'a list' : 'an object'}; give a field that holds a number or a string` };
  const sorted = [...keyed].sort((x, y) => {
    const ex = empty(x.key);
    const ey = empty(y.key);
    if (ex || ey) return ex === ey ? 0 : ex ? -1 : 1;
    return less(x.key, y.key) ? -1 : less(y.key, x.key) ? 1 : 0;
  });
  return { items: sorted.map((k) => k.item) };
}
