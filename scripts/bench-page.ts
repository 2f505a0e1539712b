// `npm run bench:page [-- --runs 3] [--seconds 8] [--no-build] [--only NAME] [--dist DIR]`: the page
// in Chromium (Debian's /usr/bin/chromium through the Playwright library, the flags of
// playwright.config.ts), served by `vite preview` on its own port (PW_PORT, default
// 4205). Each figure is printed as min / median / max over the runs (3 by default):
//   rate-<topology>   the page's rate at "as fast as possible", as a ratio to the
//                     headless rate of the same cluster measured in this process just
//                     before and just after the page (goal for HA: at least 60 %)
//   speed10-ha        the rate the page reaches at 10× for HA (goal: at least 9.5×)
//   raf-30w           at 1× with 3 masters, 30 workers, 300 pods: rAF interval p95 (goal
//                     ≤ 17 ms) and the longest long task (goal: none over 50 ms)
//   fps-100w          at 1× with 100 workers and 1 000 pods: frames per second (goal ≥ 30)
//   first-leader      ms from navigation until an etcd leader is drawn (goal ≤ 1 000)
// `--dist DIR` serves another build (with --no-build: an A/B in turn against a baseline
// built with `npx vite build --outDir DIR`). `--chromium-default`: without the project's
// extra Chromium flags (scripts/chromium-args.ts: Chromium 156's omnibox WebUI renderer
// took ~1.3 s of CPU with every new page), to compare with figures taken before them.
// It reads only the page's public hooks (window.__lab, data-testid attributes), so it
// works with whichever host the page runs (one worker per machine today, one
// simulation worker later).

