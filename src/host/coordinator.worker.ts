// The one worker the UI talks to (through src/protocol: UiCommand in, Frame out). It
// runs the coordinator and, by default, every machine as an object inside it
// (InWorkerDriver); `?isolation=worker` gives each machine a Web Worker of its own.
/// <reference lib="webworker" />

import type { UiCommand } from '../protocol/commands';
import { Coordinator } from './coordinator';
import { InWorkerDriver } from './in-worker-driver';
import type { WorkerLike } from './worker-driver';
import { WorkerChecker, type CheckerWorkerLike } from './worker-checker';
import { unclampedTimer } from './yield-now';
import { consoleModules, loadConsole } from './lazy-console';
import { DeferredWorker } from './deferred-worker';

const createMachineWorker = (machine: string): WorkerLike =>
  new Worker(new URL('./machine.worker.ts', import.meta.url), { type: 'module', name: machine }) as unknown as WorkerLike;

/** The built-in scenarios' texts come with the console's part: a start with a scenario
 * awaits loadYaml (below) before it reads them. */
const scenarios: Record<string, string> = {};
const loadLazyParts = (): Promise<void> =>
  Promise.all([loadConsole(), import('./builtin-scenarios').then((m) => void Object.assign(scenarios, m.BUILTIN_SCENARIOS))]).then(() => undefined);

const coordinator = new Coordinator({
  post: (frame) => self.postMessage(frame),
  wallNow: () => performance.now(),
  setTimer: unclampedTimer(),
  createDriver: (isolation, stalled) =>
    isolation === 'worker'
      ? // Its driver comes with the console's part, which a start with ?isolation=worker
        // awaits (needsLazyParts): the default start does not carry it.
        new (consoleModules().workerDriver.WorkerDriver)(createMachineWorker, {
          setTimer: (fn, ms) => {
            const h = setTimeout(fn, ms);
            return { cancel: () => clearTimeout(h) };
          },
          stalled: (machines, n) => stalled?.(machines, n),
        })
      : new InWorkerDriver(),
  // The verdict's worker is not needed to draw the first leader: it starts a few seconds
  // in (or when chaos asks for a verdict), and gets the trace it missed then.
  createChecker: ({ topology }) =>
    new WorkerChecker(
      new DeferredWorker(
        () => new Worker(new URL('./verdict.worker.ts', import.meta.url), { type: 'module', name: 'verdict' }) as unknown as CheckerWorkerLike,
        (start) => void setTimeout(start, VERDICT_WORKER_AFTER_MS),
      ),
      topology,
    ),
  scenarios,
  // The console's commands, scenario files and the YAML parser: a chunk of their own.
  loadYaml: loadLazyParts,
});

/** The verdict's worker starts this long after a cluster does. */
const VERDICT_WORKER_AFTER_MS = 3000;

/** The console's part (and the YAML parser) is not needed to boot a cluster: fetch it
 * once the boot is under way. */
const CONSOLE_PRELOAD_MS = 2000;
setTimeout(() => void loadLazyParts(), CONSOLE_PRELOAD_MS);

self.onmessage = (e: MessageEvent<UiCommand>) => coordinator.handle(e.data);
