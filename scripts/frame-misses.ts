// `npx tsx scripts/frame-misses.ts [--dist DIR] [--seconds 5] [--at 3000] [--query Q] [--trace FILE] [--save FILE]`:
// which thread made each missed animation frame late. Records a Chromium trace of the
// running page (3 masters, 30 workers, 300 pods at 1× by default) with the compositor's
// scheduler state (`disabled-by-default-cc.debug.scheduler`), then, for every vsync in
// which the main thread ran no BeginMainFrame (a requestAnimationFrame interval of two
// vsyncs or more: what bench:page's rAF p95 counts), reads why the compositor sent none:
//   - main: a BeginMainFrame was outstanding (sent, not yet committed): the main thread
//     was still on an earlier task (named by what it ran: the frame's rendering, a worker
//     message, a MessagePort task (a frame's apply, React's scheduler), a timer, GC), or
//     idle with the task not yet run (the thread waited for a CPU);
//   - raster: the last commit's pending tree still waited for its tiles;
//   - draw: the last frame was not drawn or not yet acknowledged by viz;
//   - compositor: no BeginImplFrame for that vsync (the compositor thread was late).
// For each missed vsync it also sums the CPU each thread used in that vsync, so a miss
// while the simulation's worker and the raster threads held both cores shows as such.
// `--trace FILE` reads a saved trace instead; `--style 'CSS'` adds a rule first (a layer,
// containment) to try; `--runs N` repeats the recording; `--pool` adds V8's categories (its
// background compiles on the thread pool); `--invalidations` Blink's invalidation tracking
// (which nodes were restyled or laid out again, and why).
// Serves the build like trace:page (PW_PORT, default 4208; `--dist DIR` another build).

import { CHROMIUM_ARGS } from './chromium-args';
import { runScript, startPreview, stopPreview } from './preview-server';
import { chromium, type Browser } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { args, flag } from './args';
import type { TraceEvent } from './chrome-trace';

const QUERY = flag('--query') ?? 'masters=3&workers=30&pods=300&speed=1';
const SECONDS = Number(flag('--seconds') ?? 5);
const AT_MS = Number(flag('--at') ?? 3000);
const PORT = Number(process.env.PW_PORT ?? 4208);
const STYLE = flag('--style');
const RUNS = Number(flag('--runs') ?? 1);

// Few categories: each one more costs the page's threads (the debug categories of an
// earlier version of this script doubled the main thread's time per frame).
const CATEGORIES = [
  'toplevel', 'cc', 'benchmark', 'devtools.timeline', 'disabled-by-default-cc.debug.scheduler',
  ...(args.includes('--pool') ? ['v8', 'disabled-by-default-v8.compile', 'disabled-by-default-v8.gc', 'blink', 'gpu', 'skia'] : []),
  ...(args.includes('--invalidations') ? ['disabled-by-default-devtools.timeline.invalidationTracking'] : []),
];

type Ev = TraceEvent;

interface BeginArgs { sequence_number: number; frame_time_us: number }
interface SchedulerState {
  begin_impl_frame_args: { last_args: BeginArgs };
  state_machine: {
    major_state: { begin_main_frame_state: string };
    minor_state: { has_pending_tree: boolean; pending_tree_is_ready_for_activation: boolean; active_tree_needs_first_draw: boolean; pending_submit_frames: number };
  };
}

const ms = (us: number | undefined): number => (us ?? 0) / 1000;
const end = (e: Ev): number => e.ts + (e.dur ?? 0);

/** What a main-thread task was, by the first event inside it that names it. */
function taskLabel(inner: readonly Ev[]): string {
  for (const e of inner) {
    if (e.name === 'ProxyMain::BeginMainFrame') return 'rendering (BeginMainFrame)';
    if (e.name === 'HandlePostMessage') return 'worker message';
    if (e.name === 'MessagePort::Accept') return 'MessagePort task (apply, React)';
    if (e.name === 'TimerFire') return 'timer';
    if (e.name.startsWith('V8.GC') || e.name === 'MinorGC' || e.name === 'MajorGC') return 'GC';
  }
  // Without the blink category a MessagePort task (a frame's apply after rendering,
  // React's scheduler) shows as a mojo watcher running script.
  if (inner[0]?.name === 'SimpleWatcher::OnHandleReady' && inner.some((e) => e.name === 'FunctionCall')) return 'MessagePort task (apply, React)';
  return `other (${inner[0]?.name ?? 'empty'})`;
}

/** Each thread's CPU (thread time of its outermost events) inside [from, to). */
function cpuIn(byThread: ReadonlyMap<string, Ev[]>, from: number, to: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const [k, list] of byThread) {
    let last = -1;
    let sum = 0;
    for (const e of list) {
      if (end(e) <= from) continue;
      if (e.ts >= to) break;
      if (e.ts < last) continue;
      last = end(e);
      const wall = e.dur ?? 0;
      const overlap = Math.min(to, end(e)) - Math.max(from, e.ts);
      sum += wall > 0 ? ((e.tdur ?? 0) * overlap) / wall : 0;
    }
    if (sum > 0) out.set(k, sum);
  }
  return out;
}

