// Snapshots and log compaction (etcd --snapshot-count, scaled in the classroom profile):
// members compact their logs; a member that was down while the log moved past what the
// leader keeps catches up by InstallSnapshot and ends with the same data.

import { describe, expect, it } from 'vitest';
import { checkTrace } from '../../check';
import { parseScenario, simulationInit } from '../../cluster/scenario';
import { InProcessCluster } from '../../host/in-process';
import type { EtcdMemberView } from '../../protocol/frames';

describe('snapshots', () => {
  it('a member down for a while catches up by InstallSnapshot; every check holds', () => {
    const c = new InProcessCluster(
      simulationInit(parseScenario(`name: snap
seed: 12
until: 5m
topology: { masters: 3, kubernetes: false }
workload: { clients: 8, keys: 5, rate: 300/s, ops: [put] }
faults:
  - { at: 5s, kill: master-3 }
  - { at: 40s, restart: master-3 }
`)),
    );
    c.runUntil(39_000);
    const view = (h: string) => c.views().get(h)!.processes['etcd'] as EtcdMemberView;
    const leader = ['master-1', 'master-2'].map(view).find((v) => v.role === 'leader')!;
    expect(leader.snapshotIndex).toBeGreaterThanOrEqual(500);
    expect(leader.firstIndex).toBeGreaterThan(100); // the log was compacted
    c.runUntil(60_000);
    const installed = c.sim.trace.filter((e) => e.type === 'raft.snapshot' && e.member === 'etcd-3');
    expect(installed.length).toBeGreaterThan(0);
    const back = view('master-3');
    const now = view('master-1');
    expect(back.applied).toBeGreaterThan(leader.applied);
    expect(Math.abs(back.revision - now.revision)).toBeLessThan(50);
    expect(c.sim.trace.some((e) => e.type === 'raft.note' && e.note.startsWith('snapshot at'))).toBe(true);
    expect(checkTrace(c.sim.trace).ok).toBe(true);
  });
});
