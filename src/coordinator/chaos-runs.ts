// The chaos blocks of a run (a scenario's `chaos:` and the page's chaos switch), as the
// Simulation's coordinator queue drives them: each block starts (some loss), steps
// every `everyMs` (faults.ts chaosStep) and ends with a liveness phase (chaosEnd). The
// live block (the switch) schedules its steps one at a time until switched off.

import type { Rng } from '../sim/rng';
import type { ClusterControl } from './cluster-control';
import { chaosEnd, chaosStep, type ChaosRun, type ChaosSpec } from './faults';
import type { ChaosEvent } from './simulation-types';

export class ChaosRuns {
  private readonly runs: ChaosRun[];
  private live: number | undefined;

  /** Forks one stream per block from `rng` and queues every scripted block's events. */
  constructor(
    specs: readonly ChaosSpec[],
    private readonly rng: Rng,
    private readonly control: ClusterControl,
    private readonly schedule: (e: ChaosEvent, t: number) => void,
  ) {
    this.runs = specs.map((spec, i) => ({ spec, rng: this.rng.fork(`chaos/${i}`), lossBefore: 0 }));
    this.runs.forEach((run, i) => {
      schedule({ kind: 'chaos-start', chaos: i }, run.spec.from);
      for (let t = run.spec.from + run.spec.everyMs; t < run.spec.to; t += run.spec.everyMs) schedule({ kind: 'chaos-step', chaos: i }, t);
      schedule({ kind: 'chaos-end', chaos: i }, run.spec.to);
    });
  }

  /** The page's switch on at `at`; false if it already was. */
  startLive(everyMs: number, at: number): boolean {
    if (this.live !== undefined) return false;
    const i = this.runs.length;
    this.runs.push({ spec: { from: at, to: Infinity, crash: true, partition: true, loss: 0.03, everyMs }, rng: this.rng.fork(`chaos/live/${i}`), lossBefore: 0, live: true });
    this.live = i;
    this.schedule({ kind: 'chaos-start', chaos: i }, at);
    this.schedule({ kind: 'chaos-step', chaos: i }, at + everyMs);
    return true;
  }

  /** The page's switch off at `at`; false if it was not on. */
  stopLive(at: number): boolean {
    if (this.live === undefined) return false;
    this.schedule({ kind: 'chaos-end', chaos: this.live }, at);
    this.live = undefined;
    return true;
  }

  get liveOn(): boolean {
    return this.live !== undefined;
  }

  /** One queued chaos event, at the window's t0. */
  apply(e: ChaosEvent): void {
    const run = this.runs[e.chaos]!;
    switch (e.kind) {
      case 'chaos-start':
        run.lossBefore = this.control.network.conditions.loss;
        if (run.spec.loss > 0) this.control.apply({ kind: 'loss', rate: run.spec.loss }, 'chaos');
        return;
      case 'chaos-step':
        if (run.ended) return;
        chaosStep(this.control, run);
        if (run.live) this.schedule({ kind: 'chaos-step', chaos: e.chaos }, this.control.now() + run.spec.everyMs);
        return;
      case 'chaos-end':
        if (run.ended) return;
        run.ended = true;
        chaosEnd(this.control, run);
        return;
    }
  }
}
