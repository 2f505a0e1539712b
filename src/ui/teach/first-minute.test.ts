import { describe, expect, it } from 'vitest';
import { tryOffers, type ClusterPicture } from './first-minute';

const up = (name: string, kind: 'master' | 'worker' | 'lb' | 'client') => ({ name, kind, up: true });

const single: ClusterPicture = {
  machines: [up('master-1', 'master'), up('worker-1', 'worker'), up('worker-2', 'worker'), up('lb', 'lb'), up('client', 'client')],
  roles: { 'master-1': 'leader' },
  schedulerHolder: 'master-1',
  podsOn: { 'worker-1': 1, 'worker-2': 2 },
};

const ha: ClusterPicture = {
  machines: [up('master-1', 'master'), up('master-2', 'master'), up('master-3', 'master'), up('worker-1', 'worker'), up('worker-2', 'worker'), up('worker-3', 'worker'), up('lb', 'lb')],
  roles: { 'master-1': 'follower', 'master-2': 'leader', 'master-3': 'follower' },
  schedulerHolder: 'master-3',
  podsOn: { 'worker-1': 1, 'worker-2': 1, 'worker-3': 1 },
};

const byAction = (p: ClusterPicture) => Object.fromEntries(tryOffers(p).map((o) => [o.action, o]));

describe('Try this', () => {
  it('on one master: names the etcd leader and the busiest worker; the lease and quorum demos ask for HA', () => {
    const o = byAction(single);
    expect(o['kill-etcd-leader']!.kill).toEqual(['master-1']);
    expect(o['kill-etcd-leader']!.label).toContain('master-1');
    expect(o['kill-worker']!.kill).toEqual(['worker-2']);
    expect(o['kill-scheduler-leader']!.needsHa).toBe(true);
    expect(o['lose-quorum']!.needsHa).toBe(true);
  });

  it('on HA: the leader and the lease holder are different machines, each named; quorum loss kills two followers', () => {
    const o = byAction(ha);
    expect(o['kill-etcd-leader']!.kill).toEqual(['master-2']);
    expect(o['kill-scheduler-leader']!.kill).toEqual(['master-3']);
    expect(o['kill-scheduler-leader']!.label).toContain('master-3');
    expect(o['lose-quorum']!.kill).toEqual(['master-1', 'master-3']);
    expect(o['kill-worker']!.kill).toEqual(['worker-3']);
  });

  it('with one member already down, losing quorum needs one more', () => {
    const p: ClusterPicture = { ...ha, machines: ha.machines.map((m) => (m.name === 'master-1' ? { ...m, up: false } : m)), roles: { 'master-2': 'leader', 'master-3': 'follower' } };
    expect(byAction(p)['lose-quorum']!.kill).toEqual(['master-3']);
  });

  it('says why an offer waits: no leader yet', () => {
    const o = byAction({ ...ha, roles: { 'master-1': 'candidate', 'master-2': 'follower', 'master-3': 'follower' } });
    expect(o['kill-etcd-leader']!.kill).toEqual([]);
    expect(o['kill-etcd-leader']!.waiting).toMatch(/no etcd leader/);
  });
});
