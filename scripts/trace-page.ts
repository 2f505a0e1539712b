// `npm run trace:page [-- --query Q] [--seconds 5] [--at 2000] [--hide CSS] [--style CSS] [--runs 1] [--no-build] [--dist DIR]`:
// where the page's main thread goes per frame, in thread time. On a shared machine
// bench:page's fps and rAF p95 mostly measure the load (a trace showed the main thread on
// a CPU for 23 % of the time it was busy), while the thread time a frame costs moves much
// less. Records a Chromium trace of the running page (after sim time `--at` ms) and
// prints, in ms of thread time:
//   - the frames' tasks (decode, applyFrame, React's synchronous render and commit: a
//     message from the simulation's worker, or the task a running frame is applied in);
//   - the animation frames right after one ("after data") and the others ("animation
//     only"), with their style, layout, prepaint, paint and layerize parts;
//   - the CPU of each busy thread (the main thread, the simulation's worker, the
//     compositor, raster, the GPU process).
// `--hide '.tile-pods'` hides those elements (display: none) first: what a part of the
// page costs is the difference; `--style 'CSS'` adds a rule (a layer, containment) to try. Serves the build like bench:page (PW_PORT, default 4206); `--dist DIR` serves
// another build (with --no-build: an A/B in turn against a baseline built with
// `npx vite build --outDir DIR`).

import { CHROMIUM_ARGS } from './chromium-args';
import { traceSpan } from './page-trace';
import { runScript, startPreview, stopPreview } from './preview-server';
import { chromium } from '@playwright/test';
import { args, flag } from './args';
import type { TraceEvent } from './chrome-trace';

const QUERY = flag('--query') ?? 'masters=3&workers=30&pods=300&speed=1';
const SECONDS = Number(flag('--seconds') ?? 5);
const AT_MS = Number(flag('--at') ?? 2000);
const HIDE = flag('--hide');
const STYLE = flag('--style');
const RUNS = Number(flag('--runs') ?? 1);
const PORT = Number(process.env.PW_PORT ?? 4206);
const BASE = `http://127.0.0.1:${PORT}`;


const LIFECYCLE: Readonly<Record<string, string>> = {
  UpdateLayoutTree: 'style',
  Layout: 'layout',
  PrePaint: 'prepaint',
  'LocalFrameView::RunPaintLifecyclePhase': 'paint',
  Layerize: 'layerize',
};

/** Thread ms from which a message task counts as a frame's apply, not a decode alone. */
const APPLY_MIN_MS = 2.5;

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN);
const ms = (us: number | undefined): number => (us ?? 0) / 1000;

