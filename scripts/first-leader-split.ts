// `npx tsx scripts/first-leader-split.ts [--query Q] [--runs 5] [--dist DIR] [--vs DIR] [--no-build] [--trace]`:
// where the time from navigation to the first etcd leader drawn goes (issue 14). For
// each run, in ms after navigation (the page's clock), from the page's own timings:
//   html         the document's response end
//   entry        the entry chunk (src/boot.ts) fetched; the worker created (boot.ts ran)
//   worker js    the coordinator worker's script fetched (resource timing)
//   1st frame    the worker's first message to the page; its sim time
//   leader msg   the first message whose views have an etcd leader; its sim time
//   root         React's first commit into #root; the first etcd card drawn
//   leader       the leader drawn (bench:page's figure: the first animation frame that
//                finds it in the document), and how long after React's first commit
// With `--trace`, also a Chromium trace from before the navigation, split per thread:
// the main thread's and the coordinator worker's busy time (thread CPU) before the leader
// is drawn, by kind (script compile and evaluation, parse, style and layout, messages,
// GC), and the worker's first and last busy task.
// Serves the build like bench:page (PW_PORT, default 4209; `--dist DIR` another build).
// `--vs DIR`: an A/B in turn, run by run, against a second build served on PW_PORT + 1
// (e.g. a baseline built with `npx vite build --outDir DIR`); prints both builds'
// figures and the median of the pairs' differences.

import { CHROMIUM_ARGS, CHROMIUM_ARGS_DEFAULT } from './chromium-args';
import { runScript, startPreview, stopPreview } from './preview-server';
import { chromium, type Browser } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { args, flag } from './args';
import type { TraceEvent } from './chrome-trace';

const QUERY = flag('--query') ?? 'masters=3&workers=3';
const RUNS = Number(flag('--runs') ?? 5);
const TRACE = args.includes('--trace');
const PORT = Number(process.env.PW_PORT ?? 4209);
const VS = flag('--vs');
/** `--chromium-default`: without the project's extra flags (chromium-args.ts), for an A/B of them. */
const CHROMIUM_FLAGS = args.includes('--chromium-default') ? CHROMIUM_ARGS_DEFAULT : CHROMIUM_ARGS;

// In-page probes, as text (tsx's name helpers do not exist in the page).
const PROBE = `(() => {
  const P = (window.__probe = { msgs: [] });
  const W = window.Worker;
  window.Worker = class extends W {
    constructor(url, opts) {
      super(url, opts);
      if (!opts || opts.name !== 'coordinator') return;
      P.worker = performance.now();
      this.addEventListener('message', (e) => {
        const d = e.data;
        if (!d || typeof d.now !== 'number') return;
        const t = performance.now();
        if (P.firstMsg === undefined) { P.firstMsg = t; P.firstSim = d.now; }
        if (P.leaderMsg === undefined && /"role":"leader"|"role"],"value":"leader"/.test(JSON.stringify(d.machines || []))) { P.leaderMsg = t; P.leaderSim = d.now; }
        P.msgs.push(t);
      });
    }
  };
  const look = () => {
    const root = document.getElementById('root');
    if (P.root === undefined && root && root.firstChild) P.root = performance.now();
    if (P.card === undefined && document.querySelector('[data-testid^="etcd-"]')) P.card = performance.now();
    if (document.querySelector('[data-testid^="etcd-"][data-role="leader"]')) P.leader = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})()`;

interface Probe {
  worker?: number;
  firstMsg?: number;
  firstSim?: number;
  leaderMsg?: number;
  leaderSim?: number;
  root?: number;
  card?: number;
  leader?: number;
  msgs: number[];
}
interface Resource {
  name: string;
  start: number;
  end: number;
}

/** Each build's figures (A: the build served, B: `--vs`), name → values by run. */
const rowsOf = new Map<string, Map<string, number[]>>();
let rows = new Map<string, number[]>();
const note = (name: string, v: number | undefined) => {
  if (v !== undefined) rows.set(name, [...(rows.get(name) ?? []), v]);
};
const short = (url: string) => url.split('/').pop()!.replace(/-[\w-]{8}\.js$/, '.js');

