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
import { DEFAULT_DEPLOYMENT, DEFAULT_SETUP } from '../protocol/cluster-setup';
import * as realCron from '../kube/api/cron';
import * as batch from './lazy/batch';
import * as injectedBugs from './lazy/injected-bugs';
import * as recordingFile from './lazy/recording-file';
import * as storageWatches from './lazy/storage-watches';
import * as realJob from '../kube/controllers/job';
import * as realCronJob from '../kube/controllers/cronjob';
import type { ControllerContext } from '../kube/controllers/context';
import { vi } from 'vitest';

const STAND_INS: Record<string, object> = {
  'kube/kubectl/kubectl': kubectl,
  'etcd/etcdctl/etcdctl': etcdctl,
  'cluster/scenario': scenario,
  'host/inline-checker': inlineChecker,
  'etcd/etcdctl/snapshot-command': snapshot,
  'kube/cloud/ccm': optional,
  'cluster/sim-cloud': optional,
  'kube/dashboard/dashboard': optional,
  'raft/testing/context-read-only': injectedBugs,
  'host/recording-file': recordingFile,
  'kube/apiserver/storage-watches': storageWatches,
  'kube/controllers/job': batch,
  'kube/controllers/cronjob': batch,
  'kube/api/cron': batch,
  'kube/api/validation-batch': batch,
  'kube/api/batch-defaults': batch,
};

/** A controller context with empty stores but what a test puts in them. */
function batchContext(): ControllerContext {
  const store = () => ({ store: new Map<string, unknown>() });
  return { informers: { jobs: store(), cronjobs: store(), pods: store() } } as unknown as ControllerContext;
}

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

it('the batch controllers do without their code while there is no Job or CronJob, and refuse one before it is loaded', () => {
  const ctx = batchContext();
  const job = new batch.JobController(ctx);
  const controllers = [job, new batch.CronJobController(ctx), new batch.TtlAfterFinishedController(ctx)];
  expect(controllers.map((c) => c.name)).toEqual(['job-controller', 'cronjob-controller', 'ttl-after-finished-controller']);
  for (const c of controllers) c.sync();
  job.observed({ metadata: { ownerReferences: [{ controller: true, uid: 'u' }] } } as Parameters<realJob.JobController['observed']>[0]);
  ctx.informers.jobs.store.set('default/hello', {} as never);
  expect(() => controllers[0]!.sync()).toThrow('the console is still loading');
  expect(() => controllers[2]!.sync()).toThrow('the console is still loading');
  ctx.informers.cronjobs.store.set('default/tick', {} as never);
  expect(() => controllers[1]!.sync()).toThrow('the console is still loading');
  expect(() => batch.parseSchedule('* * * * *')).toThrow('the console is still loading');
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

it("the workers' stand-in for the swarm's injected bug says where it runs", () => {
  expect(() => new injectedBugs.ContextReadOnly()).toThrow('injected bugs are for the swarm in Node');
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
  // One worker per machine: its driver comes with the console's part.
  expect(needsLazyParts({ ...start, isolation: 'worker' })).toBe(true);
  expect(needsLazyParts({ ...start, isolation: 'shared' })).toBe(false);
  expect(needsLazyParts({ type: 'console', id: 1, line: 'kubectl get pods' })).toBe(true);
  expect(needsLazyParts({ type: 'play' })).toBe(false);
});

it('once loaded, a batch controller with work is the real one, built from the same context', async () => {
  await loadConsole();
  const ctx = batchContext();
  const job = new batch.JobController(ctx);
  const cronJob = new batch.CronJobController(ctx);
  const ttl = new batch.TtlAfterFinishedController(ctx);
  const syncs = [vi.spyOn(realJob.JobController.prototype, 'sync'), vi.spyOn(realCronJob.CronJobController.prototype, 'sync'), vi.spyOn(realCronJob.TtlAfterFinishedController.prototype, 'sync')];
  for (const c of [job, cronJob, ttl]) c.sync();
  expect(syncs.map((s) => s.mock.calls.length)).toEqual([0, 0, 0]);
  for (const s of syncs) s.mockImplementation(function (this: { ctx?: unknown }) {
    expect(this.ctx).toBe(ctx);
  });
  ctx.informers.jobs.store.set('default/hello', {} as never);
  ctx.informers.cronjobs.store.set('default/tick', {} as never);
  for (const c of [job, cronJob, ttl, job]) c.sync();
  expect(syncs.map((s) => s.mock.instances.length)).toEqual([2, 1, 1]);
  expect(syncs[0]!.mock.instances[0]).toBe(syncs[0]!.mock.instances[1]);
  expect(syncs[0]!.mock.instances[0]).toBeInstanceOf(realJob.JobController);
  // Emptied again, it stays the real one (its expectations live there).
  ctx.informers.jobs.store.clear();
  job.sync();
  expect(syncs[0]!.mock.calls.length).toBe(3);
  for (const s of syncs) s.mockRestore();
  expect(batch.parseSchedule('@hourly')).toEqual(realCron.parseSchedule('@hourly'));
});

it('anything that could make a Job or a CronJob before the console loads waits for it', () => {
  const start = { type: 'start', setup: DEFAULT_SETUP, speed: 1, playing: true } as const;
  expect(needsLazyParts({ ...start, setup: { ...DEFAULT_SETUP, manifests: [DEFAULT_DEPLOYMENT] } })).toBe(false);
  expect(needsLazyParts({ ...start, setup: { ...DEFAULT_SETUP, manifests: [{ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'x' } }] } })).toBe(true);
  expect(needsLazyParts({ ...start, setup: { ...DEFAULT_SETUP, manifests: [{ kind: 'List', items: [{ kind: 'CronJob' }] }] } })).toBe(true);
  expect(needsLazyParts({ type: 'kv', id: 1, f: 'put', key: '/registry/jobs/default/x', value: '{}' })).toBe(true);
  expect(needsLazyParts({ type: 'kv', id: 1, f: 'put', key: 'foo', value: 'bar' })).toBe(false);
  expect(needsLazyParts({ type: 'kv', id: 1, f: 'get', key: '/registry/jobs/default/x' })).toBe(false);
});
