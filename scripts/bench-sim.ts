// `npm run bench:sim [simSeconds]`: how many simulated seconds the in-process host runs
// per wall second.
// 1. etcd alone: a 3-member stacked cluster under a KV workload (3 clients, 20/s).
//    Goal: at least 2000× (a minute of cluster time in 30 ms, a 60 s chaos run with its
//    checks well under a second, as contracts.md §1 promises).
// 2. Kubernetes: 3 stacked masters + 3 workers running a Deployment of 6 pods (every
//    control-plane process, kubelet and kube-proxy; lease renewals, node heartbeats).
//    Goal: at least 100× (realism.md's five-minute eviction story in under 4 s).
// Also splits the time between the machines (the processes: Raft, etcd, clients) and
// the coordinator (queues, network, lockstep, trace).
import { performance } from 'node:perf_hooks';
import { parseScenario, simulationInit } from '../src/cluster/scenario';
import { InProcessCluster } from '../src/host/in-process';

const simSeconds = Number(process.argv[2] ?? 600);
const scenario = parseScenario(`
name: bench
seed: 1
until: ${simSeconds}s
topology: { etcd: stacked, masters: 3, kubernetes: false }
network: { latency: 2ms..10ms }
workload: { clients: 3, keys: 8, rate: 20/s, ops: [put, get, cas] }
`);
const kubeScenario = parseScenario(`
name: bench-kube
seed: 1
until: ${simSeconds}s
topology: { etcd: stacked, masters: 3, workers: 3 }
network: { latency: 2ms..10ms }
manifests:
  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: web }, spec: { replicas: 6, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: nginx, image: "nginx:1.27" } ] } } } }
`);

interface Run {
  wallMs: number;
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
  cluster.runToEnd();
  const wallMs = performance.now() - t0;
  const { sim } = cluster;
  return { wallMs, machinesMs, windows: sim.windowCount, events: sim.trace.length, kvOk: sim.trace.filter((e) => e.type === 'kv.ok').length };
}

// One warm-up run for the JIT, then the median of five; then one run for the split.
once();
const runs = [once(), once(), once(), once(), once()].sort((a, b) => a.wallMs - b.wallMs);
const median = runs[2]!;
const split = once(true);
const ratio = (simSeconds * 1000) / median.wallMs;
console.log(`simulated ${simSeconds} s in ${median.wallMs.toFixed(0)} ms wall (median of 5, after a warm-up): ${Math.round(ratio)}× real time`);
console.log(`  split: machines ${split.machinesMs.toFixed(0)} ms, coordinator ${(split.wallMs - split.machinesMs).toFixed(0)} ms`);
console.log(`  ${median.windows} lockstep windows, ${median.events} trace events, ${median.kvOk} kv operations acknowledged`);
console.log(`  goal ≥ 2000×: ${ratio >= 2000 ? 'met' : 'NOT met'}`);

// Kubernetes on top: fewer runs (each is longer).
once(false, kubeScenario);
const kubeRuns = [once(false, kubeScenario), once(false, kubeScenario), once(false, kubeScenario)].sort((a, b) => a.wallMs - b.wallMs);
const kubeMedian = kubeRuns[1]!;
const kubeRatio = (simSeconds * 1000) / kubeMedian.wallMs;
const heapMb = process.memoryUsage().heapUsed / 2 ** 20;
console.log(`kubernetes (3 stacked masters, 3 workers, 6 pods): ${simSeconds} s in ${kubeMedian.wallMs.toFixed(0)} ms wall (median of 3): ${Math.round(kubeRatio)}× real time`);
console.log(`  ${kubeMedian.windows} lockstep windows, ${kubeMedian.events} trace events; heap in use after the runs ${heapMb.toFixed(0)} MB`);
console.log(`  goal ≥ 100×: ${kubeRatio >= 100 ? 'met' : 'NOT met'}`);
