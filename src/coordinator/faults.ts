// Faults: what a scenario, the chaos generator or the UI can do to the cluster, and the
// chaos generator itself. Every random choice comes from a stream forked from the run's
// seed per chaos block, and depends only on the simulation's state, so a chaos run is a
// function of (scenario, seed) like everything else.

import type { Rng } from '../sim/rng';
import type { ClusterControl } from './cluster-control';

/** Targets that name a role rather than a machine (contracts.md §2). */
export const LEADER_TARGETS = ['etcd-leader', 'scheduler-leader', 'controller-manager-leader'] as const;
export type LeaderTarget = (typeof LEADER_TARGETS)[number];

export type Fault =
  /** A machine name, or a leader target resolved when the fault fires. */
  | { readonly kind: 'kill'; readonly target: string }
  /** A machine name (crash then boot when it is up), a leader target, or "down" (boot every machine that is down). */
  | { readonly kind: 'restart'; readonly target: string }
  /** Symmetric: every link between different groups is cut. */
  | { readonly kind: 'partition'; readonly groups: readonly (readonly string[])[] }
  /** Cuts one machine off from every other. */
  | { readonly kind: 'isolate'; readonly target: string }
  /** Heals every cut link, or only a machine's. */
  | { readonly kind: 'heal'; readonly target?: string }
  | { readonly kind: 'loss'; readonly rate: number }
  /** One-way: every machine of `from` stops reaching every machine of `to` (they still
   * reach `from`). Healed by heal. */
  | { readonly kind: 'cut'; readonly from: readonly string[]; readonly to: readonly string[] }
  /** Network conditions: long delays (latency up to latencyMaxMs), duplication,
   * reordering, and duplicated, delayed ReadIndex traffic (sim/net.ts
   * READ_INDEX_KINDS). Omitted fields keep their value. */
  | { readonly kind: 'net'; readonly latencyMaxMs?: number; readonly duplicate?: number; readonly reorder?: number; readonly readIndex?: ReadIndexTrouble }
  /** A membership change, asked of etcd as an operator would (etcdctl through the
   * client machine; it may fail, e.g. without a leader). `add` starts the member on a
   * new host named like the member. */
  | { readonly kind: 'member'; readonly action: 'add' | 'add-learner' | 'promote' | 'remove'; readonly member: string };

/** Extra duplication and delay of ReadIndex traffic (0, 0: none). */
export interface ReadIndexTrouble {
  readonly duplicate: number;
  readonly delayMs: number;
}

export interface ScheduledFault {
  readonly at: number;
  readonly fault: Fault;
}

/** `{ from, to, chaos: { crash, partition, loss, every } }`. */
export interface ChaosSpec {
  readonly from: number;
  readonly to: number;
  /** Crash random machines (never more than the etcd cluster tolerates) and restart them. */
  readonly crash: boolean;
  /** Random two-sided partitions, healed later. */
  readonly partition: boolean;
  /** Message loss rate while chaos runs (restored at `to`). */
  readonly loss: number;
  /** One chaos action per this many ms. */
  readonly everyMs: number;
}

/** The state of one chaos block while it runs. */
export interface ChaosRun {
  readonly spec: ChaosSpec;
  readonly rng: Rng;
  /** The loss rate before chaos started, restored at the end. */
  lossBefore: number;
  /** A live run (the page's chaos switch): steps are scheduled one at a time until it
   * is switched off. */
  live?: boolean;
  ended?: boolean;
}

/** One chaos action: picks among the actions that make sense now, uniformly. */
export function chaosStep(host: ClusterControl, run: ChaosRun): void {
  const { spec, rng } = run;
  const machines = chaosMachines(host);
  const up = machines.filter((m) => host.isUp(m));
  const down = machines.filter((m) => !host.isUp(m));
  // Keep at least a quorum's worth of machines alive: chaos tests safety under the
  // failures Raft tolerates ((n-1)/2 of n); lose-quorum.yaml shows the rest.
  const maxDown = Math.max(1, Math.floor((host.etcdVoters() - 1) / 2));
  const options: ('kill' | 'restart' | 'partition' | 'heal')[] = [];
  if (spec.crash && down.length < maxDown && up.length > 0) options.push('kill');
  if (spec.crash && down.length > 0) options.push('restart');
  if (spec.partition && !isPartitioned(host) && machines.length > 1) options.push('partition');
  if (spec.partition && isPartitioned(host)) options.push('heal');
  if (options.length === 0) return;
  switch (rng.pick(options)) {
    case 'kill': {
      const leader = host.facts.leader()?.host;
      const target = leader !== undefined && host.isUp(leader) && rng.chance(1 / 3) ? leader : rng.pick(up);
      host.apply({ kind: 'kill', target }, target === leader ? 'chaos etcd-leader' : 'chaos');
      break;
    }
    case 'restart':
      host.apply({ kind: 'restart', target: rng.pick(down) }, 'chaos');
      break;
    case 'partition': {
      const shuffled = rng.shuffle(machines);
      const cut = rng.int(1, shuffled.length);
      host.apply({ kind: 'partition', groups: [shuffled.slice(0, cut), shuffled.slice(cut)] }, 'chaos');
      break;
    }
    case 'heal':
      host.apply({ kind: 'heal' }, 'chaos');
      break;
  }
}

/** The end of a chaos block: a liveness phase (style.md §4) heals the network, restores
 * the loss rate and boots every machine that is down. */
export function chaosEnd(host: ClusterControl, run: ChaosRun): void {
  if (isPartitioned(host)) host.apply({ kind: 'heal' }, 'chaos');
  if (run.spec.loss > 0) host.apply({ kind: 'loss', rate: run.lossBefore }, 'chaos');
  if (chaosMachines(host).some((m) => !host.isUp(m))) host.apply({ kind: 'restart', target: 'down' }, 'chaos');
}

/** Machines that chaos may hit, in spec order. The client (the learner's own) and the
 * load balancer (a single point of failure by design, not what chaos is meant to
 * teach) are left alone. */
function chaosMachines(host: ClusterControl): string[] {
  return host.machines().filter((n) => host.kindOf(n) !== 'client' && host.kindOf(n) !== 'lb');
}

function isPartitioned(host: ClusterControl): boolean {
  return host.network.cutLinks().length > 0;
}

/** A fault in words, for summaries: "kill master-2 (etcd-leader)". */
export function describeFault(f: Fault): string {
  switch (f.kind) {
    case 'kill':
    case 'restart':
    case 'isolate':
      return `${f.kind} ${f.target}`;
    case 'partition':
      return `partition ${f.groups.map((g) => `[${g.join(', ')}]`).join(' | ')}`;
    case 'heal':
      return f.target ? `heal ${f.target}` : 'heal all';
    case 'loss':
      return `loss ${f.rate}`;
    case 'cut':
      return `cut ${f.from.join(', ')} → ${f.to.join(', ')}`;
    case 'member':
      return `member ${f.action} ${f.member}`;
    case 'net':
      return `net${f.latencyMaxMs !== undefined ? ` latency ≤ ${f.latencyMaxMs}ms` : ''}${f.duplicate !== undefined ? ` duplicate ${f.duplicate}` : ''}${f.reorder !== undefined ? ` reorder ${f.reorder}` : ''}${f.readIndex ? ` read-index duplicate ${f.readIndex.duplicate} delay ≤ ${f.readIndex.delayMs}ms` : ''}`;
  }
}
