// The cluster's machines as the Simulation keeps them: one record each (status, life
// count, the authoritative disk), in spec order (frames, chaos; a machine started by
// `member add` comes last) and in name order (code units: a window's batches and its
// commit go in this order, which is what makes the trace independent of the hosts).

import { Disk } from '../sim/disk';
import type { MachineSpec } from '../sim/process';
import type { MachineRecord } from './simulation-types';

export class MachineTable {
  private readonly records = new Map<string, MachineRecord>();
  /** Spec order. */
  readonly order: string[] = [];
  /** Name order. */
  byRank: readonly MachineRecord[] = [];

  constructor(specs: readonly MachineSpec[]) {
    for (const spec of specs) {
      if (this.records.has(spec.name)) throw new Error(`duplicate machine name ${spec.name}`);
      this.records.set(spec.name, fresh(spec, -1));
      this.order.push(spec.name);
    }
    this.byRank = this.rank();
  }

  get(name: string): MachineRecord | undefined {
    return this.records.get(name);
  }

  /** Puts a machine (a new etcd host) in the cluster with a fresh disk, down. */
  install(spec: MachineSpec): void {
    const old = this.records.get(spec.name);
    this.records.set(spec.name, fresh(spec, old ? old.bootCount : -1));
    if (!this.order.includes(spec.name)) this.order.push(spec.name);
    this.byRank = this.rank();
  }

  retire(machine: string): void {
    this.records.delete(machine);
    this.order.splice(this.order.indexOf(machine), 1);
    this.byRank = this.rank();
  }

  private rank(): MachineRecord[] {
    return [...this.order].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)).map((name) => this.records.get(name)!);
  }
}

function fresh(spec: MachineSpec, bootCount: number): MachineRecord {
  return { spec, status: 'down', bootCount, disk: new Disk(), bootPending: false, inputs: undefined, inputBuffer: [], batch: undefined, tickBase: 0, tickAt: Infinity, wake: -Infinity };
}
