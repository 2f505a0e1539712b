// Structural sharing (the idea of TanStack Query's replaceEqualDeep): the result equals
// `next`, but every part deep-equal to the same part of `prev` is `prev`'s object, so a
// machine whose view did not change keeps its identity and its node does not re-render.
//
// Per frame it meets mostly parts that already are `prev`'s (the views' unchanged parts,
// kept by applyViewChanges), and lists whose items moved (a keyed list change rebuilds a
// list from its old items: the scheduler's decisions slide by one): an item that is one
// of `prev`'s objects is kept as it is, not compared with the item that used to be at
// its place (which rebuilt every decision as a copy on every frame). `next` is never
// written to, and a container is copied only when a part of it is taken from `prev`.

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

export function shareDeep<T>(prev: unknown, next: T): T {
  if (prev === next) return next;
  if (Array.isArray(prev) && Array.isArray(next)) return shareList(prev, next) as T;
  if (isPlainObject(prev) && isPlainObject(next)) return shareRecord(prev, next) as T;
  return next;
}

function shareList(prev: readonly unknown[], next: readonly unknown[]): readonly unknown[] {
  let same = prev.length === next.length;
  let out: unknown[] | undefined; // a copy of next, made at the first part taken from prev
  let had: Set<unknown> | undefined; // prev's items, once one is not at its place
  for (let i = 0; i < next.length; i++) {
    const item = next[i];
    if (item === prev[i]) continue;
    if (typeof item === 'object' && item !== null && (had ??= new Set(prev)).has(item)) {
      same = false; // prev's item, moved
      continue;
    }
    const shared = i < prev.length ? shareDeep(prev[i], item) : item;
    if (shared !== prev[i] || i >= prev.length) same = false;
    if (shared !== item) (out ??= next.slice())[i] = shared;
  }
  return same ? prev : (out ?? next);
}

function shareRecord(prev: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  let same = true;
  let keys = 0;
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(next)) {
    keys++;
    const v = next[k];
    const pv = prev[k];
    const shared = shareDeep(pv, v);
    if (shared !== pv || !(k in prev)) same = false;
    if (shared !== v) (out ??= { ...next })[k] = shared;
  }
  if (same && keys === Object.keys(prev).length) return prev;
  return out ?? next;
}
