// The in-process driver's answer to a window: one output per batch, in the batches'
// order, in two arrays reused from window to window. A Map cleared every window got a
// fresh hash table every window (V8's Map.clear allocates one): 4 % of an HA run's
// allocation. The coordinator looks outputs up in batch order, so a lookup starts where
// the last one matched and is one comparison in the usual case.

import type { MachineOutput } from '../sim/machine';

export class OutputList implements ReadonlyMap<string, MachineOutput> {
  private readonly names: string[] = [];
  private readonly outs: MachineOutput[] = [];
  private n = 0;
  /** Where the next lookup starts: just after the last match. */
  private hint = 0;

  /** Empties the list for the next window (the arrays keep their slots). */
  reset(): void {
    this.n = 0;
    this.hint = 0;
  }

  add(name: string, out: MachineOutput): void {
    this.names[this.n] = name;
    this.outs[this.n++] = out;
  }

  get size(): number {
    return this.n;
  }

  get(name: string): MachineOutput | undefined {
    for (let k = 0; k < this.n; k++) {
      const i = (this.hint + k) % this.n;
      if (this.names[i] === name) {
        this.hint = i + 1;
        return this.outs[i];
      }
    }
    return undefined;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  forEach(fn: (value: MachineOutput, key: string, map: ReadonlyMap<string, MachineOutput>) => void, thisArg?: unknown): void {
    for (let i = 0; i < this.n; i++) fn.call(thisArg, this.outs[i]!, this.names[i]!, this);
  }

  *entries(): MapIterator<[string, MachineOutput]> {
    for (let i = 0; i < this.n; i++) yield [this.names[i]!, this.outs[i]!];
  }

  *keys(): MapIterator<string> {
    for (let i = 0; i < this.n; i++) yield this.names[i]!;
  }

  *values(): MapIterator<MachineOutput> {
    for (let i = 0; i < this.n; i++) yield this.outs[i]!;
  }

  [Symbol.iterator](): MapIterator<[string, MachineOutput]> {
    return this.entries();
  }
}
