// One simulated machine in its own Web Worker. Killing the machine terminates this
// worker: its memory is gone; its disk lives on in the coordinator.
/// <reference lib="webworker" />

import { MachineHost } from './machine-host';
import type { ToMachine } from './worker-protocol';

const host = new MachineHost();
self.onmessage = (e: MessageEvent<ToMachine>) => {
  const reply = host.handle(e.data);
  if (reply) self.postMessage(reply);
};
