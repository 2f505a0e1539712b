// A machine's durable storage. It survives a crash of the machine; the machine's
// memory (every process object) does not. In the browser the machine runs in a Web
// Worker that is terminated when the machine is killed, so the coordinator keeps the
// authoritative copy: the worker's Disk records its writes (`takeOps`) and the
// coordinator replays them onto its own copy; a restart boots from that copy.
//
// Contract: values are plain data (structured-clone safe) and are never mutated after
// being written; writers store fresh objects. That lets the in-process host keep one
// Disk object across a crash without copying.

export type DiskOp = { op: 'put'; key: string; value: unknown } | { op: 'del'; key: string };

/** What takeOps returns when nothing was written (most windows): shared, never mutated. */
const NO_OPS = Object.freeze([]) as unknown as DiskOp[];

export class Disk {
  private readonly data: Map<string, unknown>;
  private ops: DiskOp[] | undefined;

  constructor(entries?: Iterable<[string, unknown]>, recordOps = false) {
    this.data = new Map(entries);
    this.ops = recordOps ? [] : undefined;
  }

  get<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  has(key: string): boolean {
    return this.data.has(key);
  }

  put(key: string, value: unknown): void {
    this.data.set(key, value);
    this.ops?.push({ op: 'put', key, value });
  }

  delete(key: string): void {
    if (!this.data.delete(key)) return;
    this.ops?.push({ op: 'del', key });
  }

  /** Keys starting with prefix, sorted (deterministic iteration order). */
  keys(prefix = ''): string[] {
    const out: string[] = [];
    for (const k of this.data.keys()) if (k.startsWith(prefix)) out.push(k);
    return out.sort();
  }

  get size(): number {
    return this.data.size;
  }

  /** Writes since the last call (only when recording). */
  takeOps(): DiskOp[] {
    if (!this.ops || this.ops.length === 0) return NO_OPS;
    const out = this.ops;
    this.ops = [];
    return out;
  }

  apply(ops: readonly DiskOp[]): void {
    for (const o of ops) {
      if (o.op === 'put') this.data.set(o.key, o.value);
      else this.data.delete(o.key);
    }
  }

  entries(): [string, unknown][] {
    return [...this.data.entries()];
  }
}
