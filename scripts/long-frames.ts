// `npx tsx scripts/long-frames.ts [--query Q] [--seconds 6] [--runs 3] [--over 50] [--no-build] [--dist DIR]`:
// every long animation frame (Chromium's Long Animation Frame API) and long task of the
// page from navigation on, with what ran in it, to attribute bench:page's raf-30w
// "longest task" before fixing it. The observers are installed before the page's own
// scripts (an init script, buffered), so the page's first mount is seen too. Prints,
// per run and in ms since navigation: when the first etcd leader was drawn, when the
// store reached sim second 2 (where raf-30w's window starts), then each long animation
// frame over `--over` ms (its start, duration, blocking duration, its script entries'
// invoker, source function and duration, and its style and layout time) and each long
// task. Serves the build like bench:page (PW_PORT, default 4207). `--trace`: a Chromium
// trace of the same span instead, listing the main thread's tasks over `--over` ms of
// *thread* time (what a loaded machine does not inflate) with their largest parts.
// `--profile`: a CPU profile of the main thread instead (from a same-origin page, so the
// renderer is the page's), cut into bursts of work over `--over` ms, each with its top
// functions by self and inclusive time (readable with a `--minify false` build).

import { CHROMIUM_ARGS } from './chromium-args';
import { runScript, startPreview, stopPreview } from './preview-server';
import { chromium } from '@playwright/test';
import { args, flag } from './args';
import type { TraceEvent } from './chrome-trace';

const QUERY = flag('--query') ?? 'masters=3&workers=30&pods=300&speed=1';
const SECONDS = Number(flag('--seconds') ?? 6);
const RUNS = Number(flag('--runs') ?? 3);
const OVER_MS = Number(flag('--over') ?? 50);
const PORT = Number(process.env.PW_PORT ?? 4207);
const BASE = `http://127.0.0.1:${PORT}`;
const TRACE = args.includes('--trace');
const PROFILE = args.includes('--profile');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** The profile's bursts of main-thread work (busy samples less than 3 ms apart) over
 * `overMs`, each with its heaviest functions. */