import { FRAMES_SCRIPT, type WindowFrames } from './frames-script';
import { CHROMIUM_ARGS, CHROMIUM_ARGS_DEFAULT } from './chromium-args';
import { runScript, startPreview, stopPreview } from './preview-server';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type Page } from '@playwright/test';
import { profileFor } from '../src/cluster/profiles';
import { machinesFor } from '../src/cluster/setup';
import type { WorkloadSetup } from '../src/cluster/process-specs';
import { InProcessCluster } from '../src/host/in-process';
import { parseSetupQuery } from '../src/ui/url-setup';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const RUNS = Number(flag('--runs') ?? 3);
const SECONDS = Number(flag('--seconds') ?? 8);
const ONLY = flag('--only');
const PORT = Number(process.env.PW_PORT ?? 4205);
const BASE = `http://127.0.0.1:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** `--chromium-default`: without the project's extra flags (chromium-args.ts), for an A/B of them. */
const CHROMIUM_FLAGS = args.includes('--chromium-default') ? CHROMIUM_ARGS_DEFAULT : CHROMIUM_ARGS;
/** What the page's coordinator gives a cluster started from the URL (the chaos switch's
 * clients, idle until it is on): the headless twin must run the same machines. */
const PAGE_WORKLOAD: WorkloadSetup = { clients: 3, keys: 3, ratePerSec: 0, ops: ['put', 'get', 'cas'] };

const TOPOLOGIES = [
  { name: '1m+2w', query: 'masters=1&workers=2' },
  { name: 'ha', query: 'masters=3&workers=3' },
  { name: 'external', query: 'topology=external&masters=3&etcd=3&workers=3' },
];

// window.__lab is declared by src/main.tsx.
declare global {
  interface Window {
    __firstLeaderMs?: number;
  }
}

// In-page scripts as text: tsx compiles functions with name helpers (__name) that do
// not exist in the page, so anything with inner named functions is passed as a string.
const FIRST_LEADER_SCRIPT = `(() => {
  const look = () => {
    if (document.querySelector('[data-testid^="etcd-"][data-role="leader"]')) window.__firstLeaderMs = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})()`;

// ---- figures ----

const figures = new Map<string, number[]>();
function record(name: string, value: number): void {
  figures.set(name, [...(figures.get(name) ?? []), value]);
  console.log(`  ${name}: ${fmt(value)}`);
}
function fmt(v: number): string {
  return Number.isFinite(v) ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toFixed(2)) : String(v);
}
function summary(): void {
  console.log(`\nfigure: min / median / max over ${RUNS} run(s)`);
  for (const [name, vs] of figures) {
    const s = [...vs].sort((a, b) => a - b);
    console.log(`${name.padEnd(28)} ${fmt(s[0]!)} / ${fmt(s[Math.floor(s.length / 2)]!)} / ${fmt(s[s.length - 1]!)}`);
  }
}

// ---- the server and the browser ----

async function withPage<T>(browser: Browser, query: string, body: (page: Page) => Promise<T>): Promise<T> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  // Notes when the first etcd leader is drawn, in the page's own clock (0 = navigation).
  await page.addInitScript({ content: FIRST_LEADER_SCRIPT });
  try {
    await page.goto(`${BASE}/?${query}`);
    return await body(page);
  } finally {
    await context.close();
  }
}

/** Waits until the cluster runs (a frame with sim time past `simMs`). */
async function running(page: Page, simMs = 1, timeoutMs = 120_000): Promise<void> {
  await page.waitForFunction((t) => (window.__lab?.state().now ?? 0) >= t, simMs, { timeout: timeoutMs, polling: 100 });
}

/** Sim ms per wall ms over `ms` of wall time, as the page's store sees it. */
async function pageRate(page: Page, ms: number): Promise<number> {
  const read = () => page.evaluate(() => ({ wall: performance.now(), sim: window.__lab!.state().now }));
  const a = await read();
  await page.waitForTimeout(ms);
  const b = await read();
  return (b.sim - a.sim) / (b.wall - a.wall);
}

/** Sim ms per wall ms of the same cluster in this process (after its first second),
 * measured on a second cluster once a first one has warmed the JIT up. */
function headlessRate(query: string, ms: number, warm = true): number {
  if (warm) headlessRate(query, Math.min(ms, 2000), false);
  const { setup } = parseSetupQuery(query);
  const cluster = new InProcessCluster({ seed: setup.seed, machines: machinesFor(setup, PAGE_WORKLOAD), tickMs: profileFor(setup.profile).tickMs });
  let sim = 1000;
  cluster.runUntil(sim);
  const t0 = performance.now();
  while (performance.now() - t0 < ms) cluster.runUntil((sim += 250));
  return (sim - 1000) / (performance.now() - t0);
}

/** rAF intervals and long tasks over `ms`. */
async function frames(page: Page, ms: number): Promise<WindowFrames> {
  return page.evaluate(`(${FRAMES_SCRIPT})(${ms})`) as Promise<WindowFrames>;
}

// ---- the runs ----

const want = (name: string) => !ONLY || name.startsWith(ONLY);

async function once(browser: Browser): Promise<void> {
  if (want('first-leader')) {
    await withPage(browser, 'masters=3&workers=3', async (page) => {
      await page.waitForFunction(() => window.__firstLeaderMs !== undefined, null, { timeout: 60_000, polling: 50 });
      record('first-leader ms (HA)', await page.evaluate(() => window.__firstLeaderMs!));
    });
  }
  for (const t of TOPOLOGIES) {
    if (!want(`rate-${t.name}`)) continue;
    // Headless just before and just after the page, the ratio to their mean: the load of
    // a shared machine moves by 2× within a minute, and one sample on one side of the
    // page made the ratio swing from 17 % to 63 % between runs.
    const before = headlessRate(t.query, (SECONDS * 1000) / 2);
    const page = await withPage(browser, `${t.query}&speed=0`, async (p) => {
      await running(p, 1000);
      return pageRate(p, SECONDS * 1000);
    });
    const headless = (before + headlessRate(t.query, (SECONDS * 1000) / 2)) / 2;
    record(`rate-${t.name} page×`, page);
    record(`rate-${t.name} headless×`, headless);
    record(`rate-${t.name} page/headless %`, (100 * page) / headless);
  }
  if (want('speed10')) {
    await withPage(browser, 'masters=3&workers=3&speed=10', async (page) => {
      await running(page, 1000);
      record('speed10-ha reached×', await pageRate(page, SECONDS * 1000));
    });
  }
  if (want('raf-30w')) {
    await withPage(browser, 'masters=3&workers=30&pods=300&speed=1', async (page) => {
      await running(page, 2000, 180_000);
      const f = await frames(page, SECONDS * 1000);
      record('raf-30w p95 ms', f.p95);
      record('raf-30w longest task ms', f.longest);
    });
  }
  if (want('fps-100w')) {
    await withPage(browser, 'masters=3&workers=100&pods=1000&speed=1', async (page) => {
      await running(page, 2000, 300_000);
      const f = await frames(page, SECONDS * 1000);
      record('fps-100w', f.count / SECONDS);
      record('fps-100w longest task ms', f.longest);
    });
  }
}

async function main(): Promise<void> {
  const server = await startPreview(PORT, !args.includes('--no-build'), flag('--dist'));
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_FLAGS] });
  try {
    for (let i = 1; i <= RUNS; i++) {
      console.log(`run ${i} of ${RUNS}`);
      await once(browser);
    }
    summary();
  } finally {
    await browser.close();
    stopPreview(server);
  }
}

runScript('bench:page', main);
