// The etcd member and its clients on a real simulated cluster (3 stacked members, the
// in-process host): elections, linearizable reads from every member, no quorum, the
// "no leader" answer, crash and restart from the disk, and etcdctl's output.

import { describe, expect, it } from 'vitest';
import { parseScenario, simulationInit } from '../../cluster/scenario';
import { InProcessCluster } from '../../host/in-process';
import type { EtcdMemberView } from '../../protocol/frames';
import type { CommandResult } from '../../sim/process';

function cluster(seed = 3): InProcessCluster {
  return new InProcessCluster(simulationInit(parseScenario(`name: t\nseed: ${seed}\nuntil: 10m\ntopology: { etcd: stacked, masters: 3, kubernetes: false }\n`)));
}

let nextId = 1;
/** Sends a console command and runs the sim until it is answered (or gives up). */
function ask(c: InProcessCluster, command: object, maxMs = 15_000): CommandResult {
  const id = nextId++;
  c.sim.command('client', 'console', id, command);
  const end = c.sim.now + maxMs;
  while (c.sim.now < end) {
    c.runUntil(c.sim.now + 50);
    const r = c.sim.takeReplies().find((x) => x.id === id);
    if (r) return r.result;
  }
  throw new Error(`no answer to ${JSON.stringify(command)}`);
}

function member(c: InProcessCluster, host: string): EtcdMemberView {
  return c.views().get(host)!.processes['etcd'] as EtcdMemberView;
}

const hosts = ['master-1', 'master-2', 'master-3'];
const leaderHost = (c: InProcessCluster) => hosts.find((h) => c.sim.isUp(h) && member(c, h).role === 'leader');

describe('etcd member', () => {
  it('elects a leader within 3 s; a put is read back, linearizably, through every member', () => {
    const c = cluster();
    c.runUntil(3000);
    expect(hosts.filter((h) => member(c, h).role === 'leader')).toHaveLength(1);
    expect(ask(c, { f: 'put', key: 'color', value: 'blue' })).toEqual({ ok: true, output: 'OK' });
    for (const endpoint of hosts) expect(ask(c, { f: 'get', key: 'color', endpoint })).toEqual({ ok: true, output: 'color\nblue' });
    const views = hosts.map((h) => member(c, h));
    expect(new Set(views.map((v) => v.revision))).toEqual(new Set([2]));
  });

  it('without a quorum, writes fail and reads fail; a member with no leader says so', () => {
    const c = cluster(4);
    c.runUntil(3000);
    const survivor = hosts.find((h) => h !== leaderHost(c))!;
    for (const h of hosts) if (h !== survivor) c.sim.apply({ kind: 'kill', target: h });
    c.runUntil(c.sim.now + 4000); // past its election timeout: it pre-votes, leaderless
    const put = ask(c, { f: 'put', key: 'k', value: 'v', endpoint: survivor });
    expect(put.ok).toBe(false);
    expect(put.ok === false && put.error).toBe('Error: etcdserver: no leader');
    const get = ask(c, { f: 'get', key: 'k', endpoint: survivor });
    expect(get.ok).toBe(false);
  });

  it('the console dials every member, as a fresh etcdctl does, and skips a dead one', () => {
    const c = cluster(6);
    c.runUntil(3000);
    // Kill the very member the console's client was talking to.
    const current = (c.views().get('client')!.processes['console'] as { endpoint: string }).endpoint;
    c.sim.apply({ kind: 'kill', target: current });
    c.runUntil(c.sim.now + 3000);
    expect(ask(c, { f: 'put', key: 'b', value: '2' })).toEqual({ ok: true, output: 'OK' });
    expect(ask(c, { line: 'etcdctl put c 3' })).toEqual({ ok: true, output: 'OK' });
    // With every member gone the dial itself times out, as etcdctl's does.
    for (const h of hosts) c.sim.apply({ kind: 'kill', target: h });
    const t0 = c.sim.now;
    expect(ask(c, { line: 'etcdctl get c' })).toEqual({ ok: false, error: 'Error: context deadline exceeded' });
    expect(c.sim.now - t0).toBeLessThan(3000);
  });

  it('a restarted member keeps its term, vote and data, rejoins as follower and catches up', () => {
    const c = cluster(5);
    c.runUntil(3000);
    ask(c, { f: 'put', key: 'a', value: '1' });
    const victim = leaderHost(c)!;
    const before = member(c, victim);
    c.sim.apply({ kind: 'kill', target: victim });
    c.runUntil(c.sim.now + 5000);
    expect(leaderHost(c)).toBeDefined();
    expect(ask(c, { f: 'put', key: 'b', value: '2' })).toEqual({ ok: true, output: 'OK' });
    c.sim.apply({ kind: 'restart', target: victim });
    c.runUntil(c.sim.now + 3000);
    const after = member(c, victim);
    expect(after.role).toBe('follower');
    expect(after.term).toBeGreaterThan(before.term);
    const other = member(c, leaderHost(c)!);
    expect(after.applied).toBe(other.applied);
    expect(ask(c, { line: `etcdctl get b --consistency=s --endpoints=${victim}:2379` })).toEqual({ ok: true, output: 'b\n2' });
  });

  it('etcdctl prints member list, endpoint status and health as the real one does', () => {
    const c = cluster(6);
    c.runUntil(3000);
    const list = ask(c, { line: 'etcdctl member list -w table' });
    expect(list.ok).toBe(true);
    const text = list.ok ? list.output : '';
    expect(text).toMatch(/\|\s+ID\s+\|\s+STATUS\s+\|\s+NAME\s+\|\s+PEER ADDRS\s+\|\s+CLIENT ADDRS\s+\|\s+IS LEARNER\s+\|/);
    expect(text).toMatch(/\| [0-9a-f]{16} \| started \| etcd-1 /);
    const status = ask(c, { line: 'etcdctl endpoint status --cluster -w table' });
    const st = status.ok ? status.output : '';
    expect(st).toContain('RAFT APPLIED INDEX');
    expect(st.split('\n').filter((l) => / true +\| false /.test(l))).toHaveLength(1); // one leader
    const health = ask(c, { line: 'etcdctl endpoint health' });
    expect(health.ok && health.output).toMatch(/https:\/\/master-1:2379 is healthy: successfully committed proposal: took = \d+ms/);
    expect(ask(c, { line: 'etcdctl put greeting "hello world"' })).toEqual({ ok: true, output: 'OK' });
    expect(ask(c, { line: 'etcdctl get greet --prefix' })).toEqual({ ok: true, output: 'greeting\nhello world' });
    expect(ask(c, { line: 'etcdctl frobnicate' })).toMatchObject({ ok: false, error: expect.stringContaining('unknown command "frobnicate" for "etcdctl"') });
    expect(ask(c, { line: 'etcdctl get k --bogus' })).toEqual({ ok: false, error: 'Error: unknown flag: --bogus' });
    expect(ask(c, { line: 'etcdctl compact 2' })).toEqual({ ok: true, output: 'compacted revision 2' });
    expect(ask(c, { line: 'etcdctl compact 2' })).toEqual({ ok: false, error: 'Error: etcdserver: mvcc: required revision has been compacted' });
    expect(ask(c, { line: 'etcdctl compact 999' })).toEqual({ ok: false, error: 'Error: etcdserver: mvcc: required revision is a future revision' });
  });
});
