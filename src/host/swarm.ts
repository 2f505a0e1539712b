// The swarm (TigerBeetle's VOPR, Jepsen's nemesis): one seed → a cluster, a KV workload
// and a nemesis schedule; then every checker: the Raft safety properties,
// linearizability of the KV history per key, no acknowledged write lost — and liveness:
// a leader within 2× the election timeout of the heal, and every client unblocked. A
// failing schedule shrinks to a small counterexample by dropping faults while the same
// check still fails.

import { stringify } from 'yaml';
import { checkTrace, formatReport, type CheckReport } from '../check';
import { runScenario } from './in-process';
import type { TraceEvent } from '../protocol/trace';
import type { ProcessFactory } from '../sim/process';
import type { ScheduledFault } from '../coordinator/faults';
import { DEFAULT_NEMESIS, healAll, nemesisPlan, type NemesisOptions } from '../coordinator/nemesis';
import { processFactory } from '../cluster/processes';
import { INJECTED_BUGS, type InjectedBug } from '../etcd/server/member-spec';

export { INJECTED_BUGS, type InjectedBug };
import { profileFor } from '../cluster/profiles';
import type { Scenario } from '../cluster/scenario';
import { currentLeaders, stacked } from '../coordinator/leaders-at';

export interface SwarmOptions {
  readonly nemesis: NemesisOptions;
  /** How long the liveness phase runs after the heal. */
  readonly liveMs: number;
  /** A known bug to switch on (the checkers must catch it). */
  readonly inject?: InjectedBug;
}

export const DEFAULT_SWARM: SwarmOptions = { nemesis: DEFAULT_NEMESIS, liveMs: 10_000 };

export interface SwarmResult {
  readonly seed: number;
  readonly ok: boolean;
  /** The names of the checks that failed. */
  readonly failed: readonly string[];
  /** One line per check, as `npm run sim` prints them. */
  readonly report: string;
  readonly faults: readonly ScheduledFault[];
  readonly kvOps: number;
}

const LATENCY_MAX = 10;

export function swarmScenario(seed: number, faults: readonly ScheduledFault[], opts: SwarmOptions = DEFAULT_SWARM): Scenario {
  const n = opts.nemesis;
  return {
    name: `swarm-${seed}`,
    seed,
    until: n.healAt + opts.liveMs,
    setup: { topology: 'stacked', masters: n.members, etcdMembers: n.members, workers: 0, seed, profile: 'classroom', kubernetes: false },
    workerLabels: {},
    network: { latencyMinMs: 2, latencyMaxMs: LATENCY_MAX },
    manifests: [],
    // With a slow leader, more clients: three closed-loop ones all end up waiting on the
    // slow leader within ~300 ms (round-robin), so no write completes at the new leader
    // while the old one still answers reads — the window of issue 10's stale read.
    workload: faults.some((f) => f.fault.kind === 'slow') ? { clients: 12, keys: 3, ratePerSec: 120, ops: ['put', 'get', 'cas'] } : { clients: 3, keys: 3, ratePerSec: 30, ops: ['put', 'get', 'cas'] },
    faults: [...faults, ...healAll(LATENCY_MAX).map((fault) => ({ at: n.healAt, fault }))],
    chaos: [],
    steps: [],
  };
}

/** Liveness after the heal: one leader within 2× the election timeout, and every KV
 * client completing an operation before the run ends. */
export function livenessChecks(events: readonly TraceEvent[], healAt: number, until: number, electionMs: number): { name: string; ok: boolean; detail: string }[] {
  // An election that does not produce the lasting leader costs another randomized
  // timeout in real Raft too: a split vote (a term nobody wins), or a leader deposed at
  // once by a candidate of the next term (it had granted that candidate a pre-vote
  // while it had no leader yet). Each one extends the limit by 2× the election timeout; endless elections still
  // fail, since the run ends 10 s after the heal.
  const candidateTerms = new Set<number>();
  const leaderTerms = new Set<number>();
  for (const e of events) {
    if (e.type !== 'raft.role' || e.t < healAt) continue;
    if (e.role === 'candidate') candidateTerms.add(e.term);
    if (e.role === 'leader') leaderTerms.add(e.term);
  }
  let leaderAt: number | undefined;
  let limit = 2 * electionMs;
  for (let t = healAt; t <= healAt + limit && t <= until; t += 50) {
    const started = [...candidateTerms].filter((term) => firstCandidacy(events, term, healAt) <= t);
    const last = Math.max(...started);
    const failed = started.filter((term) => !leaderTerms.has(term) || term < last).length;
    limit = 2 * electionMs * (1 + failed);
    if (currentLeaders(events, t, stacked).length === 1) {
      leaderAt = t;
      break;
    }
  }
  const clients = new Set<string>();
  const done = new Set<string>();
  for (const e of events) {
    if (e.type === 'kv.invoke') clients.add(e.process.replace(/\..*$/, ''));
    if ((e.type === 'kv.ok' || e.type === 'kv.fail') && e.t > healAt) done.add(e.process.replace(/\..*$/, ''));
  }
  const blocked = [...clients].filter((c) => !done.has(c)).sort();
  return [
    {
      name: 'leader-after-heal',
      ok: leaderAt !== undefined,
      detail: leaderAt !== undefined ? `a leader ${leaderAt - healAt} ms after the heal (limit ${limit} ms).` : `no single leader within ${limit} ms of the heal at ${healAt} ms.`,
    },
    {
      name: 'clients-unblocked',
      ok: blocked.length === 0,
      detail: blocked.length === 0 ? `all ${clients.size} clients completed operations after the heal.` : `${blocked.join(', ')} completed nothing between the heal (${healAt} ms) and the end (${until} ms).`,
    },
  ];
}

