// The machines a lockstep window being planned has work for: those that got an input
// and those that boot at its start. Only they are looked at when the window's batches
// are made, so a window that is one machine's tick (most windows: every machine ticks
// 10 times a second at its own phase) costs the same with 6 machines or 103, instead
// of a pass over every machine record per window.

import type { MachineInput } from '../sim/machine';
import type { MachineTable } from './machine-table';
import type { MachineRecord } from './simulation-types';
import type { WindowBatch } from './window';

export class WindowInputs {
  /** Records with inputs (or a boot) in the window being planned, in arrival order. */
  private readonly touched: MachineRecord[] = [];
  /** Records booted since the last window was planned (bootPending may since have been
   * cleared by a crash). */
  private readonly booted: MachineRecord[] = [];

  add(m: MachineRecord, input: MachineInput): void {
    if (m.inputs === undefined) {
      m.inputs = [input];
      this.touched.push(m);
    } else m.inputs.push(input);
  }

  boot(m: MachineRecord): void {
    this.booted.push(m);
  }

  /** The window's batches in machine-name order (code units), one per current machine
   * that has inputs or boots, and clears the scratch. A record that is no longer the
   * table's (retired, or replaced by `member add`) gets none, as before: the batches
   * went over the table's records. */
  take(table: MachineTable, boot: (m: MachineRecord) => WindowBatch['boot']): WindowBatch[] {
    const touched = this.touched;
    for (const m of this.booted) {
      if (m.bootPending && m.inputs === undefined) {
        m.inputs = [];
        touched.push(m);
      }
    }
    this.booted.length = 0;
    if (touched.length > 1) touched.sort(byName);
    const batches: WindowBatch[] = [];
    for (const m of touched) {
      const inputs = m.inputs!;
      m.inputs = undefined;
      const name = m.spec.name;
      if (table.get(name) !== m) continue;
      if (m.bootPending) {
        m.bootPending = false;
        batches.push({ machine: name, boot: boot(m), inputs });
      } else if (inputs.length > 0) batches.push({ machine: name, inputs });
    }
    touched.length = 0;
    return batches;
  }
}

function byName(a: MachineRecord, b: MachineRecord): number {
  return a.spec.name < b.spec.name ? -1 : a.spec.name > b.spec.name ? 1 : 0;
}
