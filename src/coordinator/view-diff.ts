// Frames carry a machine's views only as far as they changed since the previous frame:
// at 1× most machines run nothing between two frames (a tick is every 100 ms, a frame
// every 16 ms), and at 30 workers whole views are ~90 KB per frame to clone, post and
// merge (the apiservers' cluster summaries, the schedulers' decision records). A machine
// whose views are the object last posted (Machine.view() returns the same object while
// no window ran) or equal to it is marked `sameView`; one whose views changed carries
// the changes (`viewChanges`, src/protocol/view-patch.ts): an apiserver's new revision
// and one lease's renew time, not its whole cluster summary.

import type { MachineState } from '../protocol/frames';
import { diffViews } from '../protocol/view-patch';

export class ViewDiff {
  /** What the UI holds: per machine, the views last posted. */
  private posted = new Map<string, Readonly<Record<string, unknown>>>();

  /** The frame's machines with their views left out where unchanged, as changes where
   * they changed, whole the first time. */
  mark(machines: readonly MachineState[]): MachineState[] {
    const next = new Map<string, Readonly<Record<string, unknown>>>();
    const out = machines.map((m): MachineState => {
      if (!m.processes) return m;
      next.set(m.name, m.processes);
      const before = this.posted.get(m.name);
      if (before === undefined) return m;
      const changes = diffViews(before, m.processes);
      const { processes: _omitted, ...rest } = m;
      if (changes.length === 0) return { ...rest, sameView: true as const };
      // A process started or stopped (the root of a process's view): sent whole.
      if (changes.some((c) => c.path.length <= 1)) return m;
      return { ...rest, viewChanges: changes };
    });
    this.posted = next;
    return out;
  }

  /** The UI starts over (a new run, a frame without a cluster). */
  reset(): void {
    this.posted.clear();
  }
}

/** Deep equality of plain data (views are JSON-like). */
export function sameValue(a: unknown, b: unknown): boolean {
  return diffViews(a, b).length === 0;
}

/** `next`, with every part deep-equal to the same part of `prev` replaced by `prev`'s
 * object: a history of views then costs only what changed between two of them (the
 * page's store does the same for rendering, src/ui/store/share.ts). Views are immutable,
 * so a part of `next` that shares nothing with `prev` is kept as is, not copied: at "max"
 * the view history runs this over every machine's views once a second of sim time, and
 * copying every object on the way (with Object.entries' pairs) was most of its cost. */
export function reuseEqual<T>(prev: unknown, next: T): T {
  if (prev === next || typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null) return next;
  if (Array.isArray(next)) return (Array.isArray(prev) ? reuseArray(prev, next) : next) as T;
  if (Array.isArray(prev) || Object.getPrototypeOf(next) !== Object.prototype || Object.getPrototypeOf(prev) !== Object.prototype) return next;
  return reuseRecord(prev as Record<string, unknown>, next as Record<string, unknown>) as T;
}

function reuseArray(prev: readonly unknown[], next: readonly unknown[]): readonly unknown[] {
  let same = prev.length === next.length;
  let out: unknown[] | undefined; // a copy of next, made at the first part taken from prev
  for (let i = 0; i < next.length; i++) {
    const x = next[i];
    const r = i < prev.length ? reuseEqual(prev[i], x) : x;
    if (r !== prev[i] || i >= prev.length) same = false;
    if (r !== x) (out ??= next.slice())[i] = r;
  }
  return same ? prev : (out ?? next);
}

function reuseRecord(prev: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  let same = true;
  let keys = 0;
  let out: Record<string, unknown> | undefined;
  for (const k in next) {
    keys++;
    const v = next[k];
    const pv = prev[k];
    const r = reuseEqual(pv, v);
    if (r !== pv || (pv === undefined && !Object.hasOwn(prev, k))) same = false;
    if (r !== v) (out ??= { ...next })[k] = r;
  }
  if (same) {
    for (const _ in prev) keys--;
    if (keys === 0) return prev;
  }
  return out ?? next;
}
