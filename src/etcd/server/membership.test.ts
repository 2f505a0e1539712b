// Membership changes and leadership transfer on a running 3-member cluster, through
// etcdctl as a learner types it: add a learner (the simulator starts etcd on the new
// host), promote it, move the leadership to it, remove a member; and etcd's refusals.

import { describe, expect, it } from 'vitest';
import { checkTrace } from '../../check';
import type { EtcdMemberView } from '../../protocol/frames';
import { etcdctl, eventsOf, kubeCluster, output, runUntilTrue } from '../../host/testing/cluster';
import type { InProcessCluster } from '../../host/in-process';
import { memberHexId } from '../ids';
import { CLUSTER_ID } from '../etcdctl/member-command';

const cluster = (seed = 7) => kubeCluster(`name: m\nseed: ${seed}\nuntil: 10m\ntopology: { etcd: stacked, masters: 3, kubernetes: false }\n`);

function view(c: InProcessCluster, machine: string): EtcdMemberView | undefined {
  return c.views().get(machine)?.processes['etcd'] as EtcdMemberView | undefined;
}
const leaderMachine = (c: InProcessCluster) => [...c.views()].find(([, v]) => (v.processes['etcd'] as EtcdMemberView | undefined)?.role === 'leader')?.[0];

describe('etcd membership changes', () => {
  it('add a learner, promote it, move the leadership to it, remove a member; every check holds', () => {
    const c = cluster();
    c.runUntil(3000);
    etcdctl(c, 'etcdctl put before-join 1');

    const add = etcdctl(c, 'etcdctl member add etcd-4 --peer-urls=https://etcd-4:2380 --learner');
    expect(output(add)).toContain(`Member ${memberHexId('etcd-4')} added to cluster ${CLUSTER_ID}`);
    expect(output(add)).toContain('ETCD_INITIAL_CLUSTER="etcd-1=https://master-1:2380,etcd-2=https://master-2:2380,etcd-3=https://master-3:2380,etcd-4=https://etcd-4:2380"');
    expect(output(add)).toContain('ETCD_INITIAL_CLUSTER_STATE="existing"');
    // The simulator starts etcd on the new host; it catches up as a learner.
    expect(runUntilTrue(c, () => (view(c, 'etcd-4')?.applied ?? 0) >= (view(c, 'master-1')?.applied ?? Infinity), 10_000)).toBe(true);
    expect(view(c, 'etcd-4')!.learner).toBe(true);
    expect(view(c, 'etcd-4')!.role).toBe('follower');
    expect(output(etcdctl(c, 'etcdctl get before-join --endpoints=etcd-4:2379 --consistency=s'))).toBe('before-join\n1');
    expect(output(etcdctl(c, 'etcdctl member list'))).toMatch(/etcd-4, https:\/\/etcd-4:2380, https:\/\/etcd-4:2379, true/);

    // One learner at most; a voter cannot be "promoted".
    expect(output(etcdctl(c, 'etcdctl member add etcd-5 --peer-urls=https://etcd-5:2380 --learner'))).toBe('Error: etcdserver: too many learner members in cluster');
    expect(output(etcdctl(c, `etcdctl member promote ${memberHexId('etcd-1')}`))).toBe('Error: etcdserver: can only promote a learner member');
    expect(output(etcdctl(c, 'etcdctl member add etcd-9 --peer-urls=https://master-2:2380'))).toBe('Error: etcdserver: Peer URLs already exists');

    expect(output(etcdctl(c, `etcdctl member promote ${memberHexId('etcd-4')}`))).toBe(`Member ${memberHexId('etcd-4')} promoted in cluster ${CLUSTER_ID}`);
    c.runUntil(c.sim.now + 500);
    expect(view(c, 'etcd-4')!.learner).toBeUndefined();

    // Leadership transfer to the new member.
    const from = memberHexId(view(c, leaderMachine(c)!)!.member);
    expect(output(etcdctl(c, `etcdctl move-leader ${memberHexId('etcd-4')}`))).toBe(`Leadership transferred from ${from} to ${memberHexId('etcd-4')}`);
    expect(leaderMachine(c)).toBe('etcd-4');

    // Remove etcd-1: its member stops; the other three carry on.
    expect(output(etcdctl(c, `etcdctl member remove ${memberHexId('etcd-1')}`))).toBe(`Member ${memberHexId('etcd-1')} removed from cluster ${CLUSTER_ID}`);
    c.runUntil(c.sim.now + 2000);
    expect(view(c, 'master-1')!.removed).toBe(true);
    expect(output(etcdctl(c, 'etcdctl put after-remove 2 --endpoints=etcd-4:2379'))).toBe('OK');
    expect(output(etcdctl(c, 'etcdctl member list --endpoints=master-2:2379')).split('\n')).toHaveLength(3);

    const kinds = eventsOf(c, 'etcd.member').map((e) => `${e.action} ${e.target}`);
    expect(new Set(kinds)).toEqual(new Set(['add-learner etcd-4', 'promote etcd-4', 'remove etcd-1']));
    const report = checkTrace(c.sim.trace, { skip: ['pod-bound-once'] });
    expect(report.ok, report.checks.filter((x) => x.ok === false).map((x) => x.detail).join('\n')).toBe(true);
  });

  it('strict reconfiguration: no add that would leave the started members short of a quorum, no such remove either', () => {
    const c = cluster(8);
    c.runUntil(3000);
    const victim = ['master-1', 'master-2', 'master-3'].find((m) => m !== leaderMachine(c))!;
    c.sim.apply({ kind: 'kill', target: victim });
    c.runUntil(c.sim.now + 3000);
    // 2 of 3 started: a 4th voter would need 3 started.
    expect(output(etcdctl(c, 'etcdctl member add etcd-4 --peer-urls=https://etcd-4:2380'))).toBe('Error: etcdserver: unhealthy cluster');
    // Removing a started member would leave 1 started of 2.
    const other = ['master-1', 'master-2', 'master-3'].find((m) => m !== victim && m !== leaderMachine(c))!;
    expect(output(etcdctl(c, `etcdctl member remove ${memberHexId(view(c, other)!.member)}`))).toBe('Error: etcdserver: re-configuration failed due to not enough started members');
    // Removing the dead one is fine, and leaves a healthy two-member cluster.
    const dead = `etcd-${victim.slice(-1)}`;
    expect(output(etcdctl(c, `etcdctl member remove ${memberHexId(dead)}`))).toContain('removed from cluster');
    expect(output(etcdctl(c, 'etcdctl put k v'))).toBe('OK');
    expect(output(etcdctl(c, 'etcdctl member remove 0000000000000001'))).toBe('Error: etcdserver: member not found');
    expect(output(etcdctl(c, 'etcdctl move-leader zz'))).toMatch(/^Error: bad member ID arg/);
  });

  it('a learner that lags (cut off from the cluster) cannot be promoted until it catches up', () => {
    const c = cluster(9);
    c.runUntil(3000);
    expect(output(etcdctl(c, 'etcdctl member add etcd-4 --peer-urls=https://etcd-4:2380 --learner'))).toContain('added to cluster');
    expect(runUntilTrue(c, () => view(c, 'etcd-4')?.learner === true, 10_000)).toBe(true);
    c.sim.apply({ kind: 'isolate', target: 'etcd-4' });
    // Enough writes that its match falls below 90 % of the leader's last index.
    const last = view(c, leaderMachine(c)!)!.lastIndex;
    for (let i = 0; i < Math.ceil(last / 5) + 2; i++) expect(output(etcdctl(c, `etcdctl put k${i} v`))).toBe('OK');
    const promote = `etcdctl member promote ${memberHexId('etcd-4')}`;
    expect(output(etcdctl(c, promote))).toBe('Error: etcdserver: can only promote a learner member which is in sync with leader');
    c.sim.apply({ kind: 'heal' });
    expect(runUntilTrue(c, () => (view(c, 'etcd-4')?.applied ?? 0) >= view(c, leaderMachine(c)!)!.applied, 10_000)).toBe(true);
    expect(output(etcdctl(c, promote))).toContain('promoted in cluster');
  });

  it('a member nobody starts stays unstarted in member list: etcd knows only its peer URL', () => {
    const c = kubeCluster('name: m\nseed: 10\nuntil: 10m\ntopology: { etcd: stacked, masters: 3, workers: 1, kubernetes: false }\n');
    c.runUntil(3000);
    // The client and the load balancer are refused outright (nothing could start there).
    expect(output(etcdctl(c, 'etcdctl member add etcd-9 --peer-urls=https://client:2380 --learner'))).toMatch(/^Error: client is the console's machine, which runs no etcd/);
    expect(output(etcdctl(c, 'etcdctl member add etcd-9 --peer-urls=https://lb:2380'))).toMatch(/^Error: lb is the load balancer, which runs no etcd/);
    // A worker keeps its own processes: nobody starts the member there.
    const add = output(etcdctl(c, 'etcdctl member add etcd-9 --peer-urls=https://worker-1:2380 --learner'));
    expect(add).toContain('ETCD_INITIAL_CLUSTER="etcd-1=https://master-1:2380,etcd-2=https://master-2:2380,etcd-3=https://master-3:2380,etcd-9=https://worker-1:2380"');
    c.runUntil(c.sim.now + 2000);
    const list = output(etcdctl(c, 'etcdctl member list')).split('\n');
    expect(list).toContain(`${memberHexId('etcd-9')}, unstarted, , https://worker-1:2380, , true`);
    expect(list.filter((l) => l.includes(', started, '))).toHaveLength(3);
  });
});
