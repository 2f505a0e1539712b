// The swarm's nemesis (Jepsen's word): a fault schedule drawn from a seed. Crashes and
// restarts (any machine, the etcd leader, or a majority), partitions (random halves,
// the leader isolated, a bridge, one-way), message loss, duplication, reordering, long
// delays, duplicated and delayed ReadIndex traffic, a slow leader (a gray failure), and membership changes (a learner added on a new host, promoted; a member
// removed) — then a liveness phase at `healAt` that heals everything. The schedule is
// a plain list, so a failing one can be shrunk by dropping entries.

import { Rng } from '../sim/rng';
import type { Fault, ScheduledFault } from './faults';

export interface NemesisOptions {
  /** etcd members (one per master, stacked). */
  readonly members: number;
  /** When the faults start and when the liveness phase heals everything. */
  readonly startMs: number;
  readonly healAt: number;
  /** Gap between two faults, uniform in this range. */
  readonly gapMs: readonly [number, number];
}

export const DEFAULT_NEMESIS: NemesisOptions = { members: 3, startMs: 3_000, healAt: 33_000, gapMs: [400, 2_500] };

/** Everything a liveness phase undoes, in order (the network as the scenario set it). */
export function healAll(latencyMaxMs: number): Fault[] {
  return [
    { kind: 'heal' },
    { kind: 'loss', rate: 0 },
    { kind: 'net', latencyMaxMs, duplicate: 0, reorder: 0, readIndex: { duplicate: 0, delayMs: 0 } },
    { kind: 'restart', target: 'down' },
  ];
}

export function nemesisPlan(seed: number, opts: NemesisOptions = DEFAULT_NEMESIS): ScheduledFault[] {
  const rng = new Rng(seed).fork('nemesis');
  // ReadIndex trouble is drawn from a stream of its own, so the rest of a seed's
  // schedule is what it was before it existed.
  const readRng = new Rng(seed).fork('nemesis-read-index');
  // So is the gray failure (a slow leader), drawn once per seed: seeds without one keep
  // their schedules.
  const slowRng = new Rng(seed).fork('nemesis-slow');
  let slowAt: number | undefined = slowRng.chance(0.4) ? slowRng.int(opts.startMs, Math.max(opts.startMs + 1, opts.healAt - 8_000)) : undefined;
  const machines = Array.from({ length: opts.members }, (_, i) => `master-${i + 1}`);
  const majority = Math.floor(opts.members / 2) + 1;
  const out: ScheduledFault[] = [];
  // Membership as the plan has changed it so far (whether each change succeeds depends
  // on the run: etcd may refuse it, or have no leader).
  const voters = Array.from({ length: opts.members }, (_, i) => `etcd-${i + 1}`);
  let learner: string | undefined;
  let nextMember = opts.members + 1;
  const membership = (): Fault => {
    if (learner) {
      const m = learner;
      learner = undefined;
      voters.push(m);
      return { kind: 'member', action: 'promote', member: m };
    }
    if (voters.length > 3 || (voters.length > 2 && rng.chance(0.4))) {
      const m = voters.splice(rng.int(0, voters.length), 1)[0]!;
      return { kind: 'member', action: 'remove', member: m };
    }
    learner = `etcd-${nextMember++}`;
    return { kind: 'member', action: 'add-learner', member: learner };
  };
  for (let at = opts.startMs + rng.int(0, opts.gapMs[1]); at < opts.healAt; at += rng.int(opts.gapMs[0], opts.gapMs[1] + 1)) {
    const shuffled = rng.shuffle(machines);
    const pick = rng.int(0, 100);
    let faults: Fault[];
    if (pick < 14) faults = [{ kind: 'kill', target: rng.pick(machines) }];
    else if (pick < 24) faults = [{ kind: 'kill', target: 'etcd-leader' }];
    else if (pick < 29) faults = shuffled.slice(0, majority).map((m) => ({ kind: 'kill', target: m }) as Fault);
    else if (pick < 41) faults = [{ kind: 'restart', target: rng.chance(0.7) ? 'down' : rng.pick(machines) }];
    else if (pick < 50) {
      const cut = rng.int(1, machines.length);
      faults = [{ kind: 'partition', groups: [shuffled.slice(0, cut), shuffled.slice(cut)] }];
    } else if (pick < 58) faults = [{ kind: 'partition', groups: [['etcd-leader'], machines] }];
    else if (pick < 63 && machines.length >= 3) {
      // A bridge: two halves that only one machine still connects.
      const [bridge, ...rest] = shuffled;
      const half = Math.ceil(rest.length / 2);
      faults = [{ kind: 'partition', groups: [rest.slice(0, half), rest.slice(half)] }];
      void bridge;
    } else if (pick < 69) {
      const cut = rng.int(1, machines.length);
      faults = [{ kind: 'cut', from: shuffled.slice(0, cut), to: shuffled.slice(cut) }];
    } else if (pick < 80) faults = [{ kind: 'heal' }];
    else if (pick < 86) faults = [{ kind: 'loss', rate: rng.pick([0, 0.05, 0.2, 0.5]) }];
    else if (pick < 91) faults = [{ kind: 'net', latencyMaxMs: rng.pick([10, 150, 600]) }];
    else if (pick < 96) faults = [membership()];
    else faults = [{ kind: 'net', duplicate: rng.pick([0, 0.1, 0.3]), reorder: rng.pick([0, 0.2, 0.5]) }];
    // Duplicated, delayed ReadIndex traffic when the leader is cut off or the network
    // turns bad: a deposed leader that does not know it yet, a duplicate of a read it
    // answered and late heartbeat acks once made a stale read (issue 10).
    // A deposed leader stays unaware for at most a CheckQuorum period or two, so with the
    // leader cut off a heal often follows soon: late traffic then reaches it in time.
    let healSoon: number | undefined;
    if ((pick >= 50 && pick < 58) || pick >= 96) {
      if (readRng.chance(0.6)) {
        faults.push({ kind: 'net', readIndex: { duplicate: readRng.pick([0.2, 0.5, 0.9]), delayMs: readRng.pick([300, 1_000, 2_500]) } });
        if (pick < 58 && readRng.chance(0.5)) healSoon = at + readRng.int(1_000, 2_200);
      } else faults.push({ kind: 'net', readIndex: { duplicate: 0, delayMs: 0 } });
    }
    for (const fault of faults) out.push({ at, fault });
    if (slowAt !== undefined && slowAt <= at) {
      // A gray failure (issue 10's window without a cut): the leader's peer links turn
      // slow past an election timeout, so the others elect a new leader and commit writes
      // while it still answers reads from its own, late view; nothing in flight is
      // dropped and CheckQuorum sees its followers' acks (late), so it stays leader a
      // while. ReadIndex trouble goes on first: what was sent before it is routed as it
      // was, so only acks sent after it can still arrive late, past the new election.
      out.push({ at, fault: { kind: 'net', readIndex: { duplicate: slowRng.pick([0.5, 0.9]), delayMs: slowRng.pick([1_000, 2_500]) } } });
      out.push({ at: at + slowRng.int(500, 2_501), fault: { kind: 'slow', target: 'etcd-leader', delayMs: slowRng.int(1_500, 3_001), forMs: slowRng.int(3_000, 8_001) } });
      slowAt = undefined;
    }
    if (healSoon !== undefined && healSoon < opts.healAt) out.push({ at: healSoon, fault: { kind: 'heal' } });
  }
  return out;
}
