// Leases with a TTL (etcdctl lease grant / keep-alive / timetolive / revoke): keys
// attached to a lease vanish when only the leader expires it; keep-alive holds it; a new
// leader extends every lease instead of expiring them early.

import { describe, expect, it } from 'vitest';
import { parseScenario, simulationInit } from '../../cluster/scenario';
import { InProcessCluster } from '../../host/in-process';
import { etcdctl, output } from '../../host/testing/cluster';

const cluster = () => {
  const c = new InProcessCluster(simulationInit(parseScenario('name: l\nseed: 6\nuntil: 10m\ntopology: { masters: 3, kubernetes: false }\n')));
  c.runUntil(3_000);
  return c;
};

function grant(c: InProcessCluster, ttl: number): string {
  const out = output(etcdctl(c, `etcdctl lease grant ${ttl}`));
  const m = /^lease ([0-9a-f]{16}) granted with TTL\((\d+)s\)$/.exec(out);
  expect(m, out).not.toBeNull();
  return m![1]!;
}

describe('leases', () => {
  it('a key with a lease disappears when the leader expires the lease; the TTL never goes below 2 s', () => {
    const c = cluster();
    expect(output(etcdctl(c, 'etcdctl lease grant 1'))).toMatch(/granted with TTL\(2s\)$/);
    const id = grant(c, 5);
    expect(output(etcdctl(c, `etcdctl put session alive --lease=${id}`))).toBe('OK');
    expect(output(etcdctl(c, `etcdctl lease timetolive ${id} --keys`))).toMatch(new RegExp(`^lease ${id} granted with TTL\\(5s\\), remaining\\([45]s\\), attached keys\\(\\[session\\]\\)$`));
    expect(output(etcdctl(c, 'etcdctl lease list'))).toContain(id);
    c.runUntil(c.sim.now + 6_000);
    expect(output(etcdctl(c, 'etcdctl get session'))).toBe('');
    expect(output(etcdctl(c, `etcdctl lease timetolive ${id}`))).toBe(`lease ${id} already expired`);
    // Revoked through Raft: every member applied the same revoke.
    const revokes = c.sim.trace.filter((e) => e.type === 'raft.apply' && e.data.startsWith(`lease revoke ${id}`));
    expect(revokes).toHaveLength(3);
    expect(output(etcdctl(c, `etcdctl put other x --lease=${id}`))).toBe('Error: etcdserver: requested lease not found');
  });

  it('keep-alive holds a lease; revoke deletes its keys at once', () => {
    const c = cluster();
    const id = grant(c, 3);
    expect(output(etcdctl(c, `etcdctl put lock me --lease=${id}`))).toBe('OK');
    const kept = output(etcdctl(c, `etcdctl lease keep-alive ${id}`, 30_000));
    expect(kept.split('\n').filter((l) => l === `lease ${id} keepalived with TTL(3)`).length).toBeGreaterThanOrEqual(8);
    expect(output(etcdctl(c, 'etcdctl get lock --print-value-only'))).toBe('me');
    expect(output(etcdctl(c, `etcdctl lease revoke ${id}`))).toBe(`lease ${id} revoked`);
    expect(output(etcdctl(c, 'etcdctl get lock'))).toBe('');
  });

  it('a new leader extends every lease rather than expiring it early', () => {
    const c = cluster();
    const id = grant(c, 10);
    expect(output(etcdctl(c, `etcdctl put k v --lease=${id}`))).toBe('OK');
    c.runUntil(c.sim.now + 6_000);
    const leader = c.sim.etcdLeader()!.host;
    c.sim.inject({ kind: 'kill', target: leader }, 'test');
    // 6 s into a 10 s lease the leader dies; the next leader restarts the 10 s.
    c.runUntil(c.sim.now + 7_000);
    expect(output(etcdctl(c, 'etcdctl get k --print-value-only'))).toBe('v');
    c.runUntil(c.sim.now + 8_000);
    expect(output(etcdctl(c, 'etcdctl get k'))).toBe('');
  });
});
