import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../protocol/trace';
import { checkRaftSafety, inferTopology } from './raft-safety';

const role = (t: number, member: string, r: 'leader' | 'follower' | 'candidate', term: number): TraceEvent => ({ t, type: 'raft.role', member, role: r, term });
const apply = (t: number, member: string, index: number, term: number, data = `e${index}`): TraceEvent => ({ t, type: 'raft.apply', member, index, term, data });
const down = (t: number, machine: string): TraceEvent => ({ t, type: 'machine.down', machine });
const up = (t: number, machine: string): TraceEvent => ({ t, type: 'machine.up', machine });

/** Three members elect etcd-1 in term 2 and all apply indexes 1..n. */
function healthy(n = 3): TraceEvent[] {
  const evs: TraceEvent[] = [role(0, 'etcd-1', 'candidate', 2), role(1, 'etcd-1', 'leader', 2), role(1, 'etcd-2', 'follower', 2), role(1, 'etcd-3', 'follower', 2)];
  for (let i = 1; i <= n; i++) for (const m of ['etcd-1', 'etcd-2', 'etcd-3']) evs.push(apply(10 * i, m, i, 2));
  return evs;
}

const checksFailed = (evs: TraceEvent[], opts = {}) => [...new Set(checkRaftSafety(evs, opts).violations.map((v) => v.check))];

describe('§5.2 Election Safety', () => {
  it('accepts one leader per term, including the same member re-announcing', () => {
    const r = checkRaftSafety([...healthy(), role(50, 'etcd-1', 'leader', 2), role(60, 'etcd-2', 'leader', 3)]);
    expect(r.ok).toBe(true);
    expect(r.leaders).toEqual([{ term: 2, member: 'etcd-1', t: 1 }, { term: 3, member: 'etcd-2', t: 60 }]);
  });

  it('rejects two leaders in one term and names them', () => {
    const r = checkRaftSafety([...healthy(), role(40, 'etcd-3', 'leader', 2)]);
    expect(r.ok).toBe(false);
    expect(r.violations[0]).toMatchObject({ check: 'election-safety', term: 2, members: ['etcd-1', 'etcd-3'] });
    expect(r.violations[0].message).toContain('two leaders in term 2: etcd-1');
  });

  it('rejects a term that goes backwards', () => {
    expect(checksFailed([role(0, 'etcd-1', 'follower', 5), role(9, 'etcd-1', 'follower', 4)])).toEqual(['term-monotonic']);
  });
});

describe('§5.4.3 State Machine Safety', () => {
  it('rejects two members applying different entries at one index', () => {
    const evs = healthy(2);
    evs.push(apply(30, 'etcd-1', 3, 2, 'put k=a'), apply(31, 'etcd-2', 3, 2, 'put k=b'));
    const r = checkRaftSafety(evs);
    expect(r.violations.map((v) => v.check)).toEqual(['state-machine-safety']);
    expect(r.violations[0].message).toContain('divergent logs at index 3');
  });

  it('rejects the same data at one index with a different term', () => {
    const evs = healthy(2);
    evs.push(role(25, 'etcd-2', 'leader', 3), apply(30, 'etcd-1', 3, 2, 'x'), apply(31, 'etcd-2', 3, 3, 'x'));
    expect(checksFailed(evs)).toEqual(['state-machine-safety']);
  });

  it('rejects a member that applies something else at an index after a restart', () => {
    const evs = [...healthy(3), down(40, 'master-2'), up(50, 'master-2'), apply(60, 'etcd-2', 1, 2), apply(61, 'etcd-2', 2, 2, 'other')];
    expect(checksFailed(evs)).toEqual(['state-machine-safety']);
  });
});

