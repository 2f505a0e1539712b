// A bounded memo for caches of pure functions (a decoded value, a parsed proposal):
// two generations of at most `half` entries each. A hit in the old generation moves
// to the young one; when the young one is full it becomes the old one and the oldest
// generation is dropped whole. Evicting one entry at a time from a Map
// (`map.delete(map.keys().next().value)`) looks O(1) but is not in V8: deleted slots
// stay in the table until it is rehashed, and the iterator walks over every one of
// them, so a full memo paid thousands of steps per insert (3 % of a 100-worker run).
// What it holds never changes a result (callers memoize pure functions), only the time.

export class BoundedMemo<K, V> {
  private young = new Map<K, V>();
  private old = new Map<K, V>();

  constructor(private readonly half: number) {
    if (!(half >= 1)) throw new Error(`BoundedMemo: a generation must hold at least one entry, got ${half}`);
  }

  get(key: K): V | undefined {
    const v = this.young.get(key);
    if (v !== undefined) return v;
    const o = this.old.get(key);
    if (o !== undefined) this.set(key, o);
    return o;
  }

  set(key: K, value: V): void {
    if (this.young.size >= this.half && !this.young.has(key)) {
      this.old = this.young;
      this.young = new Map();
    }
    this.young.set(key, value);
  }

  /** Entries held (at most 2 × half; an entry in both generations counts twice). */
  get size(): number {
    return this.young.size + this.old.size;
  }
}
