// The in-process host (Node: tests, `npm run sim`, the benchmark): every machine is a
// Machine object in this thread, driven synchronously, window by window, in the same
// lockstep as the browser's workers.

import { checkTrace, type CheckReport } from '../check';
import { processFactory } from '../cluster/processes';
import { simulationInit, type Scenario } from '../cluster/scenario';
import { Simulation, type SimulationInit } from '../coordinator/simulation';
import { summarize, type TraceSummary } from '../coordinator/trace-summary';
import type { SyncMachineDriver, WindowOutputs, WindowPlan } from '../coordinator/window';
import type { TraceEvent } from '../protocol/trace';
import { traceToJsonl } from './jsonl';
import { Machine, type MachineView } from '../sim/machine';
import type { ProcessFactory } from '../sim/process';
import { OutputList } from './output-list';
import { ActionFeed } from './recording';
import { RunLog } from './run-log';

export class InProcessDriver implements SyncMachineDriver {
  private readonly machines = new Map<string, Machine>();

  private readonly outputs = new OutputList();

  constructor(private readonly factory: ProcessFactory = processFactory) {}

  runWindow(plan: WindowPlan): WindowOutputs {
    for (const name of plan.kills) this.machines.delete(name);
    // One map reused across windows: the coordinator commits a window before asking
    // for the next, synchronously.
    const out = this.outputs;
    out.reset();
    for (const b of plan.batches) {
      if (b.boot) {
        // The authoritative disk itself: it survives the crash, the Machine does not.
        this.machines.set(b.machine, new Machine(b.boot.spec, b.boot.disk, this.factory, b.boot.options));
      }
      const m = this.machines.get(b.machine);
      if (!m) throw new Error(`window ${plan.n}: ${b.machine} is not running`);
      out.add(b.machine, m.run(b.inputs));
    }
    return out;
  }

  views(machines: readonly string[]): Map<string, MachineView> {
    const out = new Map<string, MachineView>();
    for (const name of machines) {
      const m = this.machines.get(name);
      if (m) out.set(name, m.view());
    }
    return out;
  }

  machine(name: string): Machine | undefined {
    return this.machines.get(name);
  }
}

/** A simulation with its in-process driver. */
export class InProcessCluster {
  readonly sim: Simulation;
  readonly driver: InProcessDriver;

  constructor(init: SimulationInit, factory?: ProcessFactory) {
    this.sim = new Simulation(init);
    this.driver = new InProcessDriver(factory);
  }

  runUntil(t: number): void {
    this.sim.runUntil(t, this.driver);
  }

  /** Runs to the horizon. */
  runToEnd(): void {
    this.sim.runUntil(this.sim.horizon, this.driver);
  }

  views(): Map<string, MachineView> {
    return this.driver.views(this.sim.upMachines());
  }
}

export interface ScenarioRun {
  readonly events: TraceEvent[];
  /** JSON Lines, one event per line, ending with a newline. */
  readonly traceText: string;
  readonly summary: TraceSummary;
  readonly checks: CheckReport;
  readonly seed: number;
  readonly until: number;
  readonly cluster: InProcessCluster;
}

export { traceToJsonl };

/** Runs a scenario headless to its `until` and checks the trace. */
export function runScenario(scenario: Scenario, opts: { seed?: number; until?: number; factory?: ProcessFactory } = {}): ScenarioRun {
  const init = simulationInit(scenario, opts);
  const cluster = new InProcessCluster(init, opts.factory);
  if (scenario.actions && scenario.actions.length > 0) runWithActions(cluster, init, new ActionFeed(scenario.actions));
  else cluster.runToEnd();
  const events = cluster.sim.trace;
  return {
    events,
    traceText: traceToJsonl(events),
    summary: summarize(events),
    checks: checkTrace(events, { topology: scenario.setup.topology }),
    seed: init.seed,
    until: init.horizon!,
    cluster,
  };
}

/** A recording's run: its actions between the windows, as the page applied them
 * (recording.ts), then the clock to the horizon. */
function runWithActions(cluster: InProcessCluster, init: SimulationInit, feed: ActionFeed): void {
  const { sim, driver } = cluster;
  const log = new RunLog(init);
  for (;;) {
    feed.applyDue(sim, log);
    const plan = sim.planWindow();
    if (!plan) break;
    sim.commitWindow(plan, driver.runWindow(plan));
  }
  sim.idleUntil(sim.horizon);
}