describe('apply order and restarts', () => {
  it('accepts a stacked member replaying from index 1 after its master restarts', () => {
    const evs = [...healthy(3), down(40, 'master-3'), up(50, 'master-3')];
    for (let i = 1; i <= 4; i++) evs.push(apply(60 + i, 'etcd-3', i, 2));
    evs.push(apply(70, 'etcd-1', 4, 2));
    expect(checkRaftSafety(evs).ok).toBe(true);
  });

  it('accepts an external member restarting on machine etcd-N (topology inferred)', () => {
    const evs = [...healthy(3), down(40, 'etcd-3'), up(50, 'etcd-3'), apply(60, 'etcd-3', 2, 2)];
    expect(inferTopology(evs)).toBe('external');
    expect(checkRaftSafety(evs).ok).toBe(true);
    // Under the stacked mapping the same trace is a replay without a restart.
    expect(checksFailed(evs, { topology: 'stacked' })).toEqual(['apply-order']);
  });

  it('accepts a custom member→machine mapping', () => {
    const evs = [...healthy(3), down(40, 'box-c'), up(50, 'box-c'), apply(60, 'etcd-3', 1, 2)];
    expect(checkRaftSafety(evs, { memberMachine: (m) => ({ 'etcd-3': 'box-c' })[m] ?? m }).ok).toBe(true);
  });

  it('rejects re-applying an index without a restart', () => {
    const r = checkRaftSafety([...healthy(3), apply(40, 'etcd-2', 3, 2)]);
    expect(r.violations[0].message).toBe('etcd-2 applied index 3 at 40ms but had already applied up to 3, without restarting in between.');
  });

  it('rejects a gap in applied indexes unless gaps are allowed or a snapshot explains it', () => {
    const evs = [...healthy(3), apply(40, 'etcd-1', 4, 2), apply(41, 'etcd-2', 6, 2)];
    expect(checkRaftSafety(evs).violations[0].message).toContain('skipped indexes 4..5');
    expect(checkRaftSafety(evs, { allowApplyGaps: true }).ok).toBe(true);
    const snap = { t: 40, type: 'raft.snapshot', member: 'etcd-2', index: 5, term: 2 } as unknown as TraceEvent;
    expect(checkRaftSafety([...healthy(3), apply(40, 'etcd-1', 4, 2), snap, apply(41, 'etcd-2', 6, 2)]).ok).toBe(true);
  });

  it('rejects applying while the machine is down', () => {
    const evs = [...healthy(3), down(40, 'master-1'), apply(45, 'etcd-1', 4, 2)];
    expect(checkRaftSafety(evs).violations[0].message).toBe('etcd-1 applied index 4 at 45ms while its machine master-1 was down.');
  });
});

describe('Leader Append-Only and Log Matching, as seen through applies', () => {
  it('accepts terms that rise along the log', () => {
    const evs = [...healthy(2), role(30, 'etcd-2', 'leader', 4), apply(40, 'etcd-2', 3, 4), apply(41, 'etcd-1', 3, 4)];
    expect(checkRaftSafety(evs).ok).toBe(true);
  });

  it('rejects a committed entry with a lower term than the one before it', () => {
    const evs = [role(0, 'etcd-1', 'leader', 2), role(5, 'etcd-2', 'leader', 3)];
    evs.push(apply(10, 'etcd-1', 1, 3), apply(11, 'etcd-1', 2, 2));
    const r = checkRaftSafety(evs);
    expect(r.violations.map((v) => v.check)).toEqual(['log-terms']);
    expect(r.violations[0].message).toContain('lower than term 3 of index 1');
  });

  it('rejects an entry from a term nobody led, but not bootstrap entries of term 1', () => {
    expect(checksFailed([apply(1, 'etcd-1', 1, 1), apply(2, 'etcd-1', 2, 7)])).toEqual(['log-terms']);
  });
});

describe('a restore from a snapshot starts a new cluster', () => {
  const restore = (t: number): TraceEvent => ({ t, type: 'etcd.restore', file: 'snap.db', revision: 7, members: ['etcd-1', 'etcd-2', 'etcd-3'], hosts: ['master-1', 'master-2', 'master-3'], index: 3 });
  /** After a restore at t=100: terms start over (etcd-2 leads term 2 again) and the log
   * goes on from index 4 with other entries than the old cluster's. */
  function restored(withRestore: boolean): TraceEvent[] {
    const evs = healthy(5);
    if (withRestore) evs.push(restore(100));
    for (const m of ['master-1', 'master-2', 'master-3']) evs.push(down(100, m), up(100, m));
    evs.push(role(110, 'etcd-2', 'leader', 2));
    for (const m of ['etcd-1', 'etcd-2', 'etcd-3']) evs.push(apply(120, m, 4, 2, 'new'));
    return evs;
  }

  it('accepts the new cluster\'s terms and log after the restore', () => {
    const r = checkRaftSafety(restored(true));
    expect(r.violations).toEqual([]);
    expect(r.leaders).toEqual([{ term: 2, member: 'etcd-1', t: 1 }, { term: 2, member: 'etcd-2', t: 110 }]);
  });

  it('without the restore event the same trace breaks election and state machine safety', () => {
    expect(checksFailed(restored(false)).sort()).toEqual(['election-safety', 'state-machine-safety']);
  });
});
