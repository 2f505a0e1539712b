// The one worker the UI talks to (through src/protocol: UiCommand in, Frame out). It
// runs the coordinator and, by default, every machine as an object inside it
// (InWorkerDriver); `?isolation=worker` gives each machine a Web Worker of its own.
/// <reference lib="webworker" />

import type { UiCommand } from '../protocol/commands';
import { BUILTIN_SCENARIOS } from './builtin-scenarios';
import { Coordinator } from './coordinator';
import { InWorkerDriver } from './in-worker-driver';
import { WorkerDriver, type WorkerLike } from './worker-driver';
import { WorkerChecker, type CheckerWorkerLike } from './worker-checker';
import { loadYaml } from './lazy-yaml';
import { unclampedTimer } from './yield-now';

const createMachineWorker = (machine: string): WorkerLike =>
  new Worker(new URL('./machine.worker.ts', import.meta.url), { type: 'module', name: machine }) as unknown as WorkerLike;

const coordinator = new Coordinator({
  post: (frame) => self.postMessage(frame),
  wallNow: () => performance.now(),
  setTimer: unclampedTimer(),
  createDriver: (isolation, stalled) =>
    isolation === 'worker'
      ? new WorkerDriver(createMachineWorker, {
          setTimer: (fn, ms) => {
            const h = setTimeout(fn, ms);
            return { cancel: () => clearTimeout(h) };
          },
          stalled: (machines, n) => stalled?.(machines, n),
        })
      : new InWorkerDriver(),
  createChecker: ({ topology }) =>
    new WorkerChecker(new Worker(new URL('./verdict.worker.ts', import.meta.url), { type: 'module', name: 'verdict' }) as unknown as CheckerWorkerLike, topology),
  scenarios: BUILTIN_SCENARIOS,
  loadYaml,
});

/** The YAML parser is not needed to boot a cluster: fetch it once the boot is under way. */
const YAML_PRELOAD_MS = 2000;
setTimeout(() => void loadYaml(), YAML_PRELOAD_MS);

self.onmessage = (e: MessageEvent<UiCommand>) => coordinator.handle(e.data);
