// The browser's default (issue 14): every machine is a Machine object inside the
// coordinator's worker, driven exactly as the Node host drives them. A kill drops the
// machine's object, so its memory is gone; a restart boots a new one on the
// coordinator's copy of its disk. No postMessage round trip per window: the lockstep
// costs what the machines' work costs. `?isolation=worker` keeps one Web Worker per
// machine (WorkerDriver), to see a killed machine as a terminated worker.

import type { AsyncMachineDriver, WindowOutputs, WindowPlan } from '../coordinator/window';
import type { MachineView } from '../sim/machine';
import { InProcessDriver } from './in-process';

export class InWorkerDriver implements AsyncMachineDriver {
  /** `inner`: machines that already run (a seek rebuilt them: src/host/seek.ts). */
  constructor(readonly inner: InProcessDriver = new InProcessDriver()) {}

  runWindow(plan: WindowPlan): Promise<WindowOutputs> {
    // The inner driver reuses its output map; the coordinator commits a window before it
    // plans the next, so handing it over as is is safe.
    return Promise.resolve(this.inner.runWindow(plan));
  }

  views(machines: readonly string[]): Promise<Map<string, MachineView>> {
    return Promise.resolve(this.inner.views(machines));
  }

  dispose(): void {}
}