function analyse(events: readonly Ev[]): void {
  const threadName = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') threadName.set(`${e.pid}/${e.tid}`, e.args?.name ?? '');
  const xs = events.filter((e) => e.ph === 'X').sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const bmfs = xs.filter((e) => e.name === 'ProxyMain::BeginMainFrame');
  if (!bmfs.length) throw new Error('no BeginMainFrame in the trace');
  const mainKey = `${bmfs[0]!.pid}/${bmfs[0]!.tid}`;
  const main = xs.filter((e) => `${e.pid}/${e.tid}` === mainKey);
  const tops = main.filter((e) => e.name === 'ThreadControllerImpl::RunTask');
  const impls = new Map<number, Ev>();
  let compositorKey = '';
  for (const e of xs) {
    if (e.name !== 'Scheduler::BeginImplFrame' || e.pid !== bmfs[0]!.pid) continue;
    const a = (e.args as { args: BeginArgs }).args;
    impls.set(a.sequence_number, e);
    compositorKey = `${e.pid}/${e.tid}`;
  }
  const states = xs.filter((e) => e.name === 'SchedulerStateMachine' && `${e.pid}/${e.tid}` === compositorKey);
  const stateFor = (seq: number, after: number): SchedulerState | undefined => {
    for (const e of states) {
      if (e.ts < after) continue;
      const s = (e.args as { cc_scheduler_state: SchedulerState }).cc_scheduler_state;
      if (s.begin_impl_frame_args.last_args.sequence_number === seq) return s;
      if (s.begin_impl_frame_args.last_args.sequence_number > seq) return undefined;
    }
    return undefined;
  };
  // Every thread's events, for the CPU per missed vsync.
  const byThread = new Map<string, Ev[]>();
  for (const e of xs) {
    if (e.tdur === undefined) continue;
    const k = `${e.pid}/${e.tid}`;
    let l = byThread.get(k);
    if (!l) byThread.set(k, (l = []));
    l.push(e);
  }
  const kind = (k: string): string => {
    const n = threadName.get(k) ?? '?';
    if (k === mainKey) return 'main';
    if (k === compositorKey) return 'compositor';
    if (n.startsWith('DedicatedWorker')) return 'worker';
    if (n.startsWith('CompositorTileWorker') || n.startsWith('ThreadPoolForegroundWorker')) return 'raster/pool';
    if (n === 'VizCompositorThread') return 'viz';
    if (n === 'CrGpuMain') return 'gpu-main';
    return 'other';
  };

  const ids = bmfs.map((e) => (e.args as { begin_frame_id: number }).begin_frame_id);
  const causes = new Map<string, number>();
  const cpuByCause = new Map<string, Map<string, number>>();
  let missed = 0;
  const intervals = ids.length - 1;
  let long = 0;
  for (let i = 1; i < ids.length; i++) {
    if (ids[i]! - ids[i - 1]! > 1) long++;
    for (let seq = ids[i - 1]! + 1; seq < ids[i]!; seq++) {
      missed++;
      const impl = impls.get(seq);
      let cause: string;
      let at: number;
      if (!impl) {
        cause = 'compositor: no BeginImplFrame';
        at = (impls.get(seq - 1)?.ts ?? bmfs[i - 1]!.ts) + 16_667;
      } else {
        at = impl.ts;
        const s = stateFor(seq, impl.ts);
        const major = s?.state_machine.major_state.begin_main_frame_state ?? '?';
        const minor = s?.state_machine.minor_state;
        if (major === 'BEGIN_MAIN_FRAME_SENT') {
          const task = tops.find((t) => t.ts <= at && end(t) > at);
          if (!task) cause = 'main: idle, BeginMainFrame not yet run (waiting for a CPU)';
          else {
            const inner = main.filter((e) => e !== task && e.ts >= task.ts && e.ts < end(task) && e.name !== 'ThreadControllerImpl::RunTask' && e.name !== 'RunTask');
            const starved = (task.tdur ?? 0) < 0.6 * (task.dur ?? 0) ? ', descheduled' : '';
            cause = `main: ${taskLabel(inner)}${starved}`;
          }
        } else if (major === 'BEGIN_MAIN_FRAME_READY_TO_COMMIT' || (minor?.has_pending_tree && !minor.pending_tree_is_ready_for_activation)) {
          cause = 'raster: commit waits for the pending tree';
        } else if (minor && (minor.active_tree_needs_first_draw || minor.pending_submit_frames > 0)) {
          cause = 'draw: last frame not drawn or acknowledged';
        } else cause = `other (${major})`;
      }
      causes.set(cause, (causes.get(cause) ?? 0) + 1);
      // CPU per thread kind in the missed vsync [at - 16.7 ms, at].
      const cpu = cpuIn(byThread, at - 16_667, at);
      const agg = cpuByCause.get(cause) ?? new Map<string, number>();
      cpuByCause.set(cause, agg);
      for (const [k, v] of cpu) agg.set(kind(k), (agg.get(kind(k)) ?? 0) + v);
    }
  }
  console.log(`  animation frames ${ids.length}, intervals ${intervals}, of two vsyncs or more ${long} (${((100 * long) / Math.max(1, intervals)).toFixed(1)} %), vsyncs missed ${missed}`);
  for (const [c, n] of [...causes].sort((a, b) => b[1] - a[1])) {
    const agg = cpuByCause.get(c)!;
    const cpu = [...agg].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${(ms(v) / n).toFixed(1)}`).join(', ');
    console.log(`  ${String(n).padStart(4)}  ${c}\n          CPU ms in the missed vsync, mean: ${cpu}`);
  }
  // The threads' CPU over the whole trace, per vsync.
  const span = end(bmfs[bmfs.length - 1]!) - bmfs[0]!.ts;
  const whole = cpuIn(byThread, bmfs[0]!.ts, end(bmfs[bmfs.length - 1]!));
  const perKind = new Map<string, number>();
  for (const [k, v] of whole) perKind.set(kind(k), (perKind.get(kind(k)) ?? 0) + v);
  const raster = xs.filter((e) => e.name === 'RasterTask');
  const rasterMs = raster.reduce((a, e) => a + ms(e.tdur), 0);
  console.log(`  tiles rastered ${raster.length} (${rasterMs.toFixed(0)} ms) over ${(span / 1e6).toFixed(1)} s`);
  console.log(`  CPU per vsync over the trace (ms): ${[...perKind].sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${((ms(v) * 16_667) / span).toFixed(1)}`).join(', ')}`);
  // Per data frame (a message from the simulation's worker): what the page's threads
  // spent for it, the worker's own time aside. Under load fewer frames come, each
  // carrying more, so this moves less with the load than the per-vsync figures.
  const data = main.filter((e) => e.name === 'HandlePostMessage').length;
  let page = 0;
  for (const [k, v] of perKind) if (k !== 'worker' && k !== 'other') page += v;
  // The animation frames after a data frame's apply (a task of 2.5 ms or more of script
  // since the last one) against the rest: the data frame's rendering is where most misses start.
  const after: number[] = [];
  const rest: number[] = [];
  let prevEnd = 0;
  let k = 0;
  for (const b of bmfs) {
    let script = false;
    for (; k < main.length && main[k]!.ts < b.ts; k++) {
      const e = main[k]!;
      if (e.ts >= prevEnd && e.name === 'FunctionCall' && (e.tdur ?? 0) >= 2500) script = true;
    }
    prevEnd = end(b);
    (script ? after : rest).push(ms(b.tdur));
  }
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : NaN).toFixed(1);
  console.log(`  rendering (BeginMainFrame thread ms): after a data frame's apply ${after.length}, mean ${mean(after)}; others ${rest.length}, mean ${mean(rest)}; raster per data frame ${(rasterMs / Math.max(1, data)).toFixed(1)} ms (${(raster.length / Math.max(1, data)).toFixed(1)} tiles)`);
  console.log(`  data frames ${data}; page CPU per data frame ${(ms(page) / Math.max(1, data)).toFixed(1)} ms (${[...perKind].filter(([k]) => k !== 'worker' && k !== 'other').map(([k, v]) => `${k} ${(ms(v) / Math.max(1, data)).toFixed(1)}`).join(', ')})`);
}

