import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InProcessDriver, runScenario, traceToJsonl } from '../host/in-process';
import { Rng } from '../sim/rng';
import type { MachineOutput } from '../sim/machine';
import type { ProcessFactory } from '../sim/process';
import { parseScenario } from '../cluster/scenario';
import { simulationInit } from '../cluster/scenario';
import { Simulation } from './simulation';
import { currentLeaders, stacked } from './leaders-at';

const scenarioFile = (name: string) => parseScenario(readFileSync(join(__dirname, '../../scenarios', `${name}.yaml`), 'utf8'));

describe('determinism', () => {
  const scenario = scenarioFile('chaos-smoke');

  it('gives byte-identical traces for the same seed, and a different one for another seed', () => {
    const a = runScenario(scenario, { seed: 3, until: 30_000 }).traceText;
    const b = runScenario(scenario, { seed: 3, until: 30_000 }).traceText;
    const c = runScenario(scenario, { seed: 4, until: 30_000 }).traceText;
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('gives the same trace when outputs are committed in a shuffled arrival order (the browser case)', () => {
    const until = 30_000;
    const reference = runScenario(scenario, { seed: 9, until }).traceText;

    const sim = new Simulation(simulationInit(scenario, { seed: 9, until }));
    const driver = new InProcessDriver();
    const shuffle = new Rng(12345);
    for (let plan = sim.planWindow(); plan; plan = sim.planWindow()) {
      const outputs = driver.runWindow(plan);
      // Workers answer in any order: rebuild the map in a random insertion order.
      const arrived = new Map<string, MachineOutput>();
      for (const name of shuffle.shuffle([...outputs.keys()])) arrived.set(name, outputs.get(name)!);
      sim.commitWindow(plan, arrived);
    }
    expect(traceToJsonl(sim.trace)).toBe(reference);
  });

  it('never hands a machine an input from the window it was sent in', () => {
    const sim = new Simulation(simulationInit(scenario, { seed: 2, until: 10_000 }));
    const driver = new InProcessDriver();
    for (let plan = sim.planWindow(); plan; plan = sim.planWindow()) {
      for (const b of plan.batches) for (const i of b.inputs) {
        expect(i.t).toBeGreaterThanOrEqual(plan.t0);
        expect(i.t).toBeLessThan(plan.end);
        if (i.kind === 'deliver') expect(i.packet.sentAt).toBeLessThan(plan.t0);
      }
      sim.commitWindow(plan, driver.runWindow(plan));
    }
  });
});

describe('kill-etcd-leader', () => {
  const scenario = scenarioFile('kill-etcd-leader');
  const run = runScenario(scenario);
  const ev = run.events;

  it('elects a new leader with a higher term within a few seconds', () => {
    const kill = ev.find((e) => e.type === 'fault' && e.action === 'kill')!;
    expect(kill).toMatchObject({ t: 10_000, target: expect.stringMatching(/^master-\d$/), via: 'etcd-leader' });
    const killed = (kill as { target: string }).target;
    const oldLeader = currentLeaders(ev, 9_999, stacked);
    expect(oldLeader.map(stacked)).toEqual([killed]);
    const oldTerm = ev.filter((e) => e.type === 'raft.role' && e.role === 'leader' && e.t < 10_000).at(-1) as { term: number };
    const next = ev.find((e) => e.type === 'raft.role' && e.role === 'leader' && e.t > 10_000) as { t: number; term: number; member: string } | undefined;
    expect(next).toBeDefined();
    expect(next!.term).toBeGreaterThan(oldTerm.term);
    expect(stacked(next!.member)).not.toBe(killed);
    expect(next!.t - 10_000).toBeLessThan(5_000);
  });

  it('restarts the old leader as a follower that catches up', () => {
    const kill = ev.find((e) => e.type === 'fault' && e.action === 'kill') as { target: string };
    const member = kill.target.replace('master-', 'etcd-');
    const up = ev.find((e) => e.type === 'machine.up' && e.machine === kill.target)!;
    expect(up.t).toBe(20_000);
    const rolesAfter = ev.filter((e) => e.type === 'raft.role' && e.member === member && e.t >= 20_000);
    expect(rolesAfter[0]).toMatchObject({ role: 'follower' });
    expect(rolesAfter.some((e) => e.type === 'raft.role' && e.role === 'leader')).toBe(false);
    // Its applied index reaches the others' (the cluster's machines are all up at the end).
    const views = run.cluster.views();
    const applied = [...views.values()].flatMap((v) => (v.processes.etcd ? [(v.processes.etcd as { applied: number }).applied] : []));
    expect(applied).toHaveLength(3);
    const own = (views.get(kill.target)!.processes.etcd as { applied: number }).applied;
    expect(own).toBeGreaterThan(0);
    expect(Math.max(...applied) - own).toBeLessThanOrEqual(2);
    expect(run.checks.ok).toBe(true);
  });
});

describe('partitions', () => {
  it('a minority partition cannot elect, and healing leaves one leader', () => {
    const run = runScenario(scenarioFile('minority-partition'));
    const ev = run.events;
    const newLeaderInMinority = ev.filter((e) => e.type === 'raft.role' && e.role === 'leader' && e.member === 'etcd-1' && e.t > 10_000 && e.t <= 25_000);
    expect(newLeaderInMinority).toEqual([]);
    // The majority side has a leader during the partition.
    const majority = currentLeaders(ev, 20_000, stacked).filter((m) => m !== 'etcd-1');
    expect(majority).toHaveLength(1);
    // After healing: exactly one leader at the highest term.
    expect(currentLeaders(ev, 35_000, stacked)).toHaveLength(1);
    expect(run.checks.ok).toBe(true);
  });

  it('a partitioned leader is replaced by the majority side', () => {
    const run = runScenario(scenarioFile('partition-leader'));
    const ev = run.events;
    const cut = ev.find((e) => e.type === 'fault' && e.action === 'partition') as { groups: string[][] };
    const isolated = cut.groups[0]![0]!;
    const during = currentLeaders(ev, 20_000, stacked);
    expect(during).toHaveLength(1);
    expect(stacked(during[0]!)).not.toBe(isolated);
    expect(currentLeaders(ev, 35_000, stacked)).toHaveLength(1);
    expect(run.checks.ok).toBe(true);
  });

  it('without a quorum nothing commits; after the restart a leader is back', () => {
    const run = runScenario(scenarioFile('lose-quorum'));
    const ev = run.events;
    const appliesWhileDown = ev.filter((e) => e.type === 'raft.apply' && e.t > 10_500 && e.t < 25_000);
    expect(appliesWhileDown).toEqual([]);
    expect(ev.some((e) => e.type === 'raft.role' && e.role === 'leader' && e.t > 25_000 && e.t < 30_000)).toBe(true);
    expect(run.checks.ok).toBe(true);
  });
});

describe('faults', () => {
  it('reports a leader target with no live holder instead of failing', () => {
    const s = parseScenario(`
until: 5s
faults:
  - { at: 2s, kill: scheduler-leader }
  - { at: 3s, restart: down }
`);
    const run = runScenario(s);
    expect(run.events.find((e) => e.type === 'fault' && e.t === 2000)).toMatchObject({ action: 'kill', target: 'scheduler-leader', note: expect.stringContaining('no live holder of the kube-system/kube-scheduler lease') });
    expect(run.events.find((e) => e.type === 'fault' && e.t === 3000)).toMatchObject({ action: 'restart', target: 'down', note: 'no machine is down' });
  });

  it('drops packets queued for a machine that crashed, even after it reboots', () => {
    // a sends b a numbered packet every tick; b notes each arrival.
    const factory: ProcessFactory = (spec, runtimeFor) => {
      const rt = runtimeFor('p', 1);
      let n = 0;
      return [{
        name: 'p', ports: [1],
        tick: () => { if (spec.name === 'a') rt.send({ host: 'b', port: 1 }, 'ping', ++n); },
        receive: (pkt) => rt.emit({ type: 'raft.note', member: spec.name, term: 0, note: `got sentAt=${pkt.sentAt}` }),
        view: () => null,
      }];
    };
    const sim = new Simulation({
      seed: 1,
      machines: [{ name: 'a', kind: 'master', processes: [] }, { name: 'b', kind: 'master', processes: [] }],
      network: { latencyMinMs: 200, latencyMaxMs: 300 },
      faults: [{ at: 1000, fault: { kind: 'restart', target: 'b' } }],
      horizon: 2000,
    });
    sim.runUntil(2000, new InProcessDriver(factory));
    const got = sim.trace.filter((e) => e.type === 'raft.note').map((e) => ({ t: e.t, sentAt: Number((e as { note: string }).note.split('=')[1]) }));
    expect(got.length).toBeGreaterThan(15);
    // Nothing sent towards b's first life arrives in its second one.
    expect(got.filter((g) => g.t >= 1000 && g.sentAt < 1000)).toEqual([]);
    expect(got.some((g) => g.t >= 1000)).toBe(true);
    expect(got.some((g) => g.t < 1000)).toBe(true);
  });
});
