// kubectl apply's three-way merge, in miniature: the live object, the configuration
// applied last time (the last-applied annotation) and the new one. Fields the new
// manifest sets win; fields the last one set and the new one dropped go; everything
// else — defaults, status, what admission and controllers wrote — stays as it is live.
// Lists of named things (containers, ports, env, volumes, mounts) merge item by item on
// their key, as the strategic merge patch does; other lists are replaced.
//
// So `kubectl scale --replicas=5` then re-applying a manifest that says 3 is
// "configured" back to 3, and re-applying an unchanged manifest is "unchanged".

type Json = unknown;
type Obj = Record<string, Json>;

const isObj = (v: Json): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The strategic-merge key of a list, when every item of both lists has it. */
const MERGE_KEYS = ['name', 'containerPort', 'port', 'mountPath', 'devicePath', 'ip'];

function mergeKey(...lists: Json[][]): string | undefined {
  const items = lists.flat();
  if (items.length === 0 || !items.every(isObj)) return undefined;
  return MERGE_KEYS.find((k) => items.every((i) => (i as Obj)[k] !== undefined));
}

export function threeWayMerge(live: Json, last: Json, next: Json): Json {
  if (isObj(next)) {
    const base: Obj = isObj(live) ? { ...live } : {};
    const prev: Obj = isObj(last) ? last : {};
    for (const k of Object.keys(prev)) if (!(k in next)) delete base[k];
    for (const [k, v] of Object.entries(next)) base[k] = threeWayMerge(base[k], prev[k], v);
    return base;
  }
  if (Array.isArray(next)) {
    const liveList = Array.isArray(live) ? live : [];
    const lastList = Array.isArray(last) ? last : [];
    const key = mergeKey(liveList, lastList, next);
    if (!key) return next;
    const id = (i: Json) => JSON.stringify((i as Obj)[key]);
    const dropped = new Set(lastList.map(id).filter((k) => !next.some((n) => id(n) === k)));
    // Live order first (with what was dropped taken out), then the new items.
    const out: Json[] = liveList.filter((i) => !dropped.has(id(i))).map((i) => {
      const n = next.find((x) => id(x) === id(i));
      return n === undefined ? i : threeWayMerge(i, lastList.find((x) => id(x) === id(i)), n);
    });
    for (const n of next) if (!liveList.some((i) => id(i) === id(n))) out.push(threeWayMerge(undefined, undefined, n));
    return out;
  }
  return next;
}
