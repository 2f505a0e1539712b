import { describe, expect, it } from 'vitest';
import { entryText, narrate } from './narrate';

describe('narrate', () => {
  it('tells elections as sentences', () => {
    expect(narrate({ t: 1, type: 'raft.role', member: 'etcd-2', role: 'candidate', term: 4 }, { prevRole: 'follower' })?.text).toBe('etcd-2 timed out and started an election for term 4');
    expect(narrate({ t: 1, type: 'raft.role', member: 'etcd-2', role: 'candidate', term: 4 }, { prevRole: 'precandidate' })?.text).toBe('etcd-2 won the pre-vote and started an election for term 4');
    expect(narrate({ t: 1, type: 'raft.vote', member: 'etcd-1', for: 'etcd-2', term: 4, pre: false })?.text).toBe('etcd-1 voted for etcd-2 in term 4');
    expect(narrate({ t: 1, type: 'raft.role', member: 'etcd-2', role: 'leader', term: 4 }, { prevRole: 'candidate' })?.text).toBe('etcd-2 won the election and leads term 4');
    expect(narrate({ t: 1, type: 'raft.note', member: 'etcd-3', term: 4, note: 'checkquorum' })?.text).toBe('etcd-3 stepped down: it lost contact with a quorum');
  });

  it('says who a follower follows, and when a leader steps down', () => {
    expect(narrate({ t: 1, type: 'raft.role', member: 'etcd-1', role: 'follower', term: 4, lead: 'etcd-2' }, { prevRole: 'candidate' })?.text).toBe('etcd-1 follows etcd-2 in term 4');
    expect(narrate({ t: 1, type: 'raft.role', member: 'etcd-1', role: 'follower', term: 5 }, { prevRole: 'leader' })?.text).toContain('stepped down');
    expect(narrate({ t: 1, type: 'raft.role', member: 'etcd-1', role: 'follower', term: 1 })?.text).toBe('etcd-1 started as a follower in term 1');
  });

  it('summarises an applied entry once, when first applied', () => {
    const ev = { t: 1, type: 'raft.apply' as const, member: 'etcd-1', index: 7, term: 3, data: 'put k1=v3' };
    expect(narrate(ev, { firstApply: true })).toEqual({ text: 'entry 7 committed: put k1=v3', kind: 'commit' });
    expect(narrate(ev, { firstApply: false })).toBeNull();
  });

  it("reads the stand-in etcd's JSON entries", () => {
    expect(entryText(JSON.stringify({ op: { f: 'put', key: 'k1', value: 'v3' }, from: 'client:1', id: 1 }))).toBe('put k1=v3');
    expect(entryText(JSON.stringify({ op: { f: 'get', key: 'k1' } }))).toBe('get k1');
    expect(entryText('')).toBe('no-op');
  });

  it("tells a client's throttling in client-go's words, with who waited", () => {
    const message = 'Waited for 1.064s due to client-side throttling, not priority and fairness, request: POST:https://master-1:6443/api/v1/namespaces/default/pods';
    expect(narrate({ t: 9000, type: 'client.throttled', machine: 'master-1', process: 'kube-controller-manager', client: 'replicaset-controller', waitedMs: 1064, message }, {})).toEqual({
      text: `kube-controller-manager on master-1, replicaset-controller client: ${message}`,
      kind: 'kube',
    });
  });

  it('tells faults and machines', () => {
    expect(narrate({ t: 1, type: 'fault', action: 'kill', target: 'master-2', via: 'etcd-leader' })?.text).toBe('fault: master-2 (the etcd leader) was killed');
    expect(narrate({ t: 1, type: 'fault', action: 'partition', groups: [['master-1'], ['master-2', 'master-3']] })?.text).toBe('fault: the network split into [master-1] | [master-2, master-3]');
    expect(narrate({ t: 1, type: 'machine.down', machine: 'master-2' })).toEqual({ text: 'master-2 is down', kind: 'machine' });
    expect(narrate({ t: 1, type: 'machine.up', machine: 'master-2' })?.kind).toBe('machine');
  });

  it("tells the UI client's kv results, not the workload's", () => {
    expect(narrate({ t: 1, type: 'kv.fail', process: 'console', id: 1, error: 'etcdserver: no leader' })?.text).toBe('your request failed: etcdserver: no leader');
    expect(narrate({ t: 1, type: 'kv.ok', process: 'kv-1', id: 1 })).toBeNull();
    expect(narrate({ t: 1, type: 'raft.commit', member: 'etcd-1', index: 3, term: 2 })).toBeNull();
  });
});
