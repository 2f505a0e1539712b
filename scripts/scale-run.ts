// `npx tsx scripts/scale-run.ts [--root DIR] [--seconds 60] [--workers 100] [--replicas 1000] [--hash]`:
// only bench:sim's third run (3 stacked masters, 100 workers, a 1 000-replica Deployment,
// one run from boot), for A/B pairs: `--root` runs another checkout's src (a baseline
// worktree) under the same script. Prints the run's wall and CPU time (this process's
// user + system during the run), the resident memory after it and the load average;
// `--hash` adds the sha-256 of the trace as JSON Lines (byte-identical traces: compare
// it between two checkouts).
import { createHash } from 'node:crypto';
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
  const scenario = parseScenario(kubeScenarioText(workers, replicas, seconds));
  const cluster = new InProcessCluster(simulationInit(scenario));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  cluster.runUntil(seconds * 1000);
  const c = process.cpuUsage(c0);
  const wallMs = performance.now() - t0;
  const cpuMs = (c.user + c.system) / 1000;
  const rssMb = process.memoryUsage().rss / 2 ** 20;
  console.log(`${root}: ${seconds} s of cluster time (3 masters, ${workers} workers, ${replicas} replicas) in ${wallMs.toFixed(0)} ms wall, ${cpuMs.toFixed(0)} ms CPU (${((seconds * 1000) / cpuMs).toFixed(1)}× per CPU second); resident ${rssMb.toFixed(0)} MB; load average ${loadavg()[0]!.toFixed(1)}`);
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
