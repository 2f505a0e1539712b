// The chaos generator (what a scenario, the chaos generator or the UI can do to the
// cluster is fault-kinds.ts). Every random choice comes from a stream forked from the run's
// seed per chaos block, and depends only on the simulation's state, so a chaos run is a
// function of (scenario, seed) like everything else.

import type { Rng } from '../sim/rng';
import type { ClusterControl } from './cluster-control';
import type { ChaosSpec, Fault } from './fault-kinds';

export { LEADER_TARGETS, type LeaderTarget, type Fault, type ScheduledFault, type ChaosSpec, type ReadIndexTrouble, type Step, type ScheduledStep } from './fault-kinds';

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

/** Machines that chaos may hit, in spec order. The client (the learner's own), the
 * load balancer (a single point of failure by design, not what chaos is meant to
 * teach) and the cloud's API (outside the cluster) are left alone. Chaos never
 * terminates an instance: that cannot be healed. */
function chaosMachines(host: ClusterControl): string[] {
  return host.machines().filter((n) => host.kindOf(n) !== 'client' && host.kindOf(n) !== 'lb' && host.kindOf(n) !== 'cloud');
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
    case 'terminate':
      return `${f.kind} ${f.target}`;
    case 'partition':
      return `partition ${f.groups.map((g) => `[${g.join(', ')}]`).join(' | ')}`;
    case 'heal':
      return f.target ? `heal ${f.target}` : 'heal all';
    case 'loss':
      return `loss ${f.rate}`;
    case 'cut':
      return `cut ${f.from.join(', ')} → ${f.to.join(', ')}`;
    case 'slow':
      return `slow ${f.target} +${f.delayMs}ms for ${f.forMs}ms`;
    case 'member':
      return `member ${f.action} ${f.member}`;
    case 'net':
      return `net${f.latencyMaxMs !== undefined ? ` latency ≤ ${f.latencyMaxMs}ms` : ''}${f.duplicate !== undefined ? ` duplicate ${f.duplicate}` : ''}${f.reorder !== undefined ? ` reorder ${f.reorder}` : ''}${f.readIndex ? ` read-index duplicate ${f.readIndex.duplicate} delay ≤ ${f.readIndex.delayMs}ms` : ''}`;
  }
}