/** Busy thread time of a thread's outermost events, split by the event's kind. */
function split(events: readonly TraceEvent[], until: number): Map<string, number> {
  const out = new Map<string, number>();
  const kindOf = (e: TraceEvent, inner: readonly TraceEvent[]): string => {
    // The outermost task is a RunTask: name it by the largest known event inside.
    const known = inner.filter((i) => KIND[i.name]).sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))[0];
    return known ? KIND[known.name]! : KIND[e.name] ?? `other (${e.name})`;
  };
  let end = -1;
  const list = events.filter((e) => e.ph === 'X' && e.ts < until).sort((a, b) => a.ts - b.ts);
  for (let i = 0; i < list.length; i++) {
    const e = list[i]!;
    if (e.ts < end) continue;
    end = e.ts + (e.dur ?? 0);
    const inner: TraceEvent[] = [];
    for (let j = i + 1; j < list.length && list[j]!.ts < end; j++) inner.push(list[j]!);
    const k = kindOf(e, inner);
    out.set(k, (out.get(k) ?? 0) + (e.tdur ?? e.dur ?? 0) / 1000);
  }
  return out;
}
const KIND: Readonly<Record<string, string>> = {
  'v8.compile': 'compile',
  'v8.compileModule': 'compile',
  CompileScript: 'compile',
  'V8.CompileCode': 'compile',
  'v8.evaluateModule': 'evaluate',
  EvaluateScript: 'evaluate',
  'v8.run': 'evaluate',
  ParseHTML: 'parse html',
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  Paint: 'paint',
  'ProxyMain::BeginMainFrame': 'frame (style/layout/paint)',
  HandlePostMessage: 'message',
  'MessagePort::Accept': 'message',
  FunctionCall: 'script',
  TimerFire: 'timer',
  FireAnimationFrame: 'animation frame',
  MinorGC: 'gc',
  MajorGC: 'gc',
  'V8.GC_SCAVENGER': 'gc',
};

