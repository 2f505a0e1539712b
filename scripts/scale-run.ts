// `npx tsx scripts/scale-run.ts [--root DIR] [--seconds 60] [--workers 100] [--replicas 1000] [--warm] [--split 10] [--hash]`:
// only bench:sim's third run (3 stacked masters, 100 workers, a 1 000-replica Deployment,
// one run from boot), for A/B pairs: `--root` runs another checkout's src (a baseline
// worktree) under the same script. Prints the run's wall and CPU time (this process's
// user + system during the run), the resident memory after it and the load average;
// `--hash` adds the sha-256 of the trace as JSON Lines (byte-identical traces: compare
// it between two checkouts). `--warm` first runs a small cluster (3 masters, 10 workers,
// 50 replicas, 20 s) in the same process, as bench:sim's earlier runs warm the JIT before
// its third; `--split S` also prints the CPU time of the first S seconds (the boot) and
// of the rest apart; `--profile FILE` writes a CPU profile of the measured run alone
// (not the module loading nor the warm-up; with --split, of the part after the split)
// for Chrome's DevTools; `--from F --to T` measures (and profiles) the window from F s to
// T s of cluster time apart, e.g. the rollout alone (`--from 5 --to 20`); `--alloc FILE`
// writes V8's sampled allocation (4 KiB, collected objects included; `--live`: only what
// is still alive at the span's end) of the same span.
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { kubeScenarioText } from './bench-scenarios';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const root = resolve(opt('root', resolve(import.meta.dirname, '..')));
const seconds = Number(opt('seconds', '60'));
const workers = Number(opt('workers', '100'));
const replicas = Number(opt('replicas', '1000'));
for (const [name, v] of [['seconds', seconds], ['workers', workers], ['replicas', replicas]] as const) {
  if (Number.isInteger(v) && v > 0) continue;
  console.error(`scale-run: --${name} wants a positive whole number, got "${opt(name, '')}"`);
  process.exit(2);
}

async function main(): Promise<void> {
  const load = (path: string) => import(pathToFileURL(`${root}/src/${path}`).href);
  const { parseScenario, simulationInit } = await load('cluster/scenario.ts');
  const { InProcessCluster } = await load('host/in-process.ts');
  if (args.includes('--warm')) {
    const warm = new InProcessCluster(simulationInit(parseScenario(kubeScenarioText(10, 50, 20))));
    warm.runUntil(20_000);
  }
  const scenario = parseScenario(kubeScenarioText(workers, replicas, seconds));
  const cluster = new InProcessCluster(simulationInit(scenario));
  const split = Number(opt('split', '0'));
  const profileFile = opt('profile', '');
  const allocFile = opt('alloc', '');
  const session = profileFile || allocFile ? new Session() : undefined;
  const startProfile = async () => {
    if (!session) return;
    session.connect();
    await session.post('Profiler.enable');
    // A sample every 200 µs (1 ms by default): the run's shares need the detail.
    await session.post('Profiler.setSamplingInterval', { interval: 200 });
    await session.post('Profiler.start');
    // With --live, only what is still alive when the span ends (what the collector keeps
    // copying), else everything allocated in it.
    const collected = !args.includes('--live');
    if (allocFile) await session.post('HeapProfiler.startSampling', { samplingInterval: 4096, includeObjectsCollectedByMajorGC: collected, includeObjectsCollectedByMinorGC: collected });
  };
  const stopProfile = async () => {
    if (!session) return;
    const { profile } = await session.post('Profiler.stop');
    if (profileFile) writeFileSync(profileFile, JSON.stringify(profile));
    if (allocFile) {
      const { profile: heap } = await session.post('HeapProfiler.stopSampling');
      writeFileSync(allocFile, JSON.stringify(heap));
    }
  };
  // With --split the profile covers what comes after the split, the boot without it
  // (--seconds S for the boot alone).
  const splitting = split > 0 && split < seconds;
  const from = Number(opt('from', '0'));
  const to = Number(opt('to', '0'));
  const windowed = to > from && to <= seconds;
  if (!splitting && !windowed) await startProfile();
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  let splitCpuMs = 0;
  if (splitting) {
    cluster.runUntil(split * 1000);
    const s = process.cpuUsage(c0);
    splitCpuMs = (s.user + s.system) / 1000;
    if (!windowed) await startProfile();
  }
  let windowCpuMs = 0;
  if (windowed) {
    cluster.runUntil(from * 1000);
    await startProfile();
    const w0 = process.cpuUsage();
    cluster.runUntil(to * 1000);
    const w = process.cpuUsage(w0);
    windowCpuMs = (w.user + w.system) / 1000;
    await stopProfile();
  }
  cluster.runUntil(seconds * 1000);
  const c = process.cpuUsage(c0);
  if (!windowed) await stopProfile();
  const wallMs = performance.now() - t0;
  const cpuMs = (c.user + c.system) / 1000;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  console.log(`${root}: ${seconds} s of cluster time (3 masters, ${workers} workers, ${replicas} replicas) in ${wallMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (${((seconds * 1000) / cpuMs).toFixed(1)}× per CPU second); resident ${rssMb.toFixed(0)} MB; load average ${loadavg()[0]!.toFixed(1)}`);
  if (splitCpuMs > 0) console.log(`first ${split} s: ${splitCpuMs.toFixed(0)} ms CPU; the other ${seconds - split} s: ${(cpuMs - splitCpuMs).toFixed(0)} ms CPU (${((cpuMs - splitCpuMs) / (seconds - split)).toFixed(1)} ms per cluster second)`);
  if (windowCpuMs > 0) console.log(`from ${from} s to ${to} s: ${windowCpuMs.toFixed(0)} ms CPU`);
  if (args.includes('--hash')) {
    const hash = createHash('sha256');
    for (const e of cluster.sim.trace) hash.update(`${JSON.stringify(e)}\n`);
    console.log(`trace sha-256 ${hash.digest('hex')} (${cluster.sim.trace.length} events)`);
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