async function record(browser: Browser): Promise<Ev[]> {
  {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${PORT}/?${QUERY}`);
    await page.waitForFunction((t) => (window.__lab?.state().now ?? 0) >= t, AT_MS, { timeout: 300_000, polling: 100 });
    if (STYLE) await page.addStyleTag({ content: STYLE });
    await browser.startTracing(page, { categories: CATEGORIES });
    // A rAF loop, as bench:page runs one: every vsync asks for a main frame.
    await page.evaluate(`new Promise((res) => { const s = performance.now(); const step = (t) => (t - s < ${SECONDS * 1000} ? requestAnimationFrame(step) : res()); requestAnimationFrame(step); })`);
    const text = (await browser.stopTracing()).toString();
    const save = flag('--save');
    if (save) writeFileSync(save, text);
    await context.close();
    return (JSON.parse(text) as { traceEvents: Ev[] }).traceEvents;
  }
}

async function main(): Promise<void> {
  const file = flag('--trace');
  if (file) return analyse((JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: Ev[] }).traceEvents);
  const server = await startPreview(PORT, false, flag('--dist'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
  try {
    for (let run = 1; run <= RUNS; run++) {
      console.log(`run ${run} of ${RUNS}: ${QUERY}${STYLE ? `, with ${STYLE}` : ''}`);
      analyse(await record(browser));
    }
  } finally {
    await browser.close();
    stopPreview(server);
  }
}

runScript('frame-misses', main);
