// The machines a lockstep window being planned has work for: those that got an input
// and those that boot at its start. Only they are looked at when the window's batches
// are made, so a window that is one machine's tick (most windows: every machine ticks
// 10 times a second at its own phase) costs the same with 6 machines or 103, instead
// of a pass over every machine record per window.

import type { MachineInput } from '../sim/machine';
import type { MachineTable } from './machine-table';
import type { MachineRecord } from './simulation-types';
import type { WindowBatch } from './window';
import { clearArray } from '../sim/clear-array';

export class WindowInputs {
  /** Records with inputs (or a boot) in the window being planned, in arrival order:
   * the first `count` entries (a count, not `length = 0`, which is a builtin call per
   * window; what is left past `count` is stale and never read). */
  private readonly touched: MachineRecord[] = [];
  private count = 0;
  /** Records booted since the last window was planned (bootPending may since have been
   * cleared by a crash). */
  private readonly booted: MachineRecord[] = [];

  /** The window's batches: one array for every window (its plan is committed before
   * the next is planned). */
  private readonly batches: WindowBatch[] = [];

  add(m: MachineRecord, input: MachineInput): void {
    if (m.inputs === undefined) {
      m.inputs = emptied(m.inputBuffer);
      m.inputs.push(input);
      this.touched[this.count++] = m;
    } else m.inputs.push(input);
  }

  boot(m: MachineRecord): void {
    this.booted.push(m);
  }

  /** The window's batches in machine-name order (code units), one per current machine
   * that has inputs or boots, and clears the scratch. The array, a machine's batch and
   * its inputs are the same objects in every window: read them before planning the next. A record that is no longer the
   * table's (retired, or replaced by `member add`) gets none, as before: the batches
   * went over the table's records. */
  take(table: MachineTable, runSeed: number, t0: number): WindowBatch[] {
    const touched = this.touched;
    if (this.booted.length > 0) {
      for (const m of this.booted) {
        if (m.bootPending && m.inputs === undefined) {
          m.inputs = emptied(m.inputBuffer);
          touched[this.count++] = m;
        }
      }
      this.booted.length = 0;
    }
    const n = this.count;
    this.count = 0;
    if (n > 1) sortByName(touched, n);
    const batches = this.batches;
    clearArray(batches);
    for (let i = 0; i < n; i++) {
      const m = touched[i]!;
      const inputs = m.inputs!;
      m.inputs = undefined;
      const name = m.spec.name;
      if (table.get(name) !== m) continue;
      if (m.bootPending) {
        m.bootPending = false;
        const boot = { spec: m.spec, disk: m.disk, options: { runSeed, bootCount: m.bootCount, recordDiskOps: false, bootAt: t0 } };
        batches.push({ machine: name, boot, inputs });
      } else if (inputs.length > 0) batches.push((m.batch ??= { machine: name, inputs }));
    }
    return batches;
  }
}

function emptied(a: MachineInput[]): MachineInput[] {
  clearArray(a);
  return a;
}

/** Insertion sort by name (code units): a window touches a few machines, and
 * Array.prototype.sort allocates a work copy on every call. Names are unique. */
function sortByName(a: MachineRecord[], n: number): void {
  for (let i = 1; i < n; i++) {
    const m = a[i]!;
    let j = i - 1;
    while (j >= 0 && a[j]!.spec.name > m.spec.name) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = m;
  }
}
