import { describe, expect, it } from 'vitest';
import { Announcer, importance } from './announcer';

const leader = { text: 'etcd-2 won the election and leads term 3', kind: 'election' as const };
const down = { text: 'master-1 is down', kind: 'machine' as const };
const vote = { text: 'etcd-3 voted for etcd-2 in term 3', kind: 'vote' as const };
const lease = { text: 'LeaderElection: master-2 now holds the lease kube-system/kube-scheduler', kind: 'kube' as const };

describe('importance', () => {
  it('ranks what the issue names as key and leaves the routine at 0', () => {
    expect(importance(leader)).toBe(3);
    expect(importance(down)).toBe(3);
    expect(importance({ text: 'node worker-1 is NotReady', kind: 'kube' })).toBe(3);
    expect(importance({ text: 'check failed: at most one leader per term', kind: 'warning' })).toBe(3);
    expect(importance({ text: 'TaintManagerEviction (pod/web-1): Marking for deletion Pod default/web-1', kind: 'kube' })).toBe(2);
    expect(importance(lease)).toBe(1);
    expect(importance(vote)).toBe(0);
    expect(importance({ text: 'entry 7 committed: put a=1', kind: 'commit' })).toBe(0);
    expect(importance({ text: 'node worker-1 is Ready', kind: 'kube' })).toBe(0);
  });
});

describe('Announcer', () => {
  it('says nothing for routine lines', () => {
    const a = new Announcer(4000);
    a.offer(vote);
    expect(a.due(0)).toBeNull();
  });

  it('announces a key line at once, then waits the gap before the next', () => {
    const a = new Announcer(4000);
    a.offer(down);
    expect(a.due(1000)).toBe('master-1 is down.');
    a.offer(leader);
    expect(a.due(2000)).toBeNull();
    expect(a.due(4999)).toBeNull();
    expect(a.due(5000)).toBe('etcd-2 won the election and leads term 3.');
    expect(a.due(20000)).toBeNull();
  });

  it('folds a burst: the two most important in the order they happened, the rest counted', () => {
    const a = new Announcer(4000);
    a.offer(lease);
    a.offer(down);
    a.offer(vote);
    a.offer(leader);
    a.offer({ ...lease, text: 'LeaderElection: master-3 now holds the lease kube-system/kube-controller-manager' });
    expect(a.due(0)).toBe('master-1 is down. etcd-2 won the election and leads term 3. And 2 more events in the log.');
  });

  it('keeps at most a few held lines and counts the dropped ones', () => {
    const a = new Announcer(4000);
    for (let i = 0; i < 10; i++) a.offer({ ...lease, text: `LeaderElection: m${i} now holds the lease x` });
    a.offer(leader);
    const said = a.due(0)!;
    expect(said).toContain('leads term 3');
    expect(said).toMatch(/And 9 more events in the log\.$/);
  });
});
