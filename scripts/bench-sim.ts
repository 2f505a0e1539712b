// `npm run bench:sim [simSeconds] [--no-large]`: how many simulated seconds the
// in-process host runs per wall second.
// 1. etcd alone: a 3-member stacked cluster under a KV workload (3 clients, 20/s).
//    Goal: at least 2000× (a minute of cluster time in 30 ms, a 60 s chaos run with its
//    checks well under a second, as contracts.md §1 promises).
// 2. Kubernetes: 3 stacked masters + 3 workers running a Deployment of 6 pods (every
//    control-plane process, kubelet and kube-proxy; lease renewals, node heartbeats).
//    Goal: at least 1000× (issue 14: time travel re-executes the run).
// 3. At scale: 3 stacked masters + 100 workers running 1 000 pods (60 s of cluster time,
//    boot and rollout included, one run: it takes a while). Goals: at least 50×, under
//    400 MB resident. Also split: until the last pod is Running, and the rest.
// Also splits the time between the machines (the processes: Raft, etcd, clients) and
// the coordinator (queues, network, lockstep, trace).
import { performance } from 'node:perf_hooks';
import { parseScenario, simulationInit } from '../src/cluster/scenario';
import { InProcessCluster } from '../src/host/in-process';
import { kubeScenarioText } from './bench-scenarios';

const args = process.argv.slice(2);
const simSeconds = Number(args.find((a) => !a.startsWith('--')) ?? 600);
const large = !args.includes('--no-large');
const scenario = parseScenario(`
name: bench
seed: 1
until: ${simSeconds}s
topology: { etcd: stacked, masters: 3, kubernetes: false }
network: { latency: 2ms..10ms }
workload: { clients: 3, keys: 8, rate: 20/s, ops: [put, get, cas] }
`);
function kube(workers: number, replicas: number, seconds: number) {
  return parseScenario(kubeScenarioText(workers, replicas, seconds));
}
const kubeScenario = kube(3, 6, simSeconds);
const LARGE_SECONDS = 60;

interface Run {
  wallMs: number;
  /** This process's CPU time (user + system) during the run: on a shared machine the
   * wall time includes waiting for a core, the CPU time does not. */
  cpuMs: number;
  machinesMs: number;
  windows: number;
  events: number;
  kvOk: number;
}

/** One run. `split` times the machines separately (two clock reads per window, which
 * costs a few percent), so the headline runs leave it off. */
function once(split = false, which = scenario): Run {
  const cluster = new InProcessCluster(simulationInit(which));
  const driver = cluster.driver;
  let machinesMs = 0;
  if (split) {
    const run = driver.runWindow.bind(driver);
    driver.runWindow = (plan) => {
      const t = performance.now();
      const out = run(plan);
      machinesMs += performance.now() - t;
      return out;
    };
  }
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  cluster.runToEnd();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const { sim } = cluster;
  return { wallMs, cpuMs: (c.user + c.system) / 1000, machinesMs, windows: sim.windowCount, events: sim.trace.length, kvOk: sim.trace.filter((e) => e.type === 'kv.ok').length };
}

// One warm-up run for the JIT, then the median of five; then one run for the split.
once();
const runs = [once(), once(), once(), once(), once()].sort((a, b) => a.wallMs - b.wallMs);
const median = runs[2]!;
const split = once(true);
const ratio = (simSeconds * 1000) / median.wallMs;
console.log(`simulated ${simSeconds} s in ${median.wallMs.toFixed(0)} ms wall (median of 5, after a warm-up): ${Math.round(ratio)}× real time (${Math.round((simSeconds * 1000) / median.cpuMs)}× per CPU second)`);
console.log(`  split: machines ${split.machinesMs.toFixed(0)} ms, coordinator ${(split.wallMs - split.machinesMs).toFixed(0)} ms`);
console.log(`  ${median.windows} lockstep windows, ${median.events} trace events, ${median.kvOk} kv operations acknowledged`);
console.log(`  goal ≥ 2000×: ${ratio >= 2000 ? 'met' : 'NOT met'}`);