/** The per-frame split of the renderer's main thread, and each thread's CPU. */
function analyse(events: readonly TraceEvent[]): void {
  const threadName = new Map<string, string>();
  const processName = new Map<number, string>();
  for (const e of events) {
    if (e.name === 'thread_name') threadName.set(`${e.pid}/${e.tid}`, e.args?.name ?? '');
    if (e.name === 'process_name') processName.set(e.pid, e.args?.name ?? '');
  }
  const complete = events.filter((e) => e.ph === 'X' && e.tdur !== undefined).sort((a, b) => a.ts - b.ts);
  // The page's main thread: the renderer main thread that styled something.
  const styled = complete.find((e) => e.name === 'UpdateLayoutTree' && threadName.get(`${e.pid}/${e.tid}`) === 'CrRendererMain');
  if (!styled) throw new Error('no style recalculation on a renderer main thread in the trace');
  const main = complete.filter((e) => e.pid === styled.pid && e.tid === styled.tid);

  const messages: number[] = [];
  const frames = { after: [] as TraceEvent[], only: [] as TraceEvent[] };
  let sawMessage = false;
  for (const e of main) {
    // A running frame is applied in a task posted from an animation frame (a MessagePort
    // task: src/client/after-rendering.ts), its message's task only decodes it; a
    // still clock's frame in its message's task. Small ones (a decode, a React
    // scheduler task) are not a frame's apply.
    if ((e.name === 'HandlePostMessage' || e.name === 'MessagePort::Accept') && ms(e.tdur) >= APPLY_MIN_MS) {
      messages.push(ms(e.tdur));
      sawMessage = true;
    } else if (e.name === 'ProxyMain::BeginMainFrame') {
      (sawMessage ? frames.after : frames.only).push(e);
      sawMessage = false;
    }
  }
  const parts = (list: readonly TraceEvent[]): string => {
    const sums = new Map<string, number>();
    for (const f of list) {
      const end = f.ts + (f.dur ?? 0);
      for (const e of main) {
        if (e.ts < f.ts || e.ts >= end) continue;
        const part = LIFECYCLE[e.name];
        if (part) sums.set(part, (sums.get(part) ?? 0) + ms(e.tdur));
      }
    }
    return [...sums].map(([k, v]) => `${k} ${(v / Math.max(1, list.length)).toFixed(2)}`).join(', ');
  };
  console.log(`  frame tasks (message tasks of ${APPLY_MIN_MS} ms or more): ${messages.length}, mean ${mean(messages).toFixed(2)} ms`);
  for (const [label, list] of [['after data', frames.after], ['animation only', frames.only]] as const) {
    console.log(`  ${label}: ${list.length} frames, mean ${mean(list.map((f) => ms(f.tdur))).toFixed(2)} ms (${parts(list)})`);
  }

  // The main thread's work per vsync, load aside: the thread time of its outermost tasks
  // from one animation frame's start to the next. On an idle machine an interval with
  // more than about 14 ms of it misses the vsync (the raster and compositor need the
  // rest); the share of such intervals is what bench:page's rAF p95 can tolerate (< 5 %).
  const begins = main.filter((e) => e.name === 'ProxyMain::BeginMainFrame').map((e) => e.ts);
  const work: number[] = [];
  let end = -1;
  let at = 0;
  for (let i = 0; i + 1 < begins.length; i++) {
    let sum = 0;
    for (; at < main.length && main[at]!.ts < begins[i + 1]!; at++) {
      const e = main[at]!;
      if (e.ts < begins[i]! || e.ts < end) continue;
      sum += ms(e.tdur);
      end = e.ts + (e.dur ?? 0);
    }
    work.push(sum);
  }
  const sortedWork = [...work].sort((a, b) => a - b);
  const over = (limit: number): string => `${((100 * work.filter((w) => w > limit).length) / Math.max(1, work.length)).toFixed(1)} %`;
  console.log(`  main-thread work per animation frame: ${work.length} frames, p50 ${(sortedWork[Math.floor(work.length / 2)] ?? NaN).toFixed(1)}, p95 ${(sortedWork[Math.floor(work.length * 0.95)] ?? NaN).toFixed(1)} ms; over 12 ms ${over(12)}, over 16 ms ${over(16)}`);

  // Each thread's CPU: its outermost events' thread time.
  const perThread = new Map<string, TraceEvent[]>();
  for (const e of complete) {
    const k = `${e.pid}/${e.tid}`;
    perThread.set(k, [...(perThread.get(k) ?? []), e]);
  }
  const cpu: [number, string][] = [];
  for (const [k, list] of perThread) {
    let end = -1;
    let total = 0;
    for (const e of list) {
      if (e.ts < end) continue;
      total += ms(e.tdur);
      end = e.ts + (e.dur ?? 0);
    }
    cpu.push([total, `${processName.get(Number(k.split('/')[0])) ?? '?'} / ${threadName.get(k) ?? '?'}`]);
  }
  for (const [t, name] of cpu.sort((a, b) => b[0] - a[0]).slice(0, 6)) console.log(`  cpu ${t.toFixed(0).padStart(6)} ms  ${name}`);
}

async function main(): Promise<void> {
  const server = await startPreview(PORT, !args.includes('--no-build'), flag('--dist'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
  try {
    for (let run = 1; run <= RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.goto(`${BASE}/?${QUERY}`);
      await page.waitForFunction((t) => (window.__lab?.state().now ?? 0) >= t, AT_MS, { timeout: 300_000, polling: 100 });
      if (HIDE) await page.addStyleTag({ content: `${HIDE} { display: none !important; }` });
      if (STYLE) await page.addStyleTag({ content: STYLE });
      const span = await traceSpan<TraceEvent>(browser, page, ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc'], SECONDS);
      console.log(`run ${run} of ${RUNS}: ${QUERY}${HIDE ? `, hiding ${HIDE}` : ''}${STYLE ? `, with ${STYLE}` : ''}; sim ${(span.simMs / 1000).toFixed(1)} s in ${SECONDS} s`);
      analyse(span.events);
      await context.close();
    }
  } finally {
    await browser.close();
    stopPreview(server);
  }
}

runScript('trace:page', main);
