// What etcd's peer transport tells Raft (src/cluster/simulation.ts sends the notices,
// src/etcd/member.ts reports them): a leader whose messages to a follower do not get
// through stops pipelining to it (probe), and returns to replicate once it answers.

import { describe, expect, it } from 'vitest';
import { checkTrace } from '../../check';
import { parseScenario, simulationInit } from '../../cluster/scenario';
import { InProcessCluster } from '../../host/in-process';
import type { EtcdMemberView } from '../../protocol/frames';

function cluster(faults: string): InProcessCluster {
  return new InProcessCluster(
    simulationInit(
      parseScenario(`name: transport
seed: 5
until: 30s
topology: { masters: 3, kubernetes: false }
workload: { clients: 2, keys: 3, rate: 50/s, ops: [put, get] }
faults: ${faults}
`),
    ),
  );
}

const MACHINES = ['master-1', 'master-2', 'master-3'];

function setup(): { c: InProcessCluster; leader: () => EtcdMemberView; follower: string; member: string } {
  const c = cluster('  []');
  c.runUntil(4_000);
  const view = (h: string) => c.views().get(h)!.processes['etcd'] as EtcdMemberView;
  const leaderHost = MACHINES.find((h) => view(h).role === 'leader')!;
  const follower = MACHINES.find((h) => h !== leaderHost)!;
  return { c, leader: () => view(leaderHost), follower, member: view(follower).member };
}

describe('the peer transport reports failed sends', () => {
  it('a follower whose machine is down is probed, not pipelined to; back up, it is replicated again', () => {
    const { c, leader, follower, member } = setup();
    expect(leader().progress?.[member]?.state).toBe('replicate');
    c.sim.inject({ kind: 'kill', target: follower });
    c.runUntil(6_000);
    expect(leader().progress?.[member]?.state).toBe('probe');
    c.sim.inject({ kind: 'restart', target: follower });
    c.runUntil(12_000);
    expect(leader().progress?.[member]?.state).toBe('replicate');
    expect(checkTrace(c.sim.trace).ok).toBe(true);
  });

  it('so does a follower cut off by a partition', () => {
    const { c, leader, follower, member } = setup();
    c.sim.inject({ kind: 'partition', groups: [[follower], MACHINES.filter((h) => h !== follower)] });
    c.runUntil(6_000);
    expect(leader().progress?.[member]?.state).toBe('probe');
    c.sim.inject({ kind: 'heal' });
    c.runUntil(10_000);
    expect(leader().progress?.[member]?.state).toBe('replicate');
  });
});