// Kubernetes on top: fewer runs (each is longer), after one of its own for the JIT (the
// first HA run in a process costs about 2.5× a warm one; the etcd runs above do not warm
// up the Kubernetes code).
once(false, kubeScenario);
const kubeRuns = [once(false, kubeScenario), once(false, kubeScenario), once(false, kubeScenario)].sort((a, b) => a.wallMs - b.wallMs);
const kubeMedian = kubeRuns[1]!;
const kubeRatio = (simSeconds * 1000) / kubeMedian.wallMs;
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
console.log(`kubernetes (3 stacked masters, 3 workers, 6 pods): ${simSeconds} s in ${kubeMedian.wallMs.toFixed(0)} ms wall (median of 3, after a warm-up run): ${Math.round(kubeRatio)}× real time (${Math.round((simSeconds * 1000) / kubeMedian.cpuMs)}× per CPU second)`);
console.log(`  ${kubeMedian.windows} lockstep windows, ${kubeMedian.events} trace events; heap in use after the runs ${heapMb.toFixed(0)} MB`);
console.log(`  goal ≥ 1000×: ${kubeRatio >= 1000 ? 'met' : 'NOT met'}`);

if (large) {
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  // The run is synchronous (no timer could fire inside it): sample every 200 windows.
  const cluster = new InProcessCluster(simulationInit(kube(100, 1000, LARGE_SECONDS)));
  const run = cluster.driver.runWindow.bind(cluster.driver);
  let n = 0;
  cluster.driver.runWindow = (plan) => {
    if (++n % 200 === 0) rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
    return run(plan);
  };
  // Run in 1 s steps of cluster time (the same trace as one run: the page steps it so
  // too) to split the figure: until the last pod is Running (boot and rollout: about
  // 10 000 etcd writes) and the rest (the running cluster: heartbeats, leases, resyncs).
  const running = new Set<string>();
  let seen = 0;
  let rolledOutAt: number | undefined;
  let rolloutWallMs = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  for (let t = 1000; t <= LARGE_SECONDS * 1000; t += 1000) {
    cluster.runUntil(t);
    const trace = cluster.sim.trace;
    for (; seen < trace.length; seen++) {
      const e = trace[seen]!;
      if (e.type === 'pod.phase' && e.phase === 'Running' && e.pod.startsWith('default/')) running.add(e.pod);
    }
    if (rolledOutAt === undefined && running.size >= 1000) {
      rolledOutAt = t;
      rolloutWallMs = performance.now() - t0;
    }
  }
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  const cpuMs = (c.user + c.system) / 1000;
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  const largeRatio = (LARGE_SECONDS * 1000) / wallMs;
  const peakMb = rssPeak / 2 ** 20;
  console.log(`at scale (3 stacked masters, 100 workers, 1000 pods): ${LARGE_SECONDS} s in ${wallMs.toFixed(0)} ms wall (one run, boot and rollout included): ${largeRatio.toFixed(1)}× real time (${((LARGE_SECONDS * 1000) / cpuMs).toFixed(1)}× per CPU second)`);
  if (rolledOutAt !== undefined) {
    const steadyS = LARGE_SECONDS - rolledOutAt / 1000;
    console.log(`  split: until the last pod is Running (${rolledOutAt / 1000} s of cluster time, boot and rollout) ${rolloutWallMs.toFixed(0)} ms wall (${(rolledOutAt / rolloutWallMs).toFixed(1)}×); the ${steadyS} s after ${(wallMs - rolloutWallMs).toFixed(0)} ms (${((steadyS * 1000) / (wallMs - rolloutWallMs)).toFixed(0)}×)`);
  }
  console.log(`  ${running.size} pods reached Running; ${cluster.sim.windowCount} lockstep windows, ${cluster.sim.trace.length} trace events; resident memory peak ${peakMb.toFixed(0)} MB (${(rssBefore / 2 ** 20).toFixed(0)} MB before the run)`);
  console.log(`  goal ≥ 50×: ${largeRatio >= 50 ? 'met' : 'NOT met'}; goal < 400 MB: ${peakMb < 400 ? 'met' : 'NOT met'}`);
}
