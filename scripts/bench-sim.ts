// `npm run bench:sim [simSeconds]`: how many simulated seconds the in-process host runs
// per wall second, for a 3-member stacked etcd cluster under a KV workload (3 clients,
// 20/s). Goal: at least 2000× (then a minute of cluster time takes 30 ms, and a 60 s
// chaos run with its checks well under a second, as contracts.md §1 promises).
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
topology: { etcd: stacked, masters: 3 }
network: { latency: 2ms..10ms }
workload: { clients: 3, keys: 8, rate: 20/s, ops: [put, get, cas] }
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
function once(split = false): Run {
  const cluster = new InProcessCluster(simulationInit(scenario));
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