function firstCandidacy(events: readonly TraceEvent[], term: number, from: number): number {
  for (const e of events) if (e.type === 'raft.role' && e.t >= from && e.role === 'candidate' && e.term === term) return e.t;
  return Infinity;
}

function injected(inject: SwarmOptions['inject']): ProcessFactory | undefined {
  if (!inject) return undefined;
  return (spec, runtimeFor) => processFactory({ ...spec, processes: spec.processes.map((p) => ((p as { kind?: string }).kind === 'etcd' ? { ...(p as object), inject } : p)) }, runtimeFor);
}

export function runSwarmSeed(seed: number, opts: SwarmOptions = DEFAULT_SWARM, faults = nemesisPlan(seed, opts.nemesis)): SwarmResult {
  const scenario = swarmScenario(seed, faults, opts);
  const factory = injected(opts.inject);
  const run = runScenario(scenario, factory ? { factory } : {});
  const checks: CheckReport = checkTrace(run.events, { topology: 'stacked', skip: ['pod-bound-once'] });
  const electionMs = profileFor('classroom').etcd.electionTicks * profileFor('classroom').tickMs;
  const live = livenessChecks(run.events, opts.nemesis.healAt, scenario.until, electionMs);
  const failed = [...checks.checks.filter((c) => c.ok === false).map((c) => c.name), ...live.filter((l) => !l.ok).map((l) => l.name)];
  const report = [formatReport(checks), ...live.map((l) => `${l.ok ? 'ok  ' : 'FAIL'} ${l.name}: ${l.detail}`)].join('\n');
  return { seed, ok: failed.length === 0, failed, report, faults, kvOps: run.summary.kv.ok };
}

/** Drops faults from a failing schedule while the same check still fails (ddmin-style:
 * halves, then quarters… then single faults). Runs at most `budget` simulations. */
export function shrink(seed: number, failing: SwarmResult, opts: SwarmOptions = DEFAULT_SWARM, budget = 120): SwarmResult {
  let best = failing;
  let runs = 0;
  const stillFails = (faults: ScheduledFault[]): SwarmResult | undefined => {
    runs++;
    const r = runSwarmSeed(seed, opts, faults);
    return r.failed.some((f) => failing.failed.includes(f)) ? r : undefined;
  };
  let chunk = Math.ceil(best.faults.length / 2);
  while (chunk >= 1 && runs < budget) {
    let removed = false;
    for (let i = 0; i < best.faults.length && runs < budget; i += chunk) {
      const candidate = [...best.faults.slice(0, i), ...best.faults.slice(i + chunk)];
      const r = stillFails(candidate);
      if (r) {
        best = r;
        removed = true;
        i -= chunk;
      }
    }
    if (!removed) chunk = Math.floor(chunk / 2);
  }
  return best;
}

/** The scenario file of a (shrunk) failing run: `npm run sim -- <file> --seed N`. */
export function scenarioYaml(seed: number, faults: readonly ScheduledFault[], opts: SwarmOptions = DEFAULT_SWARM): string {
  const s = swarmScenario(seed, faults, opts);
  const ms = (t: number) => `${t}ms`;
  const fault = (f: ScheduledFault): Record<string, unknown> => {
    const at = ms(f.at);
    const x = f.fault;
    switch (x.kind) {
      case 'kill':
      case 'restart':
      case 'terminate':
        return { at, [x.kind]: x.target };
      case 'isolate':
        return { at, partition: [[x.target], s.setup.masters > 1 ? Array.from({ length: s.setup.masters }, (_, i) => `master-${i + 1}`).filter((m) => m !== x.target) : []] };
      case 'partition':
        return { at, partition: x.groups };
      case 'heal':
        return { at, heal: x.target ?? 'all' };
      case 'loss':
        return { at, loss: x.rate };
      case 'cut':
        return { at, cut: [x.from, x.to] };
      case 'slow':
        return { at, slow: x.target, delay: ms(x.delayMs), for: ms(x.forMs) };
      case 'member':
        return { at, member: x.action === 'add-learner' ? { add: x.member, learner: true } : { [x.action]: x.member } };
      case 'net':
        return {
          at,
          net: {
            ...(x.latencyMaxMs !== undefined ? { latency: `2ms..${x.latencyMaxMs}ms` } : {}),
            ...(x.duplicate !== undefined ? { duplicate: x.duplicate } : {}),
            ...(x.reorder !== undefined ? { reorder: x.reorder } : {}),
            ...(x.readIndex ? { 'read-index': { duplicate: x.readIndex.duplicate, delay: `${x.readIndex.delayMs}ms` } } : {}),
          },
        };
    }
  };
  const doc = {
    name: s.name,
    seed,
    until: ms(s.until),
    profile: 'classroom',
    topology: { etcd: 'stacked', masters: s.setup.masters, kubernetes: false },
    network: { latency: `2ms..${LATENCY_MAX}ms` },
    workload: { clients: 3, keys: 3, rate: '30/s', ops: ['put', 'get', 'cas'] },
    faults: s.faults.map(fault),
  };
  return `# A swarm counterexample (seed ${seed}${opts.inject ? `, with the injected bug ${opts.inject}` : ''}): the nemesis schedule, shrunk,\n# then the liveness phase at ${ms(opts.nemesis.healAt)}. Run: npm run sim -- <this file> --seed ${seed}\n${stringify(doc)}`;
}
