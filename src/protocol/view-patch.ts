// A machine's views as changes to the views the UI already holds (issue 14). At 1× with
// 30 workers most frames differ from the previous one in a few fields (an apiserver's
// revision, one lease's renew time, one pod's phase), yet a whole view is hundreds of
// pods; sending the changed fields only takes the frames from ~90 KB to a few KB, and
// the UI applies them copy-on-write, so every part that did not change keeps its
// identity (its components do not re-render) without a deep comparison.
//
// Views are plain JSON-like data. A change sets (or removes) the value at a path of
// keys and array indexes; paths start at the process name.

export type ViewPath = readonly (string | number)[];

export interface ViewChange {
  readonly path: ViewPath;
  /** The new value (absent with `removed`). */
  readonly value?: unknown;
  /** The key is gone. */
  readonly removed?: true;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The changes that turn `prev` into `next`, appended to `out`: none when they are
 * equal. An array of another length, or with more than half its items changed, is sent
 * whole (a list that shifted by one would otherwise be a change per item). */
export function diffViews(prev: unknown, next: unknown, path: (string | number)[] = [], out: ViewChange[] = []): ViewChange[] {
  if (prev === next) return out;
  if (Array.isArray(prev) && Array.isArray(next)) {
    if (prev.length !== next.length) {
      out.push({ path: [...path], value: next });
      return out;
    }
    const start = out.length;
    let changed = 0;
    for (let i = 0; i < next.length; i++) {
      const before = out.length;
      path.push(i);
      diffViews(prev[i], next[i], path, out);
      path.pop();
      if (out.length > before) changed++;
    }
    if (changed * 2 > next.length) {
      out.length = start;
      out.push({ path: [...path], value: next });
    }
    return out;
  }
  if (isRecord(prev) && isRecord(next)) {
    for (const k of Object.keys(next)) {
      if (!Object.hasOwn(prev, k)) out.push({ path: [...path, k], value: next[k] });
      else {
        path.push(k);
        diffViews(prev[k], next[k], path, out);
        path.pop();
      }
    }
    for (const k of Object.keys(prev)) if (!Object.hasOwn(next, k)) out.push({ path: [...path, k], removed: true });
    return out;
  }
  out.push({ path: [...path], value: next });
  return out;
}

/** `base` with the changes applied, copy-on-write: containers on a changed path are
 * copied once, everything else is `base`'s own object. Applying the same changes twice
 * gives the same result. */
export function applyViewChanges<T>(base: T, changes: readonly ViewChange[]): T {
  let root: unknown = base;
  const fresh = new Set<unknown>();
  const own = (v: unknown): Record<string | number, unknown> => {
    if (fresh.has(v)) return v as Record<string | number, unknown>;
    const copy = Array.isArray(v) ? v.slice() : isRecord(v) ? { ...v } : {};
    fresh.add(copy);
    return copy as Record<string | number, unknown>;
  };
  for (const c of changes) {
    if (c.path.length === 0) {
      root = c.value;
      continue;
    }
    root = own(root);
    let node = root as Record<string | number, unknown>;
    for (let i = 0; i < c.path.length - 1; i++) {
      const key = c.path[i]!;
      const child = own(node[key]);
      node[key] = child;
      node = child;
    }
    const last = c.path[c.path.length - 1]!;
    if (c.removed) delete node[last];
    else node[last] = c.value;
  }
  return root as T;
}
