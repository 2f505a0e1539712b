// etcd's periodic auto-compaction: the compactor alone on a fake clock, then an
// etcd-only cluster (which used to never compact) under a KV workload.

import { describe, expect, it } from 'vitest';
import { parseScenario, simulationInit } from '../../cluster/scenario';
import { InProcessCluster } from '../../host/in-process';
import { PeriodicCompactor } from './compactor';

describe('PeriodicCompactor (periodic.go)', () => {
  it('retention 5 min: records every 30 s, first compacts after 5 min to the revision of 5 min ago, then every 5 min', () => {
    const c = new PeriodicCompactor(5 * 60_000, 0);
    const compactions: [number, number][] = [];
    for (let t = 0; t <= 16 * 60_000; t += 100) {
      const rev = 1 + Math.floor(t / 1000); // one revision a second
      const to = c.tick(t, rev, true);
      if (to !== undefined) compactions.push([t, to]);
    }
    expect(compactions).toEqual([
      [300_000, 1],
      [600_000, 301],
      [900_000, 601],
    ]);
  });

  it('retention 2 h: records every 6 min, first after 2 h, then every hour, keeping 2 h of history', () => {
    const c = new PeriodicCompactor(2 * 3_600_000, 0);
    const compactions: [number, number][] = [];
    for (let t = 0; t <= 4 * 3_600_000; t += 60_000) {
      const to = c.tick(t, 1 + t / 60_000, true);
      if (to !== undefined) compactions.push([t / 60_000, to]);
    }
    expect(compactions).toEqual([
      [120, 1],
      [180, 61],
      [240, 121],
    ]);
  });

  it('only the leader compacts (etcd pauses the compactor on followers)', () => {
    const c = new PeriodicCompactor(60_000, 0);
    for (let t = 0; t <= 300_000; t += 100) expect(c.tick(t, t, false)).toBeUndefined();
    // Once leader, it compacts at its next check (every retention / 10).
    let at: number | undefined;
    for (let t = 300_100; at === undefined && t <= 320_000; t += 100) if (c.tick(t, t, true) !== undefined) at = t;
    expect(at).toBe(306_000);
  });
});

describe('an etcd-only cluster', () => {
  it('compacts by itself (classroom: every 5 min), so old revisions are gone', () => {
    const c = new InProcessCluster(simulationInit(parseScenario('name: t\nseed: 4\nuntil: 1h\ntopology: { etcd: stacked, masters: 3, kubernetes: false }\nworkload: { clients: 2, keys: 3, rate: 5/s, ops: [put, get] }\n')));
    c.runUntil(4 * 60_000);
    const compactApplies = () => c.sim.trace.filter((e) => e.type === 'raft.apply' && e.data.startsWith('compact')).length;
    expect(compactApplies()).toBe(0);
    c.runUntil(11 * 60_000);
    // Two compactions (at about 5 and 10 min), each applied once by each of 3 members.
    expect(compactApplies()).toBe(6);
  });

  it('with Kubernetes, etcd leaves compaction to kube-apiserver', () => {
    const init = simulationInit(parseScenario('name: t\ntopology: { etcd: stacked, masters: 1 }\n'));
    const etcd = init.machines.flatMap((m) => m.processes as { kind?: string; autoCompactionRetentionMs?: number }[]).find((p) => p.kind === 'etcd')!;
    expect(etcd.autoCompactionRetentionMs).toBeUndefined();
  });
});
