// `npm run chaos -- --seeds 1000 [--from N] [--members 3|5] [--jobs K] [--inject stale-reads|read-index-context-acks] [--json F]`
// The swarm: runs seeds in parallel on the cores (one child process per job), prints a
// summary and, for each failing seed, the failing checks and
// `reproduce with: npm run sim -- chaos-failures/seed-N.yaml --seed N` — the file holding
// the fault schedule shrunk to a small counterexample. Exit 0 when every seed held, 1
// when one failed, 2 for bad flags.

import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_NEMESIS } from '../coordinator/nemesis';
import { DEFAULT_SWARM, INJECTED_BUGS, runSwarmSeed, scenarioYaml, shrink, type InjectedBug, type SwarmOptions, type SwarmResult } from '../host/swarm';

interface Flags {
  seeds: number;
  from: number;
  members: number;
  jobs: number;
  inject?: InjectedBug;
  json?: string;
  shrink: number;
}

function parseFlags(argv: string[]): Flags | string {
  const f: Flags = { seeds: 100, from: 1, members: 3, jobs: Math.max(1, availableParallelism()), shrink: 3 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const v = argv[i + 1];
    const int = (name: string, lo: number, hi: number): number | string => {
      const n = Number(v);
      i++;
      return Number.isInteger(n) && n >= lo && n <= hi ? n : `${name}: expected an integer from ${lo} to ${hi}, got "${v ?? ''}"`;
    };
    let r: number | string;
    switch (a) {
      case '--seeds':
        if (typeof (r = int('--seeds', 1, 1_000_000)) === 'string') return r;
        f.seeds = r;
        break;
      case '--from':
        if (typeof (r = int('--from', 0, 0xffffffff)) === 'string') return r;
        f.from = r;
        break;
      case '--members':
        if (typeof (r = int('--members', 3, 5)) === 'string' || (r !== 3 && r !== 5)) return `--members: expected 3 or 5, got "${v ?? ''}"`;
        f.members = r;
        break;
      case '--jobs':
        if (typeof (r = int('--jobs', 1, 64)) === 'string') return r;
        f.jobs = r;
        break;
      case '--shrink':
        if (typeof (r = int('--shrink', 0, 100)) === 'string') return r;
        f.shrink = r;
        break;
      case '--inject':
        if (!(INJECTED_BUGS as readonly string[]).includes(v ?? '')) return `--inject: expected ${INJECTED_BUGS.join(' or ')}, got "${v ?? ''}"`;
        f.inject = v as InjectedBug;
        i++;
        break;
      case '--json':
        if (!v) return '--json: expected a file name';
        f.json = v;
        i++;
        break;
      default:
        return `unknown flag "${a}"; expected --seeds N, --from N, --members 3|5, --jobs K, --inject ${INJECTED_BUGS.join('|')}, --shrink N, --json FILE`;
    }
  }
  return f;
}

function optionsOf(f: Pick<Flags, 'members' | 'inject'>): SwarmOptions {
  return { ...DEFAULT_SWARM, nemesis: { ...DEFAULT_NEMESIS, members: f.members }, ...(f.inject ? { inject: f.inject } : {}) };
}

type ToChild = { seeds: number[]; members: number; inject?: InjectedBug };
type FromChild = { seed: number; ok: boolean; failed: readonly string[]; report: string; kvOps: number; faults: number };

// ---- a child: runs the seeds it is given, one message per seed ----
if (process.env.SWARM_CHILD === '1') {
  process.on('message', (m: ToChild) => {
    const opts = optionsOf(m);
    for (const seed of m.seeds) {
      const r = runSwarmSeed(seed, opts);
      process.send!({ seed, ok: r.ok, failed: r.failed, report: r.report, kvOps: r.kvOps, faults: r.faults.length } satisfies FromChild);
    }
    process.exit(0);
  });
} else {
  void main();
}

async function main(): Promise<void> {
  const f = parseFlags(process.argv.slice(2));
  if (typeof f === 'string') {
    console.error(`error: ${f}`);
    process.exit(2);
  }
  const seeds = Array.from({ length: f.seeds }, (_, i) => f.from + i);
  const jobs = Math.min(f.jobs, seeds.length);
  const t0 = Date.now();
  console.log(`swarm: ${seeds.length} seeds from ${f.from}, ${f.members} members, ${jobs} job(s)${f.inject ? `, injected bug: ${f.inject}` : ''}`);
  const results: FromChild[] = [];
  const self = fileURLToPath(import.meta.url);
  await Promise.all(
    Array.from({ length: jobs }, (_, j) =>
      new Promise<void>((resolve, reject) => {
        const child = fork(self, [], { env: { ...process.env, SWARM_CHILD: '1' }, execArgv: ['--import', 'tsx'] });
        child.on('message', (r: FromChild) => {
          results.push(r);
          if (results.length % 100 === 0) console.log(`  ${results.length}/${seeds.length} seeds, ${results.filter((x) => !x.ok).length} failed`);
        });
        child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`swarm job ${j} exited with ${code}`))));
        child.send({ seeds: seeds.filter((_, i) => i % jobs === j), members: f.members, ...(f.inject ? { inject: f.inject } : {}) } satisfies ToChild);
      }),
    ),
  );
  results.sort((a, b) => a.seed - b.seed);
  const failures = results.filter((r) => !r.ok);
  const secs = (Date.now() - t0) / 1000;
  const byCheck = new Map<string, number>();
  for (const r of failures) for (const c of r.failed) byCheck.set(c, (byCheck.get(c) ?? 0) + 1);
  console.log(`\n${results.length} seeds in ${secs.toFixed(1)} s (${(secs * 1000 / results.length).toFixed(0)} ms per seed); ${results.reduce((n, r) => n + r.kvOps, 0)} KV operations acknowledged`);
  if (byCheck.size > 0) console.log(`failed checks: ${[...byCheck].map(([c, n]) => `${c} ×${n}`).join(', ')}`);
  // Shrink the first few failures in this process and write their scenario files.
  if (failures.length > 0) mkdirSync('chaos-failures', { recursive: true });
  for (const r of failures.slice(0, f.shrink)) {
    const opts = optionsOf(f);
    const full: SwarmResult = runSwarmSeed(r.seed, opts);
    const small = shrink(r.seed, full, opts);
    const file = join('chaos-failures', `seed-${r.seed}.yaml`);
    writeFileSync(file, scenarioYaml(r.seed, small.faults, opts));
    console.log(`\nseed ${r.seed}: ${r.failed.join(', ')} (schedule shrunk from ${full.faults.length} to ${small.faults.length} faults)`);
    console.log(small.report.split('\n').filter((l) => l.startsWith('FAIL')).map((l) => `  ${l}`).join('\n'));
    console.log(`  reproduce with: npm run sim -- ${file} --seed ${r.seed}`);
  }
  for (const r of failures.slice(f.shrink)) console.log(`seed ${r.seed}: ${r.failed.join(', ')} — reproduce with: npm run chaos -- --from ${r.seed} --seeds 1${f.members !== 3 ? ` --members ${f.members}` : ''}${f.inject ? ` --inject ${f.inject}` : ''}`);
  if (f.json) writeFileSync(f.json, JSON.stringify({ seeds: results.length, failed: failures.map((r) => ({ seed: r.seed, checks: r.failed })) }, null, 2));
  console.log(`${results.length - failures.length} passed, ${failures.length} failed`);
  process.exit(failures.length > 0 ? 1 : 0);
}
