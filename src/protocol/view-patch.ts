// A machine's views as changes to the views the UI already holds (issue 14). At 1× with
// 30 workers most frames differ from the previous one in a few fields (an apiserver's
// revision, one lease's renew time, one pod's phase), yet a whole view is hundreds of
// pods; sending the changed fields only takes the frames from ~90 KB to a few KB, and
// the UI applies them copy-on-write, so every part that did not change keeps its
// identity (its components do not re-render) without a deep comparison.
//
// Views are plain JSON-like data. A change sets (or removes) the value at a path of
// keys and array indexes, or rebuilds a list of keyed items (a `uid`, or a namespace and
// name) from the items it had and new ones; paths start at the process name.

export type ViewPath = readonly (string | number)[];

export interface ViewChange {
  readonly path: ViewPath;
  /** The new value (absent with `removed`); with `from`, the array's new items. */
  readonly value?: unknown;
  /** The key is gone. */
  readonly removed?: true;
  /** The array at `path` rebuilt from its previous items: item i is the previous
   * array's item `from[i]`, or, where `from[i]` is -1, the next of `value`'s items
   * (changes to the kept items follow as changes of their own, at their new places). */
  readonly from?: readonly number[];
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
      if (!diffKeyed(prev, next, path, out)) out.push({ path: [...path], value: next });
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
      if (!diffKeyed(prev, next, path, out)) out.push({ path: [...path], value: next });
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

/** An item's identity in a list: its `uid`, else its namespace and name (pods,
 * scheduling decisions, nodes, deployments); undefined for anything else. */
function keyOf(item: unknown): string | undefined {
  if (!isRecord(item)) return undefined;
  if (typeof item.uid === 'string' && item.uid !== '') return `uid:${item.uid}`;
  if (typeof item.name === 'string') return `name:${typeof item.namespace === 'string' ? item.namespace : ''}/${item.name}`;
  return undefined;
}

/** The keys of a list's items, or undefined when one has none or two share one. */
function keysOf(list: readonly unknown[]): string[] | undefined {
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const item of list) {
    const k = keyOf(item);
    if (k === undefined || seen.has(k)) return undefined;
    seen.add(k);
    keys.push(k);
  }
  return keys;
}

/** A list whose items moved (a scheduler's last decisions slide by one, a pod is
 * created in the middle of the apiserver's sorted pods) as a `from` change: the items
 * kept by key, the new ones whole, then the kept items' own changes. Without it such a
 * list went whole: at 30 workers during a rollout the scheduler's decisions (about 65 KB)
 * and the apiservers' pods (about 20 KB each) crossed to the page on nearly every frame,
 * to be cloned, decoded and compared field by field there. False (nothing appended)
 * when the items have no keys or no item is kept. */
function diffKeyed(prev: readonly unknown[], next: readonly unknown[], path: (string | number)[], out: ViewChange[]): boolean {
  if (path.length === 0) return false;
  const nextKeys = keysOf(next);
  const prevKeys = nextKeys && keysOf(prev);
  if (!nextKeys || !prevKeys) return false;
  const at = new Map(prevKeys.map((k, i) => [k, i]));
  const from: number[] = [];
  const added: unknown[] = [];
  const nested: ViewChange[] = [];
  for (let i = 0; i < next.length; i++) {
    const j = at.get(nextKeys[i]!);
    if (j === undefined) {
      from.push(-1);
      added.push(next[i]);
      continue;
    }
    from.push(j);
    path.push(i);
    diffViews(prev[j], next[i], path, nested);
    path.pop();
  }
  if (added.length === next.length) return false;
  out.push({ path: [...path], value: added, from });
  for (const c of nested) out.push(c);
  return true;
}

/** `base` with the changes applied, copy-on-write: containers on a changed path are
 * copied once, everything else is `base`'s own object. Applying the same changes twice
 * gives the same result, unless they rebuild a list (`from`: indexes into the list
 * they were made against). */
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
    else if (c.from) {
      // Rebuilt from the items it had: a fresh array, so the kept items' changes after
      // this one copy those items, not the array again.
      // (Not a list: views the page no longer holds; as with a path into them, no throw.)
      const had = Array.isArray(node[last]) ? (node[last] as readonly unknown[]) : [];
      const added = c.value as readonly unknown[];
      let a = 0;
      const list = c.from.map((j) => (j < 0 ? added[a++] : had[j]));
      fresh.add(list);
      node[last] = list;
    } else node[last] = c.value;
  }
  return root as T;
}