async function once(browser: Browser, run: number, base: string, label: string): Promise<void> {
  if (!rowsOf.has(label)) rowsOf.set(label, new Map());
  rows = rowsOf.get(label)!;
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript({ content: PROBE });
  if (TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink.user_timing', 'loading', '__metadata'] });
  await page.goto(`${base}/?${QUERY}`);
  await page.waitForFunction(() => (window as unknown as { __probe: Probe }).__probe.leader !== undefined, null, { timeout: 60_000, polling: 50 });
  const p = await page.evaluate(() => (window as unknown as { __probe: Probe }).__probe);
  const nav = await page.evaluate(() => (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).responseEnd);
  const res = await page.evaluate(() => (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).map((r) => ({ name: r.name, start: r.startTime, end: r.responseEnd }) satisfies Resource));
  const origin = await page.evaluate(() => performance.timeOrigin);
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
  note('html', nav);
  const entry = res.find((r) => /\/index-[\w-]+\.js$/.test(r.name));
  note('entry js', entry?.end);
  note('worker created', p.worker);
  const worker = res.find((r) => /coordinator\.worker/.test(r.name));
  note('worker js fetched', worker?.end);
  const main = res.find((r) => /\/main-[\w-]+\.js$/.test(r.name));
  note('main js fetched', main?.end);
  note('1st message', p.firstMsg);
  note('1st message sim ms', p.firstSim);
  note('leader message', p.leaderMsg);
  note('leader message sim ms', p.leaderSim);
  note('messages before leader drawn', p.msgs.filter((t) => t <= (p.leader ?? Infinity)).length);
  note('react root', p.root);
  note('1st card', p.card);
  note('leader drawn', p.leader);
  // 0 when React's first commit drew the leader; a render (or more) later otherwise.
  if (p.leader !== undefined && p.root !== undefined) note('leader drawn - react root', p.leader - p.root);
  console.log(`${label} run ${run}, load ${load}: leader drawn ${p.leader?.toFixed(0)} ms; worker ${p.worker?.toFixed(0)}, its script ${worker?.end.toFixed(0)}, 1st msg ${p.firstMsg?.toFixed(0)} (sim ${p.firstSim}), leader msg ${p.leaderMsg?.toFixed(0)} (sim ${p.leaderSim}), root ${p.root?.toFixed(0)}, card ${p.card?.toFixed(0)}`);
  if (process.env.DEBUG) for (const r of res) console.log(`    ${short(r.name).padEnd(36)} ${r.start.toFixed(0).padStart(5)} → ${r.end.toFixed(0).padStart(5)}`);
  if (TRACE) {
    const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
    traceSplit(trace.traceEvents, origin, p.leader!);
  }
  await context.close();
}

/** The main thread's and the coordinator worker's thread time until the leader drawn. */
function traceSplit(events: readonly TraceEvent[], originMs: number, leaderMs: number): void {
  const threadName = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') threadName.set(`${e.pid}/${e.tid}`, e.args?.name ?? '');
  // The trace's clock is monotonic µs; the page's navigation is the trace's
  // navigationStart mark of the main frame.
  const navStart = events.find((e) => e.name === 'navigationStart' && e.args?.data && 'isLoadingMainFrame' in (e.args.data as object) && (e.args.data as { isLoadingMainFrame: boolean }).isLoadingMainFrame)
    ?? events.find((e) => e.name === 'navigationStart');
  if (!navStart) return void console.log('  (no navigationStart in the trace)');
  void originMs;
  const until = navStart.ts + leaderMs * 1000;
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of events) {
    const k = `${e.pid}/${e.tid}`;
    if (!byThread.has(k)) byThread.set(k, []);
    byThread.get(k)!.push(e);
  }
  const mainKey = `${navStart.pid}/${navStart.tid}`;
  const workers = [...byThread.keys()].filter((k) => k.startsWith(`${navStart.pid}/`) && /DedicatedWorker/.test(threadName.get(k) ?? ''));
  const show = (label: string, key: string) => {
    const list = byThread.get(key) ?? [];
    const s = split(list, until);
    const total = [...s.values()].reduce((a, b) => a + b, 0);
    const busy = list.filter((e) => e.ph === 'X' && e.ts < until && (e.dur ?? 0) > 0).sort((a, b) => a.ts - b.ts);
    const first = busy[0] ? ((busy[0].ts - navStart.ts) / 1000).toFixed(0) : '-';
    console.log(`  ${label}: ${total.toFixed(0)} ms of thread time before the leader drawn (first task at ${first} ms): ${[...s].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  };
  // Every thread's CPU before the leader drawn (all of the browser's processes): on two
  // cores, their sum over two is the least wall time the same work could take.
  const processName = new Map<number, string>();
  for (const e of events) if (e.name === 'process_name') processName.set(e.pid, e.args?.name ?? '');
  const cpu: [string, number][] = [];
  for (const [key, list] of byThread) {
    let end = -1;
    let total = 0;
    for (const e of list.filter((x) => x.ph === 'X' && x.ts >= navStart.ts && x.ts < until).sort((a, b) => a.ts - b.ts)) {
      if (e.ts < end) continue;
      total += (e.tdur ?? 0) / 1000;
      end = e.ts + (e.dur ?? 0);
    }
    if (total >= 5) cpu.push([`${processName.get(Number(key.split('/')[0])) ?? '?'}/${threadName.get(key) ?? '?'}`, total]);
  }
  cpu.sort((a, b) => b[1] - a[1]);
  const sum = cpu.reduce((a, [, v]) => a + v, 0);
  console.log(`  every thread's CPU from navigation to the leader drawn: ${sum.toFixed(0)} ms: ${cpu.slice(0, 10).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')}`);
  show('main thread', mainKey);
  for (const w of workers) show(`worker ${threadName.get(w)}`, w);
  if (process.env.TASKS) {
    // Every outermost task of 3 ms or more: start (ms after navigation), wall, thread time, kind.
    for (const key of [mainKey, ...workers]) {
      console.log(`  tasks of ${threadName.get(key)}:`);
      const list = (byThread.get(key) ?? []).filter((e) => e.ph === 'X' && e.ts < until).sort((a, b) => a.ts - b.ts);
      let end = -1;
      for (let i = 0; i < list.length; i++) {
        const e = list[i]!;
        if (e.ts < end) continue;
        end = e.ts + (e.dur ?? 0);
        if ((e.dur ?? 0) < 3000) continue;
        const inner = list.slice(i + 1).filter((x) => x.ts < end);
        const names = [...new Set(inner.filter((x) => (x.dur ?? 0) > 1000).map((x) => x.name + (x.args?.data?.url ? `(${short(x.args.data.url)})` : '')))].slice(0, 6).join(' ');
        console.log(`    ${((e.ts - navStart.ts) / 1000).toFixed(0).padStart(5)} +${((e.dur ?? 0) / 1000).toFixed(0).padStart(4)} cpu ${((e.tdur ?? 0) / 1000).toFixed(0).padStart(4)}  ${e.name}: ${names}`);
      }
    }
  }
}

function summary(label: string, r: Map<string, number[]>): void {
  console.log(`\n${label}: min / median / max over ${RUNS} run(s), ms after navigation`);
  for (const [name, vs] of r) {
    const s = [...vs].sort((a, b) => a - b);
    console.log(`${name.padEnd(30)} ${s[0]!.toFixed(0)} / ${s[Math.floor(s.length / 2)]!.toFixed(0)} / ${s[s.length - 1]!.toFixed(0)}`);
  }
}

async function main(): Promise<void> {
  const server = await startPreview(PORT, !args.includes('--no-build'), flag('--dist'));
  const serverB = VS ? await startPreview(PORT + 1, false, VS) : undefined;
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_FLAGS] });
  try {
    for (let run = 1; run <= RUNS; run++) {
      await once(browser, run, `http://127.0.0.1:${PORT}`, 'A');
      if (VS) await once(browser, run, `http://127.0.0.1:${PORT + 1}`, `B`);
    }
    for (const [label, r] of rowsOf) summary(label === 'A' ? `A (${flag('--dist') ?? 'dist'})` : `B (${VS})`, r);
    if (VS) {
      const a = rowsOf.get('A')!.get('leader drawn')!;
      const b = rowsOf.get('B')!.get('leader drawn')!;
      const d = a.map((x, i) => x - b[i]!).sort((x, y) => x - y);
      console.log(`\nleader drawn, A - B in each pair: min / median / max ${d[0]!.toFixed(0)} / ${d[Math.floor(d.length / 2)]!.toFixed(0)} / ${d.at(-1)!.toFixed(0)} ms; A first in ${d.filter((x) => x < 0).length} of ${d.length} pairs`);
    }
  } finally {
    await browser.close();
    stopPreview(server);
    if (serverB) stopPreview(serverB);
  }
}

runScript('first-leader-split', main);
