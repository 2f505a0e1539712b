// `npx tsx scripts/profile-page-worker.ts [--query Q] [--seconds 6] [--at 1000] [--top 40] [--bucket NAME] [--no-build] [--dist DIR]`:
// where the page's simulation worker spends its time, sampled by V8 inside Chromium
// (bench:page measures the rate; profile-worker.ts runs the same logic in Node, where
// V8, timers and postMessage are not the browser's). Records a Chromium trace with the
// V8 sampling profiler on (every thread is profiled; the simulation worker is the
// dedicated worker whose stacks run the coordinator's pump) and prints, for that
// thread: samples by bucket (the simulation's windows, frames, view history moments,
// the verdict feed, GC, idle) from each sample's whole stack, then the top functions by
// self time. Build with `npx vite build --minify false` first for readable names (then
// pass --no-build). Serves the build like bench:page (PW_PORT, default 4207).

import { CHROMIUM_ARGS } from './chromium-args';
import { traceSpan } from './page-trace';
import { runScript, startPreview, stopPreview } from './preview-server';
import { chromium } from '@playwright/test';
import { args, flag } from './args';

const QUERY = flag('--query') ?? 'masters=3&workers=3&speed=0';
const SECONDS = Number(flag('--seconds') ?? 6);
const AT_MS = Number(flag('--at') ?? 1000);
const TOP = Number(flag('--top') ?? 40);
const BUCKET = flag('--bucket');
const PORT = Number(process.env.PW_PORT ?? 4207);
const BASE = `http://127.0.0.1:${PORT}`;

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  parent?: number;
}
interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  id?: string;
  args?: { name?: string; data?: { cpuProfile?: { nodes?: ProfileNode[]; samples?: number[] }; timeDeltas?: number[] } };
}

/** Buckets by the first matching function on a sample's stack, innermost first: the
 * order says which wins (a view computed for a moment counts as the moment). */
const BUCKETS: readonly [string, RegExp][] = [
  ['view history (moments)', /^(capture|take)$|ViewHistory|archiveTrace/],
  ['frames (views, build, diff, post)', /^(postFrame|buildFrame|mark|postPreview|frameMachines)$/],
  ['verdict feed', /VerdictFeed|^(feed|maybeAsk)$|WorkerChecker/],
  ['simulation windows', /^(runWindow|commitWindow|planWindow|runOne|runOneNow|run)$/],
];

function bucketOf(stack: readonly CallFrame[]): string {
  const top = stack[0]?.functionName ?? '';
  if (top === '(garbage collector)') return 'GC';
  if (top === '(idle)') return 'idle';
  if (top === '(program)') return 'program';
  for (const [name, re] of BUCKETS) if (stack.some((f) => re.test(f.functionName))) return name;
  return 'other';
}

function analyse(events: readonly TraceEvent[]): void {
  const threadName = new Map<string, string>();
  for (const e of events) if (e.name === 'thread_name') threadName.set(`${e.pid}/${e.tid}`, e.args?.name ?? '');
  // Each thread's profile: its nodes (sent incrementally) and its samples.
  const profiles = new Map<string, { key: string; nodes: Map<number, ProfileNode>; samples: number[] }>();
  // A profile's chunks come from the profiler's own thread; its 'Profile' event from
  // the thread profiled.
  const owner = new Map<string, string>();
  for (const e of events) if (e.name === 'Profile') owner.set(`${e.pid}/${e.id}`, `${e.pid}/${e.tid}`);
  for (const e of events) {
    if (e.name !== 'ProfileChunk') continue;
    const k = owner.get(`${e.pid}/${e.id}`) ?? `${e.pid}/${e.tid}`;
    const p = profiles.get(`${k}/${e.id}`) ?? { key: k, nodes: new Map<number, ProfileNode>(), samples: [] as number[] };
    profiles.set(`${k}/${e.id}`, p);
    const cp = e.args?.data?.cpuProfile;
    for (const n of cp?.nodes ?? []) p.nodes.set(n.id, n);
    p.samples.push(...(cp?.samples ?? []));
  }
  if (process.env.DEBUG) for (const p of profiles.values()) console.log(`  thread ${p.key} ${threadName.get(p.key)}: ${p.samples.length} samples`);
  const workers = [...profiles.values()].filter((p) => /DedicatedWorker/.test(threadName.get(p.key) ?? ''));
  // The simulation's worker is the one that runs the coordinator's turns (pump).
  const worker = workers.find((p) => [...p.nodes.values()].some((n) => n.callFrame.functionName === 'pump')) ?? workers[0];
  if (!worker) throw new Error(`no worker profile in the trace (threads: ${[...new Set([...profiles.values()].map((p) => threadName.get(p.key)))].join(', ')})`);
  const stackOf = (id: number): CallFrame[] => {
    const out: CallFrame[] = [];
    for (let n = worker.nodes.get(id); n; n = n.parent !== undefined ? worker.nodes.get(n.parent) : undefined) out.push(n.callFrame);
    return out;
  };
  const buckets = new Map<string, number>();
  const self = new Map<string, number>();
  // Inclusive time of the functions on the stacks of one bucket (--bucket NAME).
  const inclusive = new Map<string, number>();
  for (const s of worker.samples) {
    const stack = stackOf(s);
    const b = bucketOf(stack);
    buckets.set(b, (buckets.get(b) ?? 0) + 1);
    if (BUCKET && b.startsWith(BUCKET)) for (const n of new Set(stack.map((f) => f.functionName || '(anonymous)'))) inclusive.set(n, (inclusive.get(n) ?? 0) + 1);
    const f = stack[0];
    const name = f ? `${f.functionName || '(anonymous)'} ${(f.url ?? '').split('/').pop()}:${f.lineNumber + 1}` : '?';
    self.set(name, (self.get(name) ?? 0) + 1);
  }
  const total = worker.samples.length;
  const pct = (n: number) => `${((100 * n) / total).toFixed(1).padStart(5)} %`;
  console.log(`  worker samples: ${total}`);
  for (const [b, n] of [...buckets].sort((x, y) => y[1] - x[1])) console.log(`  ${pct(n)}  ${b}`);
  if (BUCKET) {
    console.log(`  inclusive within "${BUCKET}":`);
    for (const [name, n] of [...inclusive].sort((x, y) => y[1] - x[1]).slice(0, TOP)) console.log(`  ${pct(n)}  ${name}`);
  }
  console.log('  top self:');
  for (const [name, n] of [...self].sort((x, y) => y[1] - x[1]).slice(0, TOP)) console.log(`  ${pct(n)}  ${name}`);
}

async function main(): Promise<void> {
  const server = await startPreview(PORT, !args.includes('--no-build'), flag('--dist'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
  try {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    const page = await context.newPage();
    await page.goto(`${BASE}/?${QUERY}`);
    await page.waitForFunction((t) => (window.__lab?.state().now ?? 0) >= t, AT_MS, { timeout: 300_000, polling: 100 });
    const span = await traceSpan<TraceEvent>(browser, page, ['disabled-by-default-v8.cpu_profiler', 'v8', '__metadata'], SECONDS);
    console.log(`${QUERY}: sim ${(span.simMs / 1000).toFixed(1)} s in ${SECONDS} s (${(span.simMs / (SECONDS * 1000)).toFixed(0)}×)`);
    analyse(span.events);
    await context.close();
  } finally {
    await browser.close();
    stopPreview(server);
  }
}

runScript('profile-page-worker', main);
