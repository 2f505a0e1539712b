// One simulated machine in its own Web Worker. Killing the machine terminates this
// worker: its memory is gone; its disk lives on in the coordinator.
/// <reference lib="webworker" />

import { MachineHost } from './machine-host';
import { loadConsole } from './lazy-console';
import type { ToMachine } from './worker-protocol';

const host = new MachineHost();
// kubectl parses and prints YAML inside a window, which cannot wait: messages are handled
// once the parser is here (in order: callbacks on one promise run in registration order).
const ready = loadConsole().catch(() => undefined);
self.onmessage = (e: MessageEvent<ToMachine>) =>
  void ready.then(() => {
    const reply = host.handle(e.data);
    if (reply) self.postMessage(reply);
  });