function bursts(profile: { nodes: ProfileNode[]; samples?: number[]; timeDeltas?: number[] }, overMs: number): string[] {
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anon)'} ${String(n.callFrame.url).split('/').pop()}:${n.callFrame.lineNumber}`;
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let t = 0;
  const busy: { t: number; id: number; dt: number }[] = [];
  for (let i = 0; i < samples.length; i++) {
    t += (deltas[i] ?? 0) / 1000;
    const name = nodes.get(samples[i]!)!.callFrame.functionName;
    if (name !== '(idle)') busy.push({ t, id: samples[i]!, dt: (deltas[i + 1] ?? 0) / 1000 });
  }
  const out: string[] = [];
  let start = 0;
  for (let i = 1; i <= busy.length; i++) {
    if (i < busy.length && busy[i]!.t - busy[i - 1]!.t < 3) continue;
    const group = busy.slice(start, i);
    start = i;
    const span = group.length ? group[group.length - 1]!.t - group[0]!.t : 0;
    if (span < overMs) continue;
    const self = new Map<string, number>();
    const incl = new Map<string, number>();
    for (const s of group) {
      const n = nodes.get(s.id)!;
      self.set(key(n), (self.get(key(n)) ?? 0) + s.dt);
      const seen = new Set<string>();
      for (let x: number | undefined = s.id; x !== undefined; x = parent.get(x)) {
        const k = key(nodes.get(x)!);
        if (seen.has(k)) continue;
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + s.dt);
      }
    }
    const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(0)} ${k}`).join(' | ');
    out.push(`  burst at ${group[0]!.t.toFixed(0)} ms (profile time), ${span.toFixed(0)} ms\n    self: ${top(self, 8)}\n    incl: ${top(incl, 28)}`);
  }
  return out;
}


/** The renderer main thread's outermost tasks over `overMs` of thread time, each with
 * the parts inside it that took the most thread time, in ms since `t0` (µs). */
function longTasks(events: readonly TraceEvent[], overMs: number, fromMs = Infinity): string[] {
  const names = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') names.set(`${e.pid}/${e.tid}`, e.args?.name ?? '');
  const complete = events.filter((e) => e.ph === 'X' && e.tdur !== undefined).sort((a, b) => a.ts - b.ts);
  const styled = complete.find((e) => e.name === 'UpdateLayoutTree' && names.get(`${e.pid}/${e.tid}`) === 'CrRendererMain');
  if (!styled) return ['no renderer main thread in the trace'];
  const main = complete.filter((e) => e.pid === styled.pid && e.tid === styled.tid);
  const nav = events.find((e) => e.name === 'navigationStart' && e.pid === styled.pid)?.ts ?? main[0]!.ts;
  const out: string[] = [];
  let end = -1;
  let longest = 0;
  for (let i = 0; i < main.length; i++) {
    const t = main[i]!;
    if (t.ts < end) continue;
    end = t.ts + (t.dur ?? 0);
    if ((t.ts - nav) / 1000 >= fromMs) longest = Math.max(longest, (t.tdur ?? 0) / 1000);
    if ((t.tdur ?? 0) / 1000 < overMs) continue;
    const parts = new Map<string, number>();
    for (let j = i + 1; j < main.length && main[j]!.ts < end; j++) {
      const e = main[j]!;
      const d = e.args?.data;
      const label = e.name === 'FunctionCall' || e.name === 'EvaluateScript' ? `${e.name} ${d?.functionName ?? ''} ${(d?.url ?? '').replace(/^.*\//, '')}` : e.name;
      if (!/^(FunctionCall|EvaluateScript|v8.compile|v8.compileModule|UpdateLayoutTree|Layout|HandlePostMessage|MajorGC|MinorGC|V8.GC_SCAVENGER|ParseHTML|ProxyMain::BeginMainFrame|LocalFrameView::RunPaintLifecyclePhase|PrePaint|v8.evaluateModule|ResizeObserver)/.test(label)) continue;
      parts.set(label, (parts.get(label) ?? 0) + (e.tdur ?? 0) / 1000);
    }
    const top = [...parts].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${k.trim()} ${v.toFixed(0)}`).join('; ');
    out.push(`  ${((t.ts - nav) / 1000).toFixed(0)} ms: ${((t.tdur ?? 0) / 1000).toFixed(0)} ms thread (${((t.dur ?? 0) / 1000).toFixed(0)} wall) ${t.name}: ${top}`);
  }
  if (Number.isFinite(fromMs)) out.push(`  longest task from sim 2 s on: ${longest.toFixed(0)} ms of thread time`);
  return out;
}

// As a string: tsx's name helpers do not exist in the page.
const OBSERVE = `(() => {
  const loaf = [];
  const tasks = [];
  window.__longFrames = { loaf, tasks };
  new PerformanceObserver((l) => { for (const e of l.getEntries()) loaf.push({
    start: e.startTime, duration: e.duration, blocking: e.blockingDuration,
    render: e.renderStart ? e.startTime + e.duration - e.renderStart : 0,
    style: e.styleAndLayoutStart ? e.startTime + e.duration - e.styleAndLayoutStart : 0,
    scripts: e.scripts.map((s) => ({ invoker: s.invoker, type: s.invokerType, fn: s.sourceFunctionName, url: (s.sourceURL || '').replace(/^.*\\//, ''), start: s.startTime, duration: s.duration, layout: s.forcedStyleAndLayoutDuration })),
  }); }).observe({ type: 'long-animation-frame', buffered: true });
  new PerformanceObserver((l) => { for (const e of l.getEntries()) tasks.push({ start: e.startTime, duration: e.duration }); }).observe({ type: 'longtask', buffered: true });
  const look = () => {
    if (window.__firstLeaderMs === undefined && document.querySelector('[data-testid^="etcd-"][data-role="leader"]')) window.__firstLeaderMs = performance.now();
    if (window.__sim2Ms === undefined && (window.__lab?.state().now ?? 0) >= 2000) window.__sim2Ms = performance.now();
    requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
})()`;

interface Loaf {
  start: number;
  duration: number;
  blocking: number;
  render: number;
  style: number;
  scripts: { invoker: string; type: string; fn: string; url: string; start: number; duration: number; layout: number }[];
}

async function main(): Promise<void> {
  const server = await startPreview(PORT, !args.includes('--no-build'), flag('--dist'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
  try {
    for (let run = 1; run <= RUNS; run++) {
      const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript({ content: OBSERVE });
      if (PROFILE) {
        await page.goto(`${BASE}/favicon.svg`);
        const cdp = await context.newCDPSession(page);
        await cdp.send('Profiler.enable');
        await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
        await cdp.send('Profiler.start');
        await page.goto(`${BASE}/?${QUERY}`);
        await page.waitForTimeout(SECONDS * 1000);
        const { profile } = await cdp.send('Profiler.stop');
        const seen = (await page.evaluate('({ leader: window.__firstLeaderMs, sim2: window.__sim2Ms })')) as { leader?: number; sim2?: number };
        console.log(`run ${run}: leader drawn ${seen.leader?.toFixed(0)} ms, sim 2 s at ${seen.sim2?.toFixed(0)} ms (since navigation); bursts over ${OVER_MS} ms:`);
        for (const line of bursts(profile as never, OVER_MS)) console.log(line);
        await context.close();
        continue;
      }
      if (TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'toplevel', 'blink.user_timing'] });
      await page.goto(`${BASE}/?${QUERY}`);
      await page.waitForTimeout(SECONDS * 1000);
      if (TRACE) {
        const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] };
        const seen = (await page.evaluate('({ leader: window.__firstLeaderMs, sim2: window.__sim2Ms })')) as { leader?: number; sim2?: number };
        console.log(`run ${run}: leader drawn ${seen.leader?.toFixed(0)} ms, sim 2 s at ${seen.sim2?.toFixed(0)} ms; main-thread tasks over ${OVER_MS} ms of thread time:`);
        for (const line of longTasks(trace.traceEvents, OVER_MS, seen.sim2)) console.log(line);
        await context.close();
        continue;
      }
      const got = (await page.evaluate('({ leader: window.__firstLeaderMs, sim2: window.__sim2Ms, ...window.__longFrames })')) as { leader?: number; sim2?: number; loaf: Loaf[]; tasks: { start: number; duration: number }[] };
      await context.close();
      const f = (v: number | undefined) => (v === undefined ? '-' : v.toFixed(0));
      console.log(`run ${run}: leader drawn ${f(got.leader)} ms, sim 2 s at ${f(got.sim2)} ms; long tasks: ${got.tasks.map((t) => `${f(t.start)}+${f(t.duration)}`).join(', ') || 'none'}`);
      for (const l of got.loaf.filter((x) => x.duration > OVER_MS)) {
        console.log(`  LoAF at ${f(l.start)} ms: ${f(l.duration)} ms (blocking ${f(l.blocking)}, rendering ${f(l.render)}, style+layout ${f(l.style)})`);
        for (const s of l.scripts) console.log(`    ${f(s.start - l.start).padStart(4)} +${f(s.duration).padStart(3)} ms ${s.type} ${s.invoker} ${s.fn ? `${s.fn} ` : ''}${s.url}${s.layout > 1 ? ` (forced layout ${f(s.layout)})` : ''}`);
      }
    }
  } finally {
    await browser.close();
    stopPreview(server);
  }
}

runScript('long-frames', main);
