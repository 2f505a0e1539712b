// npm run fuzz -- [--runs N] [--seed S] [--batch B] [--per-cluster K]
// Hostile console inputs (src/fuzz) against live clusters of every topology, and
// type-confused manifests straight into the apiserver's create path; prints counts per
// family (clear error, accepted, crash, unanswered) and every crash with its inputs.
// Exit 1 on any crash or unanswered line.

import fc from 'fast-check';
import { consoleInput, type ConsoleInput } from '../fuzz/console-lines';
import { FuzzHarness, TOPOLOGIES, type Outcome, type Verdict } from '../fuzz/harness';
import { anyManifest } from '../fuzz/manifests';
import { strategyVerdict } from '../fuzz/strategy';

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  const text = inline ? inline.slice(name.length + 3) : i >= 0 ? process.argv[i + 1] : undefined;
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`fuzz: --${name} needs a whole number, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return n;
}

const runs = flag('runs', 2000);
const seed = flag('seed', 1);
const batchSize = Math.max(1, flag('batch', 8));
const perCluster = Math.max(batchSize, flag('per-cluster', 400));

type Counts = Record<Verdict, number>;
const counts = new Map<string, Counts>();
const note = (family: string, v: Verdict) => {
  const c = counts.get(family) ?? { error: 0, accepted: 0, crash: 0, unanswered: 0 };
  c[v]++;
  counts.set(family, c);
};
const failures: Outcome[] = [];
const started = Date.now();

// 1. The apiserver's create path, in-process, without a cluster (cheap: as many as runs).
fc.sample(anyManifest, { numRuns: runs, seed }).forEach((m) => {
  const v = strategyVerdict(m);
  note('apiserver-create', v.verdict);
  if (v.verdict === 'crash') failures.push({ input: { family: 'manifest', line: 'prepareCreate', stdin: JSON.stringify(m) }, verdict: 'crash', detail: v.detail });
});

// 2. Console lines against live clusters, topology after topology.
const topologies = Object.keys(TOPOLOGIES);
let harness: FuzzHarness | undefined;
let onThisCluster = 0;
let clusterNo = 0;
/** Pods past which the next inputs go to a fresh cluster. */
const MAX_PODS = 800;
let crowded = 0;
for (let done = 0; done < runs; ) {
  if (!harness || onThisCluster >= perCluster) {
    harness = new FuzzHarness(topologies[clusterNo % topologies.length]!, seed + clusterNo);
    clusterNo++;
    onThisCluster = 0;
  }
  const n = Math.min(batchSize, runs - done);
  const batch: ConsoleInput[] = fc.sample(consoleInput, { numRuns: n, seed: seed * 1_000_003 + done });
  const out = harness.run(batch);
  for (const o of out) {
    note(`${o.input.family}@${harness.topology}`, o.verdict);
    if (o.verdict === 'crash' || o.verdict === 'unanswered') failures.push(o);
  }
  // A crashed process stays down until its machine restarts: start a fresh cluster.
  // So does a cluster a legal but huge `replicas` has filled with pods (it only slows).
  if (out.some((o) => o.verdict === 'crash')) harness = undefined;
  else if (harness.pods() > MAX_PODS) {
    harness = undefined;
    crowded++;
  }
  done += n;
  onThisCluster += n;
  if (done % 1000 < n) process.stderr.write(`  ${done}/${runs} console inputs, ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
}

const rows = [...counts].sort(([a], [b]) => a.localeCompare(b));
const total = { error: 0, accepted: 0, crash: 0, unanswered: 0 };
console.log('family                        clear-error  accepted  crash  unanswered');
for (const [family, c] of rows) {
  for (const k of Object.keys(total) as Verdict[]) total[k] += c[k];
  console.log(`${family.padEnd(30)}${String(c.error).padStart(11)}${String(c.accepted).padStart(10)}${String(c.crash).padStart(7)}${String(c.unanswered).padStart(12)}`);
}
console.log(`${'total'.padEnd(30)}${String(total.error).padStart(11)}${String(total.accepted).padStart(10)}${String(total.crash).padStart(7)}${String(total.unanswered).padStart(12)}`);
console.log(`${runs * 2} inputs (seed ${seed}) in ${((Date.now() - started) / 1000).toFixed(1)} s, on ${clusterNo} clusters (${crowded} replaced for holding over ${MAX_PODS} pods)`);
for (const f of failures.slice(0, 20)) console.log(`\n${f.verdict.toUpperCase()} ${f.input.family}: ${f.input.line.slice(0, 300)}${f.input.stdin ? `\n  stdin: ${f.input.stdin.slice(0, 400)}` : ''}\n  ${f.detail.slice(0, 600)}`);
process.exit(failures.length > 0 ? 1 : 0);
