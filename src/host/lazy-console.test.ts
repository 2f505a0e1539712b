// The workers' stand-ins for kubectl's and etcdctl's commands and scenario files: every
// name the sources take from those modules is there, a clear error before the console
// is loaded, the real functions after.

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import * as realScenario from '../cluster/scenario';
import { consoleModules, loadConsole } from './lazy-console';
import * as etcdctl from './lazy/etcdctl';
import * as kubectl from './lazy/kubectl';
import * as scenario from './lazy/scenario';
import * as inlineChecker from './lazy/inline-checker';
import * as optional from './lazy/optional-processes';
import * as snapshot from './lazy/snapshot-command';
import * as realSnapshot from '../etcd/etcdctl/snapshot-command';
import * as realCcm from '../kube/cloud/ccm';
import * as realDashboard from '../kube/dashboard/dashboard';
import { SimCloud as RealSimCloud } from '../cluster/sim-cloud';
import { needsLazyParts } from './lazy-console';
import { DEFAULT_SETUP } from '../protocol/cluster-setup';

const STAND_INS: Record<string, object> = {
  'kube/kubectl/kubectl': kubectl,
  'etcd/etcdctl/etcdctl': etcdctl,
  'cluster/scenario': scenario,
  'host/inline-checker': inlineChecker,
  'etcd/etcdctl/snapshot-command': snapshot,
  'kube/cloud/ccm': optional,
  'cluster/sim-cloud': optional,
  'kube/dashboard/dashboard': optional,
};

function sources(): string[] {
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) files.push(p);
    }
  };
  walk(new URL('..', import.meta.url).pathname);
  return files;
}

it('stands in for every value the sources import (or re-export) from the lazy modules', () => {
  const root = new URL('..', import.meta.url).pathname;
  let seen = 0;
  for (const file of sources()) {
    if (file.includes('/host/lazy')) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:import|export)\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
      if (m[1]) continue;
      const target = join(file, '..', m[3]!).slice(root.length).replace(/\.tsx?$/, '');
      const standIn = STAND_INS[target];
      if (!standIn) continue;
      for (const part of m[2]!.split(',')) {
        const name = part.trim().split(/\s+as\s+/)[0]!;
        if (!name || name.startsWith('type ')) continue;
        seen++;
        expect(name in standIn, `${file.slice(root.length)} imports ${name} from ${target}`).toBe(true);
      }
    }
  }
  expect(seen).toBeGreaterThan(5);
});

it('refuses with a clear message until loaded, then calls the real modules', async () => {
  expect(() => scenario.parseScenario('name: x')).toThrow('the console is still loading; try again in a moment');
  expect(new realScenario.ScenarioError('', 'bad') instanceof scenario.ScenarioError).toBe(false);
  await loadConsole();
  expect(consoleModules().scenario.parseScenario).toBe(realScenario.parseScenario);
  let caught: unknown;
  try {
    scenario.parseScenario('topology: { masters: nope }');
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(realScenario.ScenarioError);
  expect(caught instanceof scenario.ScenarioError).toBe(true);
  expect(new Error('other') instanceof scenario.ScenarioError).toBe(false);
  expect(etcdctl.table(['A', 'B'], [['1', '2']])).toContain('| A | B |');
  expect(consoleModules().snapshot).toBe(realSnapshot);
  expect(snapshot.snapshotFileError({})).toBe(realSnapshot.snapshotFileError({}));
});

it("the coordinator worker's stand-in for the inline checker names what is missing", () => {
  expect(() => new inlineChecker.InlineChecker({ topology: 'stacked' })).toThrow('its host must give createChecker (the verdict worker)');
});

it('stands in for the opt-in processes: the same ports, and new gives the real object once loaded', async () => {
  expect(optional.CCM_PORT).toBe(realCcm.CCM_PORT);
  expect(optional.DASHBOARD_PORT).toBe(realDashboard.DASHBOARD_PORT);
  await loadConsole();
  const disk = { get: () => undefined } as unknown as ConstructorParameters<typeof RealSimCloud>[1]['disk'];
  const cloud = new optional.SimCloud({ kind: 'sim-cloud', instances: [] }, { disk } as ConstructorParameters<typeof RealSimCloud>[1]);
  expect(cloud).toBeInstanceOf(RealSimCloud);
  expect(cloud.name).toBe('cloud-api');
});

it('a start waits for the lazy part only when it needs it: a scenario, a cloud, the dashboard', () => {
  const start = { type: 'start', setup: DEFAULT_SETUP, speed: 1, playing: true } as const;
  expect(needsLazyParts(start)).toBe(false);
  expect(needsLazyParts({ ...start, scenario: 'name: x' })).toBe(true);
  expect(needsLazyParts({ ...start, setup: { ...DEFAULT_SETUP, cloud: 'sim' } })).toBe(true);
  expect(needsLazyParts({ ...start, setup: { ...DEFAULT_SETUP, dashboard: true } })).toBe(true);
  expect(needsLazyParts({ type: 'console', id: 1, line: 'kubectl get pods' })).toBe(true);
  expect(needsLazyParts({ type: 'play' })).toBe(false);
});
