// The exact cluster at a sought moment, re-executed in slices (issue 11): the view
// history (view-history.ts) shows the moment at once, and this brings the simulation
// itself there behind it, a budget of wall time per coordinator turn, so commands keep
// being read while it runs. Scrubbing retargets it: a later target goes on from where
// it got, an earlier one starts again from the nearest simulation that is not past it.
// Same windows, same actions after the same windows as seek.ts runTo: the same run.

import { processFactory } from '../cluster/processes';
import { Simulation } from '../coordinator/simulation';
import type { ProcessFactory } from '../sim/process';
import { InProcessDriver } from './in-process';
import type { Entry, RunLog } from './run-log';
import { applyDue, type OnWindow } from './seek';

/** Windows run between two looks at the wall clock. */
const WINDOWS_PER_CHECK = 32;

export class Rebuild {
  readonly sim: Simulation;
  readonly driver: InProcessDriver;
  /** Index of the first logged action not yet taken. */
  next: number;
  /** A fresh simulation re-executed from t = 0 (not the live one run on). */
  readonly fromStart: boolean;

  constructor(
    base: { sim: Simulation; driver: InProcessDriver; next: number } | undefined,
    log: RunLog,
    public to: number,
    factory: ProcessFactory = processFactory,
  ) {
    this.fromStart = base === undefined;
    this.sim = base?.sim ?? new Simulation(log.init);
    this.driver = base?.driver ?? new InProcessDriver(factory);
    this.next = base?.next ?? 0;
  }

  get done(): boolean {
    const w = this.sim.nextWindow();
    return this.sim.now >= this.to && (!w || w.end > this.to);
  }

  /** Runs windows towards `to` until it is reached (true) or `more()` says stop. */
  step(actions: readonly Entry[], more: () => boolean, onWindow?: OnWindow): boolean {
    const sim = this.sim;
    const to = Math.min(this.to, sim.horizon);
    this.next = applyDue(sim, actions, this.next, to);
    let n = 0;
    for (let w = sim.nextWindow(); w && w.end <= to; w = sim.nextWindow()) {
      if (++n % WINDOWS_PER_CHECK === 0 && !more()) return false;
      const plan = sim.planWindow()!;
      sim.commitWindow(plan, this.driver.runWindow(plan));
      onWindow?.(sim);
      this.next = applyDue(sim, actions, this.next, to);
    }
    sim.idleUntil(to);
    this.next = applyDue(sim, actions, this.next, to);
    return true;
  }
}
