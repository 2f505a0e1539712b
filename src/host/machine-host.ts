// What a machine worker does, without the worker: boot a Machine from a spec and disk
// entries (recording its disk writes so the coordinator can keep the authoritative
// copy), run windows, answer views. machine.worker.ts wires it to postMessage.

import { processFactory } from '../cluster/processes';
import { Disk } from '../sim/disk';
import { Machine } from '../sim/machine';
import type { ProcessFactory } from '../sim/process';
import type { FromMachine, ToMachine } from './worker-protocol';

export class MachineHost {
  private machine: Machine | undefined;
  private bootError: string | undefined;

  constructor(private readonly factory: ProcessFactory = processFactory) {}

  handle(msg: ToMachine): FromMachine | undefined {
    try {
      switch (msg.type) {
        case 'boot':
          this.machine = undefined;
          try {
            this.machine = new Machine(msg.spec, new Disk(msg.disk, true), this.factory, { ...msg.options, recordDiskOps: true });
            this.bootError = undefined;
          } catch (e) {
            this.bootError = `${msg.spec.name} failed to boot: ${(e as Error).stack ?? String(e)}`;
          }
          return undefined;
        case 'run':
          if (!this.machine) return { type: 'error', n: msg.n, message: this.bootError ?? 'run before boot' };
          return { type: 'output', n: msg.n, output: this.machine.run(msg.inputs) };
        case 'view':
          if (!this.machine) return { type: 'error', n: msg.n, message: 'view before boot' };
          return { type: 'view', n: msg.n, view: this.machine.view() };
      }
    } catch (e) {
      const n = msg.type === 'boot' ? -1 : msg.n;
      return { type: 'error', n, message: `${this.machine?.name ?? msg.type}: ${(e as Error).stack ?? String(e)}` };
    }
  }
}
