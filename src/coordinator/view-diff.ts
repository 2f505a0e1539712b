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
 * page's store does the same for rendering, src/ui/store/share.ts). */
export function reuseEqual<T>(prev: unknown, next: T): T {
  if (prev === next || typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    let same = prev.length === next.length;
    const out = next.map((x, i) => {
      const r = reuseEqual(prev[i], x);
      if (r !== prev[i]) same = false;
      return r;
    });
    return (same ? prev : out) as T;
  }
  if (Array.isArray(prev) || Object.getPrototypeOf(next) !== Object.prototype || Object.getPrototypeOf(prev) !== Object.prototype) return next;
  const p = prev as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  let same = Object.keys(p).length === Object.keys(next).length;
  for (const [k, v] of Object.entries(next)) {
    const r = reuseEqual(p[k], v);
    out[k] = r;
    if (r !== p[k] || !Object.hasOwn(p, k)) same = false;
  }
  return (same ? prev : out) as T;
}
