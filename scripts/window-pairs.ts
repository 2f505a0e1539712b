// `npx tsx scripts/window-pairs.ts --a DIR --b DIR [--pairs 3] [--seconds 8] [--query Q] [--trace]`:
// two builds in turn over bench:page's raf-30w window (from sim 2 s, SECONDS of wall
// time; 3 masters, 30 workers, 300 pods at 1× by default), each served by its own
// `vite preview` (PW_PORT and PW_PORT + 1, default 4230), one browser for both, the
// order A, B then B, A in alternate pairs. Per run it prints bench:page's two figures
// (rAF interval p95, longest long task) with the count of intervals of two vsyncs or
// more; with `--trace` a second run of each build is traced (Chromium's timeline) and
// gives what a loaded machine inflates much less, in thread time: the main thread's
// work per vsync interval (the share over 12 and 16 ms: on an idle machine an interval
// with over ~14 ms of it misses its vsync), its tasks over 16 ms sorted by kind, the
// frames' apply and the rendering after them, and the raster threads' CPU per data
// frame. Build each with `npx vite build --outDir DIR`. Prints the load average with
// every run: on this shared machine read pairs, never one figure.

import { FRAMES_SCRIPT, type WindowFrames } from './frames-script';
import { chromium, type Browser, type Page } from '@playwright/test';
import { loadavg } from 'node:os';
import { args, flag } from './args';
import { CHROMIUM_ARGS } from './chromium-args';
import type { TraceEvent } from './chrome-trace';
import { runScript, startPreview, stopPreview } from './preview-server';

const A = flag('--a');
const B = flag('--b');
const PAIRS = Number(flag('--pairs') ?? 3);
const SECONDS = Number(flag('--seconds') ?? 8);
const QUERY = flag('--query') ?? 'masters=3&workers=30&pods=300&speed=1';
const TRACE = args.includes('--trace');
const PORT = Number(process.env.PW_PORT ?? 4230);


const ms = (us: number | undefined): number => (us ?? 0) / 1000;
const pct = (xs: readonly number[], q: number): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * q)] ?? NaN;
const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const load = (): string => loadavg()[0]!.toFixed(1);

async function toWindow(page: Page, port: number): Promise<void> {
  await page.goto(`http://127.0.0.1:${port}/?${QUERY}`);
  await page.waitForFunction(() => (window.__lab?.state().now ?? 0) >= 2000, null, { timeout: 180_000, polling: 100 });
}

/** What a task on the main thread was, from the events inside it. */
function kindOf(task: TraceEvent, inside: readonly TraceEvent[]): string {
  if (task.name === 'ProxyMain::BeginMainFrame' || inside.some((e) => e.name === 'ProxyMain::BeginMainFrame')) return 'rendering';
  if (inside.some((e) => e.name === 'HandlePostMessage')) return 'worker message';
  if (inside.some((e) => e.name === 'MessagePort::Accept' || e.name === 'FunctionCall' && /onmessage/.test(String(e.args?.data?.functionName)))) return 'message port (apply, React)';
  if (inside.some((e) => e.name === 'TimerFire')) return 'timer';
  if (inside.some((e) => /GC/.test(e.name))) return 'gc';
  if (inside.some((e) => e.name === 'ResizeObserver' || e.name === 'FireAnimationFrame')) return 'observer';
  return 'other';
}

