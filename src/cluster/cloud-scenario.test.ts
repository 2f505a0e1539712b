// Scenario files with a cloud (issue 12): topology.cloud and the terminate step.

import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InProcessCluster } from '../host/in-process';
import { parseScenario, ScenarioError, simulationInit } from './scenario';

function errorOf(text: string): string {
  try {
    parseScenario(text);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error('expected the scenario to be rejected');
}

const top = (cloud: string) => `topology: { masters: 1, workers: 2${cloud} }\n`;

describe('scenario files: topology.cloud and terminate', () => {
  it('defaults to no cloud: no cloud machine, no cloud-controller-manager, kubelets without --cloud-provider', () => {
    const s = parseScenario(top(''));
    expect(s.setup.cloud).toBeUndefined();
    const machines = simulationInit(s).machines;
    expect(machines.map((m) => m.name)).toEqual(['master-1', 'worker-1', 'worker-2', 'lb', 'client']);
    const kinds = machines.flatMap((m) => (m.processes as { kind: string; cloudProvider?: string }[]).map((p) => p.kind + (p.cloudProvider ? `:${p.cloudProvider}` : '')));
    expect(kinds).not.toContain('cloud-controller-manager');
    expect(kinds.filter((k) => k.startsWith('kubelet'))).toEqual(['kubelet', 'kubelet', 'kubelet']);
    expect(parseScenario(top(', cloud: none')).setup.cloud).toBeUndefined();
  });

  it('cloud: sim adds the cloud machine, a cloud-controller-manager per master and external kubelets', () => {
    const s = parseScenario(`topology: { masters: 3, workers: 2, cloud: sim }\nfaults:\n  - { at: 60s, terminate: worker-2 }\n`);
    expect(s.setup.cloud).toBe('sim');
    expect(s.faults).toEqual([{ at: 60_000, fault: { kind: 'terminate', target: 'worker-2' } }]);
    const machines = simulationInit(s).machines;
    expect(machines.map((m) => m.name)).toEqual(['master-1', 'master-2', 'master-3', 'worker-1', 'worker-2', 'lb', 'cloud', 'client']);
    const procs = (name: string) => machines.find((m) => m.name === name)!.processes as { kind: string; cloudProvider?: string; instances?: { name: string; zone: string }[] }[];
    for (const m of ['master-1', 'master-2', 'master-3']) expect(procs(m).map((p) => p.kind)).toContain('cloud-controller-manager');
    for (const m of ['master-1', 'worker-1']) expect(procs(m).find((p) => p.kind === 'kubelet')?.cloudProvider).toBe('external');
    // The masters spread over three zones.
    expect(procs('cloud')[0]!.instances!.filter((i) => i.name.startsWith('master')).map((i) => i.zone)).toEqual(['sim-region-1a', 'sim-region-1b', 'sim-region-1c']);
  });

  it('names the field of a bad cloud or terminate', () => {
    expect(errorOf(top(', cloud: aws'))).toBe('topology.cloud: expected one of sim, none, got "aws"');
    expect(errorOf(`topology: { masters: 1, kubernetes: false, cloud: sim }\n`)).toMatch(/^topology\.cloud: sim needs Kubernetes/);
    expect(errorOf(`${top('')}faults:\n  - { at: 60s, terminate: worker-2 }\n`)).toBe('faults[0].terminate: needs a cloud to terminate an instance in: add topology.cloud: sim (or kill the machine instead)');
    expect(errorOf(`${top(', cloud: sim')}faults:\n  - { at: 60s, terminate: worker-9 }\n`)).toMatch(/^faults\[0\]\.terminate: no machine named "worker-9" in this topology/);
    expect(errorOf(`${top(', cloud: sim')}faults:\n  - { at: 60s, terminate: lb }\n`)).toBe('faults[0].terminate: lb is not a cloud instance; expected a master, worker or etcd host');
    expect(errorOf(`${top(', cloud: sim')}faults:\n  - { at: 60s, terminate: [worker-1] }\n`)).toBe('faults[0].terminate: expected a string, got a list');
  });

  it('npm run sim exits 2 naming the field', () => {
    const root = join(__dirname, '../..');
    const file = join(mkdtempSync(join(tmpdir(), 'cloud-cli-')), 'bad.yaml');
    writeFileSync(file, 'topology: { masters: 1, workers: 1, cloud: yes }\n');
    const r = spawnSync(join(root, 'node_modules/.bin/tsx'), ['src/cli/sim.ts', file], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('topology.cloud: expected one of sim, none, got "yes"');
  });

  it('terminate without a cloud (the page or a hand-made Fault) is recorded with a note and changes nothing', () => {
    const c = new InProcessCluster(simulationInit(parseScenario('topology: { masters: 1, workers: 0, kubernetes: false }\n')));
    c.runUntil(1_000);
    c.sim.inject({ kind: 'terminate', target: 'master-1' }, 'test');
    c.runUntil(2_000);
    expect(c.sim.trace.filter((e) => e.type === 'fault')).toEqual([{ t: 1_000, type: 'fault', action: 'terminate', target: 'master-1', via: 'test', note: 'no cloud provider (topology.cloud: none)' }]);
    expect(c.sim.isUp('master-1')).toBe(true);
  });
});
