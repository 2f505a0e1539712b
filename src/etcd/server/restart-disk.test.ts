// A master restarted again and again keeps a bounded disk: the Raft entries kept for
// slow followers below a snapshot are removed at boot (they used to stay for good:
// master disks grew from 396 to about 3 100 keys over 300 restarts).

import { describe, expect, it } from 'vitest';
import { parseScenario, simulationInit } from '../../cluster/scenario';
import { InProcessCluster } from '../../host/in-process';
import type { Snapshot } from '../../raft/types';
import { RAFT_LOG, RAFT_SNAP } from './data-dir';

describe('a master restarted many times', () => {
  it('has no Raft entry at or below its snapshot on the disk after each boot, and its disk stays bounded', () => {
    // The classroom profile snapshots every 500 entries and keeps 100 for followers.
    const c = new InProcessCluster(simulationInit(parseScenario('name: t\nseed: 1\nuntil: 10h\ntopology: { etcd: stacked, masters: 1, workers: 1 }\n')));
    c.runUntil(30_000);
    const disk = c.sim.diskOf('master-1')!;
    const sizes: number[] = [];
    let snapshotsSeen = 0;
    for (let i = 0; i < 40; i++) {
      c.sim.apply({ kind: 'restart', target: 'master-1' });
      c.runUntil(c.sim.now + 500); // booted: the member has opened its storage
      const snap = disk.get<Snapshot>(RAFT_SNAP)?.meta.index ?? 0;
      if (snap > 0) snapshotsSeen++;
      const stale = disk.keys(RAFT_LOG).map((k) => Number(k.slice(RAFT_LOG.length))).filter((index) => index <= snap);
      expect(stale, `restart ${i + 1}: entries at or below snapshot ${snap}`).toEqual([]);
      c.runUntil(c.sim.now + 19_500);
      sizes.push(disk.size);
    }
    expect(snapshotsSeen).toBeGreaterThan(20);
    // At most one snapshot's worth of log (500) plus the other keys (~100), whatever the
    // number of restarts.
    expect(Math.max(...sizes.slice(-15))).toBeLessThan(Math.max(...sizes.slice(0, 15)) + 50);
  });
});
