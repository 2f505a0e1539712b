// A stand-in for a Web Worker in Node tests: a MachineHost behind structured clone,
// answering after a random number of turns of the event loop, so machines answer a
// window in a shuffled order, as real workers do. Messages to one worker stay in order.

import { Rng } from '../sim/rng';
import { MachineHost } from './machine-host';
import type { WorkerLike } from './worker-driver';
import type { FromMachine, ToMachine } from './worker-protocol';

export class FakeWorker implements WorkerLike {
  onmessage: ((e: { data: FromMachine }) => void) | null = null;
  onerror: ((e: { message?: string }) => void) | null = null;
  private readonly host = new MachineHost();
  private chain: Promise<void> = Promise.resolve();
  private terminated = false;

  constructor(private readonly jitter: Rng) {}

  postMessage(msg: ToMachine): void {
    const copy = structuredClone(msg);
    const turns = this.jitter.int(0, 6);
    this.chain = this.chain.then(async () => {
      for (let i = 0; i < turns; i++) await Promise.resolve();
      if (this.terminated) return;
      const reply = this.host.handle(copy);
      if (reply && !this.terminated) this.onmessage?.({ data: structuredClone(reply) });
    });
  }

  terminate(): void {
    this.terminated = true;
  }
}
