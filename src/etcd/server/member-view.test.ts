// The election timer a member's view carries for its card (RaftScope's arc).

import { describe, expect, it } from 'vitest';
import { parseScenario, simulationInit } from '../../cluster/scenario';
import { InProcessCluster } from '../../host/in-process';
import type { EtcdMemberView } from '../../protocol/frames';

const hosts = ['master-1', 'master-2', 'master-3'];

describe('member view: the election timer', () => {
  it('followers show elapsed ms of a randomized timeout in [1000, 2000); it grows once the leader is gone; a leader has none', () => {
    const c = new InProcessCluster(simulationInit(parseScenario('name: t\nseed: 11\nuntil: 1m\ntopology: { etcd: stacked, masters: 3, kubernetes: false }\n')));
    c.runUntil(3000);
    const view = (h: string) => c.views().get(h)!.processes['etcd'] as EtcdMemberView;
    const leader = hosts.find((h) => view(h).role === 'leader')!;
    expect(view(leader).electionTimer).toBeUndefined();
    const followers = hosts.filter((h) => h !== leader);
    for (const h of followers) {
      const t = view(h).electionTimer!;
      expect(t.timeoutMs).toBeGreaterThanOrEqual(1000);
      expect(t.timeoutMs).toBeLessThan(2000);
      expect(t.elapsedMs).toBeLessThanOrEqual(200); // heartbeats reset it every 100 ms
      expect(t.tickAt).toBeLessThanOrEqual(c.sim.now);
      expect(t.tickAt).toBeGreaterThan(c.sim.now - 100);
    }
    c.sim.apply({ kind: 'kill', target: leader });
    c.runUntil(c.sim.now + 900);
    for (const h of followers) expect(view(h).electionTimer!.elapsedMs).toBeGreaterThanOrEqual(700);
  });
});

describe('member view: the log', () => {
  it('shows the newest entries, each as the same object from one view to the next while the entry is the same', () => {
    const c = new InProcessCluster(simulationInit(parseScenario('name: t\nseed: 3\nuntil: 1m\ntopology: { etcd: stacked, masters: 3, kubernetes: false }\nworkload: { clients: 2, rate: 20/s }\n')));
    c.runUntil(5000);
    const view = () => c.views().get('master-1')!.processes['etcd'] as EtcdMemberView;
    const a = view();
    c.runUntil(5200);
    const b = view();
    expect(a.log.length).toBeGreaterThan(0);
    expect(b.log.at(-1)!.index).toBeGreaterThan(a.log.at(-1)!.index);
    for (const e of b.log) {
      expect(e.text).not.toBe('');
      const before = a.log.find((x) => x.index === e.index);
      if (before) expect(e).toBe(before);
    }
    expect(b.log.some((e) => a.log.some((x) => x.index === e.index))).toBe(true);
  });
});

describe('member view: an idle log', () => {
  it('is the same array from one view to the next while no entry was appended', () => {
    const c = new InProcessCluster(simulationInit(parseScenario('name: t\nseed: 3\nuntil: 1m\ntopology: { etcd: stacked, masters: 3, kubernetes: false }\n')));
    c.runUntil(5000);
    const view = () => c.views().get('master-1')!.processes['etcd'] as EtcdMemberView;
    const a = view();
    c.runUntil(6000);
    const b = view();
    expect(b).not.toBe(a); // windows ran: a new view
    expect(b.lastIndex).toBe(a.lastIndex);
    expect(a.log.length).toBeGreaterThan(0);
    expect(b.log).toBe(a.log);
  });
});
