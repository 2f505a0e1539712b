// `npx tsx scripts/worker-overhead.ts [query] [--seconds 60] [--runs 4]`: what the page's
// simulation worker spends beyond the simulation, per CPU second, in Node: the
// Coordinator as the worker runs it at "as fast as possible" (frames, the view history,
// the verdict feed with the events structured-cloned as a postMessage would, the page
// saying "drawn" 50 ms after each frame as draw-pace.ts lets it at "max") against the
// same cluster run headless (InProcessCluster.runUntil, bench:page's twin), in turn
// in one process, after the boot. Prints sim ms per CPU ms of each and their ratio, the
// frames posted and the view history's moments. The page adds what Node has not: a
// browser's V8, its postMessage, and the page's own threads on the same cores.

import { Coordinator } from '../src/host/coordinator';
import { InWorkerDriver } from '../src/host/in-worker-driver';
import { unclampedTimer } from '../src/host/yield-now';
import { InProcessCluster } from '../src/host/in-process';
import { profileFor } from '../src/cluster/profiles';
import { machinesFor } from '../src/cluster/setup';
import type { WorkloadSetup } from '../src/cluster/process-specs';
import { parseSetupQuery } from '../src/ui/url-setup';
import type { LiveChecker } from '../src/check/live-verdict';
import { readFileSync } from 'node:fs';
import { args, flag } from './args';

const QUERY = args.find((a) => a.startsWith('?')) ?? '?masters=3&workers=3';
const SIM_MS = Number(flag('--seconds') ?? 60) * 1000;
const RUNS = Number(flag('--runs') ?? 4);
/** The page's cluster from a URL: the chaos switch's idle clients (bench-page.ts). */
const PAGE_WORKLOAD: WorkloadSetup = { clients: 3, keys: 3, ratePerSec: 0, ops: ['put', 'get', 'cas'] };
const { setup, errors } = parseSetupQuery(QUERY);
if (errors.length > 0) throw new Error(errors.join('; '));

const cpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** A checker that only pays for what the worker pays: the events cloned as postMessage. */
class CloneChecker implements LiveChecker {
  events = 0;
  feed(events: readonly unknown[]): void {
    structuredClone(events);
    this.events += events.length;
  }
  verdict(): Promise<undefined> {
    return Promise.resolve(undefined);
  }
  dispose(): void {}
}

/** The coordinator from its boot to `from`, then measured to `from + SIM_MS`. */
async function coordinatorRun(from: number): Promise<{ perCpu: number; frames: number; moments: number; bytes: number }> {
  let now = 0;
  let frames = 0;
  let bytes = 0;
  let measuring = false;
  let c: Coordinator | undefined = undefined;
  c = new Coordinator({
    post: (f) => {
      now = f.now;
      if (measuring) {
        frames++;
        bytes += JSON.stringify(f).length;
      }
      setTimeout(() => c!.handle({ type: 'frame-drawn' }), 50);
    },
    wallNow: () => performance.now(),
    setTimer: unclampedTimer(),
    createDriver: () => new InWorkerDriver(),
    createChecker: () => new CloneChecker(),
    scenarios: {},
  });
  c.handle({ type: 'start', setup, speed: 0, playing: true });
  const until = (t: number) =>
    new Promise<void>((done) => {
      const poll = setInterval(() => {
        if (now < t) return;
        clearInterval(poll);
        done();
      }, 5);
    });
  await until(from);
  measuring = true;
  const sim0 = now;
  const cpu0 = cpuMs();
  await until(from + SIM_MS);
  const cpu = cpuMs() - cpu0;
  const sim = now - sim0;
  c.handle({ type: 'pause' });
  const moments = (c as unknown as { seekCtl: { history: { size: number } } }).seekCtl.history.size;
  return { perCpu: sim / cpu, frames, moments, bytes };
}

function headlessRun(from: number): number {
  const cluster = new InProcessCluster({ seed: setup.seed, machines: machinesFor(setup, PAGE_WORKLOAD), tickMs: profileFor(setup.profile).tickMs });
  cluster.runUntil(from);
  let sim = from;
  const cpu0 = cpuMs();
  while (sim < from + SIM_MS) cluster.runUntil((sim += 250));
  return SIM_MS / (cpuMs() - cpu0);
}

const load = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
const FROM = 20_000;
// Warm both paths once.
headlessRun(FROM);
await coordinatorRun(FROM);
const ratios: number[] = [];
for (let run = 1; run <= RUNS; run++) {
  const h = headlessRun(FROM);
  const w = await coordinatorRun(FROM);
  ratios.push((100 * w.perCpu) / h);
  console.log(`run ${run}, load ${load()}: headless ${h.toFixed(0)}× per CPU s, worker ${w.perCpu.toFixed(0)}× (${ratios.at(-1)!.toFixed(1)} %); ${w.frames} frames (${(w.bytes / Math.max(1, w.frames) / 1024).toFixed(1)} KB each as JSON), ${w.moments} moments`);
}
const s = [...ratios].sort((a, b) => a - b);
console.log(`worker / headless per CPU second: ${s[0]!.toFixed(1)} / ${s[Math.floor(s.length / 2)]!.toFixed(1)} / ${s.at(-1)!.toFixed(1)} %`);
process.exit(0);
