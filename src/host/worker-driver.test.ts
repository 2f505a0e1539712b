import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulationInit } from '../cluster/scenario';
import { Simulation } from '../coordinator/simulation';
import { Rng } from '../sim/rng';
import { FakeWorker } from './fake-worker';
import { runScenario } from './in-process';
import { traceToJsonl } from './jsonl';
import { WorkerDriver } from './worker-driver';

const scenario = parseScenario(readFileSync(join(__dirname, '../../scenarios/chaos-smoke.yaml'), 'utf8'));

describe('WorkerDriver (one worker per machine, answers in any order)', () => {
  it('gives the headless trace byte for byte, through crashes and restarts', async () => {
    const until = 25_000;
    const reference = runScenario(scenario, { seed: 21, until });
    const jitter = new Rng(99);
    let created = 0;
    const driver = new WorkerDriver(() => {
      created++;
      return new FakeWorker(jitter.fork(String(created)));
    });
    const sim = new Simulation(simulationInit(scenario, { seed: 21, until }));
    for (let plan = sim.planWindow(); plan; plan = sim.planWindow()) sim.commitWindow(plan, await driver.runWindow(plan));
    expect(traceToJsonl(sim.trace)).toBe(reference.traceText);
    // Every machine booted once at the start, plus once per restart in the trace.
    const restarts = sim.trace.filter((e) => e.type === 'machine.up').length;
    expect(created).toBe(sim.machineList().length + restarts);
    expect(restarts).toBeGreaterThan(0);
    // The coordinator's disks, rebuilt from the workers' recorded writes, equal the
    // in-process host's (which wrote them directly).
    for (const m of ['master-1', 'master-2', 'master-3']) {
      expect(sim.diskOf(m)!.entries().sort()).toEqual(reference.cluster.sim.diskOf(m)!.entries().sort());
    }
    const views = await driver.views(sim.upMachines());
    expect([...views.keys()]).toEqual(sim.upMachines());
    driver.dispose();
  });
});
