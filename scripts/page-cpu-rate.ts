// `npx tsx scripts/page-cpu-rate.ts [--query Q] [--seconds 8] [--runs 3] [--no-build]`:
// bench:page's page / headless ratio at "max", per CPU second of the thread that runs
// the simulation instead of per wall second. On this shared 2-core machine the wall
// figures of both sides swing with the other engineers' load (headless HA from 35× to
// 1 100× within an hour), and a ratio of two such figures taken seconds apart is noise;
// the CPU each side's simulating thread spends for a span of sim time moves far less.
// Page: the simulation worker's thread (the first "DedicatedWorker" thread of the busiest
// Chromium renderer, from /proc/PID/task/TID/stat); headless: this process's main
// thread (/proc/self/task/PID/stat), the same cluster, seed and workload as bench:page's
// headless twin, warmed up. Also prints the page's wall rate, and the CPU of the page's
// main thread and the other workers, for the same span. Linux only.

import { CHROMIUM_ARGS } from './chromium-args';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { chromium } from '@playwright/test';
import { profileFor } from '../src/cluster/profiles';
import { machinesFor } from '../src/cluster/setup';
import type { WorkloadSetup } from '../src/cluster/process-specs';
import { InProcessCluster } from '../src/host/in-process';
import { parseSetupQuery } from '../src/ui/url-setup';
import { runScript, startPreview, stopPreview } from './preview-server';
import { args, flag } from './args';

const QUERY = flag('--query') ?? 'masters=3&workers=3';
const SECONDS = Number(flag('--seconds') ?? 8);
const RUNS = Number(flag('--runs') ?? 3);
const PORT = Number(process.env.PW_PORT ?? 4208);
const BASE = `http://127.0.0.1:${PORT}`;
/** bench-page.ts's PAGE_WORKLOAD: the page's cluster from a URL has the chaos switch's idle clients. */
const PAGE_WORKLOAD: WorkloadSetup = { clients: 3, keys: 3, ratePerSec: 0, ops: ['put', 'get', 'cas'] };
const TICK_MS = 1000 / 100; // USER_HZ: /proc's CPU times are in clock ticks of 10 ms

/** CPU ms of one thread (user + system). */
function threadCpuMs(pid: number | string, tid: number | string): number {
  const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(f[11]) + Number(f[12])) * TICK_MS; // utime, stime: fields 14 and 15
}

/** Whether `pid` descends from this process: the Chromium this script launched, not
 * another engineer's on the same machine (their renderers were taken for ours). */
function ours(pid: string): boolean {
  for (let p = pid, i = 0; p !== '0' && p !== '1' && i < 20; i++) {
    if (p === String(process.pid)) return true;
    const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    p = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]!;
  }
  return false;
}

/** Every thread of every Chromium renderer this script started: key → [name, CPU ms]. */
function rendererThreads(): Map<string, [string, number]> {
  const out = new Map<string, [string, number]>();
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (!cmd.includes('chromium') || !cmd.includes('--type=renderer') || !ours(pid)) continue;
      for (const tid of readdirSync(`/proc/${pid}/task`)) {
        const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
        out.set(`${pid}/${tid}`, [name, threadCpuMs(pid, tid)]);
      }
    } catch {
      // the process or thread ended meanwhile
    }
  }
  return out;
}

/** Sim ms per CPU ms of this thread, and per wall ms, after a warm-up cluster. */
function headless(ms: number): { perCpu: number; perWall: number } {
  const { setup } = parseSetupQuery(QUERY);
  const make = () => new InProcessCluster({ seed: setup.seed, machines: machinesFor(setup, PAGE_WORKLOAD), tickMs: profileFor(setup.profile).tickMs });
  const warm = make();
  for (let t = 1000, w0 = performance.now(); performance.now() - w0 < Math.min(ms, 2000); t += 250) warm.runUntil(t);
  const cluster = make();
  let sim = 1000;
  cluster.runUntil(sim);
  const cpu0 = threadCpuMs(process.pid, process.pid);
  const t0 = performance.now();
  while (performance.now() - t0 < ms) cluster.runUntil((sim += 250));
  return { perCpu: (sim - 1000) / (threadCpuMs(process.pid, process.pid) - cpu0), perWall: (sim - 1000) / (performance.now() - t0) };
}

async function main(): Promise<void> {
  const server = await startPreview(PORT, !args.includes('--no-build'), flag('--dist'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
  const ratios: number[] = [];
  try {
    for (let run = 1; run <= RUNS; run++) {
      const before = headless((SECONDS * 1000) / 2);
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${BASE}/?${QUERY}&speed=0`);
      await page.waitForFunction(() => (window.__lab?.state().now ?? 0) >= 1000, null, { timeout: 120_000, polling: 100 });
      const read = () => page.evaluate(() => ({ wall: performance.now(), sim: window.__lab!.state().now }));
      const a = await read();
      const cpuA = rendererThreads();
      await page.waitForTimeout(SECONDS * 1000);
      const b = await read();
      const cpuB = rendererThreads();
      await context.close();
      const after = headless((SECONDS * 1000) / 2);
      const used = [...cpuB].map(([k, [name, ms]]) => [k, name, ms - (cpuA.get(k)?.[1] ?? 0)] as const).filter(([, , ms]) => ms > 0);
      used.sort((x, y) => y[2] - x[2]);
      // The page's renderer is the busiest; its simulation worker is the first worker it
      // started (boot.ts starts it before anything else; the verdict's comes 3 s later).
      const pid = used[0]?.[0].split('/')[0];
      const tidOf = (k: string) => Number(k.split('/')[1]);
      const worker = used.filter(([k, name]) => k.startsWith(`${pid}/`) && name.startsWith('DedicatedWorker')).sort((x, y) => tidOf(x[0]) - tidOf(y[0]))[0];
      if (!worker) throw new Error('no busy DedicatedWorker thread in the Chromium renderers');
      const sim = b.sim - a.sim;
      const pagePerCpu = sim / worker[2];
      const h = (before.perCpu + after.perCpu) / 2;
      ratios.push((100 * pagePerCpu) / h);
      console.log(`run ${run}, load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}: ${QUERY}`);
      console.log(`  page: ${(sim / (b.wall - a.wall)).toFixed(0)}× wall, ${pagePerCpu.toFixed(0)}× per CPU second of its simulation worker (busy ${((100 * worker[2]) / (b.wall - a.wall)).toFixed(0)} % of the span)`);
      console.log(`  headless: ${h.toFixed(0)}× per CPU second (${before.perCpu.toFixed(0)} before, ${after.perCpu.toFixed(0)} after; wall ${before.perWall.toFixed(0)}, ${after.perWall.toFixed(0)}×)`);
      console.log(`  page / headless per CPU second: ${ratios.at(-1)!.toFixed(1)} %`);
      console.log(`  renderer threads' CPU over the span: ${used.slice(0, 6).map(([k, n, ms]) => `${k === worker[0] ? 'simulation worker' : n} ${ms.toFixed(0)} ms`).join(', ')}`);
    }
    const s = [...ratios].sort((x, y) => x - y);
    console.log(`page / headless per CPU second: ${s[0]!.toFixed(1)} / ${s[Math.floor(s.length / 2)]!.toFixed(1)} / ${s.at(-1)!.toFixed(1)} %`);
  } finally {
    await browser.close();
    stopPreview(server);
  }
}

runScript('page-cpu-rate', main);