function analyse(events: readonly TraceEvent[]): string[] {
  const names = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}/${e.tid}`, e.args?.name ?? '');
  const complete = events.filter((e) => e.ph === 'X' && e.tdur !== undefined).sort((a, b) => a.ts - b.ts);
  const styled = complete.find((e) => e.name === 'UpdateLayoutTree' && names.get(`${e.pid}/${e.tid}`) === 'CrRendererMain');
  if (!styled) return ['  no renderer main thread in the trace'];
  const main = complete.filter((e) => e.pid === styled.pid && e.tid === styled.tid);
  // The outermost tasks, each with the events inside it.
  const tasks: { task: TraceEvent; inside: TraceEvent[] }[] = [];
  let end = -1;
  for (const e of main) {
    if (e.ts >= end) {
      tasks.push({ task: e, inside: [] });
      end = e.ts + (e.dur ?? 0);
    } else tasks[tasks.length - 1]!.inside.push(e);
  }
  const kinds = tasks.map((t) => ({ ...t, kind: kindOf(t.task, t.inside), thread: ms(t.task.tdur) }));
  // Per vsync interval (one BeginMainFrame to the next): the main thread's work.
  const work: number[] = [];
  let at = 0;
  const begins = kinds.filter((k) => k.kind === 'rendering').map((k) => k.task.ts);
  for (let i = 0; i + 1 < begins.length; i++) {
    let sum = 0;
    for (; at < kinds.length && kinds[at]!.task.ts < begins[i + 1]!; at++) if (kinds[at]!.task.ts >= begins[i]!) sum += kinds[at]!.thread;
    work.push(sum);
  }
  const share = (limit: number) => `${((100 * work.filter((w) => w > limit).length) / Math.max(1, work.length)).toFixed(1)} %`;
  // The frames' apply: a message-port task of 2.5 ms or more; the rendering after it.
  const applies: number[] = [];
  const after: number[] = [];
  const only: number[] = [];
  let sawApply = false;
  for (const k of kinds) {
    if (k.kind === 'message port (apply, React)' && k.thread >= 2.5) {
      applies.push(k.thread);
      sawApply = true;
    } else if (k.kind === 'rendering') {
      (sawApply ? after : only).push(k.thread);
      sawApply = false;
    }
  }
  const over16 = new Map<string, number[]>();
  for (const k of kinds) if (k.thread > 16) over16.set(k.kind, [...(over16.get(k.kind) ?? []), k.thread]);
  // Raster threads' CPU (outermost events' thread time).
  let raster = 0;
  const rasterEnd = new Map<string, number>();
  for (const e of complete) {
    const key = `${e.pid}/${e.tid}`;
    // Software raster runs on the renderer's thread pool (with V8's background compiles).
    if (e.pid !== styled.pid || !/Raster|CompositorTileWorker|ThreadPoolForegroundWorker/.test(names.get(key) ?? '')) continue;
    if (e.ts < (rasterEnd.get(key) ?? -1)) continue;
    raster += ms(e.tdur);
    rasterEnd.set(key, e.ts + (e.dur ?? 0));
  }
  const mainCpu = kinds.reduce((s, k) => s + k.thread, 0);
  return [
    `  main-thread work per vsync interval: ${work.length} intervals, p50 ${pct(work, 0.5).toFixed(1)}, p95 ${pct(work, 0.95).toFixed(1)} ms; over 12 ms ${share(12)}, over 16 ms ${share(16)}; main CPU ${mainCpu.toFixed(0)} ms, renderer pool (raster) ${raster.toFixed(0)} ms`,
    `  applies ${applies.length}: mean ${mean(applies).toFixed(1)}, p95 ${pct(applies, 0.95).toFixed(1)}, max ${Math.max(0, ...applies).toFixed(1)} ms; rendering after data ${after.length}: mean ${mean(after).toFixed(1)}, p95 ${pct(after, 0.95).toFixed(1)}; animation only ${only.length}: mean ${mean(only).toFixed(1)} ms`,
    `  tasks over 16 ms: ${[...over16].map(([k, v]) => `${k} ${v.length} (max ${Math.max(...v).toFixed(0)})`).join(', ') || 'none'}`,
  ];
}

async function once(browser: Browser, label: string, port: number, traced: boolean): Promise<void> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  try {
    await toWindow(page, port);
    const before = load();
    if (!traced) {
      const f = (await page.evaluate(`(${FRAMES_SCRIPT})(${SECONDS * 1000})`)) as WindowFrames;
      console.log(`${label}: p95 ${f.p95.toFixed(1)} ms, intervals over 25 ms ${f.missed} of ${f.count}, longest task ${f.longest.toFixed(0)} ms (load ${before}–${load()})`);
      return;
    }
    await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc', 'toplevel'] });
    const sim0 = (await page.evaluate('window.__lab.state().now')) as number;
    await page.waitForTimeout(SECONDS * 1000);
    const sim1 = (await page.evaluate('window.__lab.state().now')) as number;
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    console.log(`${label} traced: sim ${((sim1 - sim0) / 1000).toFixed(1)} s (load ${before}–${load()})`);
    for (const line of analyse(trace.traceEvents)) console.log(line);
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  if (!A || !B) throw new Error('give --a DIR and --b DIR (builds made with `npx vite build --outDir DIR`)');
  const servers = [await startPreview(PORT, false, A), await startPreview(PORT + 1, false, B)];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
  try {
    for (let pair = 1; pair <= PAIRS; pair++) {
      const order = pair % 2 === 1 ? (['A', 'B'] as const) : (['B', 'A'] as const);
      for (const traced of TRACE ? [false, true] : [false]) {
        for (const which of order) await once(browser, `pair ${pair} ${which}`, which === 'A' ? PORT : PORT + 1, traced);
      }
    }
  } finally {
    await browser.close().catch(() => undefined);
    for (const s of servers) stopPreview(s);
  }
}

runScript('window-pairs', main);
