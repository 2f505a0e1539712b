// Raft's safety properties (paper Figure 3) under random schedules: fast-check draws
// ticks, deliveries, drops, partitions, crashes and restarts on 3 and 5 nodes; after
// every step we check Election Safety (the TestNetwork throws on two leaders in a term),
// Log Matching, State Machine Safety and Leader Completeness; at the end the network
// heals and a leader must emerge and commit (liveness).

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TestNetwork } from './testing/network';
import type { Entry } from './types';

type Action =
  | { kind: 'tick'; n: number }
  | { kind: 'deliver'; n: number }
  | { kind: 'drop'; n: number }
  | { kind: 'propose'; node: number }
  | { kind: 'partition'; cut: number }
  | { kind: 'heal' }
  | { kind: 'crash'; node: number }
  | { kind: 'restart'; node: number };

const action = (n: number): fc.Arbitrary<Action> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('tick' as const), n: fc.integer({ min: 1, max: 12 }) }) },
    { weight: 5, arbitrary: fc.record({ kind: fc.constant('deliver' as const), n: fc.integer({ min: 1, max: 30 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('drop' as const), n: fc.integer({ min: 1, max: 5 }) }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('propose' as const), node: fc.integer({ min: 1, max: n }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('partition' as const), cut: fc.integer({ min: 1, max: (1 << n) - 2 }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('heal' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('crash' as const), node: fc.integer({ min: 1, max: n }) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('restart' as const), node: fc.integer({ min: 1, max: n }) }) },
  );

function run(net: TestNetwork, a: Action, counter: { n: number }): void {
  switch (a.kind) {
    case 'tick':
      for (let i = 0; i < a.n; i++) for (const id of net.ids) if (!net.down.has(id)) net.tick(id);
      break;
    case 'deliver':
      for (let i = 0; i < a.n && net.queue.length > 0; i++) net.deliverOne();
      break;
    case 'drop':
      net.queue.splice(0, a.n);
      break;
    case 'propose':
      if (!net.down.has(a.node)) net.propose(a.node, `v${counter.n++}`);
      break;
    case 'partition': {
      const side = net.ids.filter((id) => (a.cut >> (id - 1)) & 1);
      net.heal();
      net.partition(side, net.ids.filter((id) => !side.includes(id)));
      break;
    }
    case 'heal':
      net.heal();
      break;
    case 'crash':
      // Keep a majority able to come back: never more than a minority down at once.
      if (net.down.size < Math.floor((net.ids.length - 1) / 2)) net.crash(a.node);
      break;
    case 'restart':
      if (net.down.has(a.node)) net.restart(a.node);
      break;
  }
}

function checkSafety(net: TestNetwork, committedEver: Map<number, Entry>): void {
  const logs = net.ids.map((id) => new Map(net.storageLog(id).map((e) => [e.index, e])));
  // Log Matching: same index and term ⇒ same entry, and the same preceding entries.
  for (let i = 0; i < logs.length; i++)
    for (let j = i + 1; j < logs.length; j++)
      for (const [index, e] of logs[i]!) {
        const f = logs[j]!.get(index);
        if (f && f.term === e.term) expect(f.data).toBe(e.data);
      }
  // State Machine Safety: applied sequences never disagree at an index.
  for (const id of net.ids)
    for (const e of net.applied.get(id)!) {
      const seen = committedEver.get(e.index);
      if (seen) expect([e.index, e.term, e.data]).toEqual([seen.index, seen.term, seen.data]);
      else committedEver.set(e.index, e);
    }
  // Leader Completeness: a leader's log holds every entry ever applied.
  const leader = net.leader();
  if (leader !== undefined) {
    const log = logs[leader - 1]!;
    for (const e of committedEver.values()) {
      if (e.index < net.status(leader).firstIndex) continue;
      expect(log.get(e.index)?.term).toBe(e.term);
    }
  }
}

describe('Raft safety under random faults (Figure 3)', () => {
  for (const n of [3, 5]) {
    it(`holds on ${n} nodes for random schedules, and a healed cluster elects and commits`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.array(action(n), { minLength: 20, maxLength: 120 }), (seed, actions) => {
          const net = new TestNetwork(n, { seed });
          const committed = new Map<number, Entry>();
          const counter = { n: 0 };
          for (const a of actions) {
            run(net, a, counter);
            checkSafety(net, committed);
          }
          // Liveness: heal everything, restart everyone, and expect progress.
          net.heal();
          for (const id of [...net.down]) net.restart(id);
          const leader = net.elect(200);
          net.propose(leader, 'final');
          net.tickAll(5);
          checkSafety(net, committed);
          for (const id of net.ids) expect(net.appliedData(id)).toContain('final');
        }),
        { numRuns: n === 3 ? 150 : 80, seed: 42 },
      );
    });
  }
});
