import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../protocol/trace';
import { checkNames, checkTrace, formatReport } from '.';
import { kvTrace, registerHistory, seeded } from './testing/traces';

const raftOk: TraceEvent[] = [
  { t: 0, type: 'raft.role', member: 'etcd-1', role: 'leader', term: 5 },
  { t: 1, type: 'raft.apply', member: 'etcd-1', index: 1, term: 5, data: '' },
  { t: 2, type: 'raft.apply', member: 'etcd-2', index: 1, term: 5, data: '' },
];

describe('checkTrace', () => {
  it('runs every check and passes a healthy trace', () => {
    const trace = [...raftOk, ...kvTrace(registerHistory({ ops: 200, keys: 2, clients: 3, infoPerMille: 50 }, seeded(4)))];
    const report = checkTrace(trace);
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => c.name)).toEqual(checkNames);
    expect(report.checks.find((c) => c.name === 'linearizability')?.detail).toMatch(/operations on 2 key\(s\): linearizable/);
  });

  it('names the failing check in words a student can read', () => {
    const report = checkTrace([...raftOk, { t: 3, type: 'raft.role', member: 'etcd-3', role: 'leader', term: 5 }]);
    expect(report.ok).toBe(false);
    const failed = report.checks.filter((c) => c.ok === false);
    expect(failed.map((c) => c.name)).toEqual(['election-safety']);
    expect(failed[0].detail).toBe('two leaders in term 5: etcd-1 (since 0ms) and etcd-3 (at 3ms).');
    expect(formatReport(report)).toContain('FAIL election-safety: two leaders in term 5');
  });

  it('reports a stale read through both KV checks, with the offending op for a timeline', () => {
    const report = checkTrace(kvTrace([
      { p: 'c1', f: 'put', key: 'k1', value: 'old', at: [0, 5] },
      { p: 'c1', f: 'put', key: 'k1', value: 'new', at: [10, 15] },
      { p: 'c2', f: 'get', key: 'k1', out: 'old', at: [20, 25] },
    ]));
    expect(report.checks.filter((c) => c.ok === false).map((c) => c.name)).toEqual(['linearizability', 'no-acked-write-lost']);
    expect(report.linearizability?.failure?.op).toMatchObject({ process: 'c2', invokeT: 20, returnT: 25 });
    expect(report.ackedWrites?.violations[0].message).toContain('overwritten by c1 put k1="new" [10ms..15ms]');
  });

  it('does not fail the run when the search runs out of budget, and honours skip', () => {
    const trace = kvTrace(registerHistory({ ops: 50, keys: 1, clients: 3 }, seeded(2)));
    const report = checkTrace(trace, { maxStepsPerKey: 3, skip: ['no-acked-write-lost'] });
    expect(report.ok).toBe(true);
    expect(report.checks.find((c) => c.name === 'linearizability')?.ok).toBe('unknown');
    expect(report.checks.some((c) => c.name === 'no-acked-write-lost')).toBe(false);
  });

  it('fails kv-history on a malformed pairing', () => {
    const report = checkTrace([{ t: 0, type: 'kv.info', process: 'c1', id: 9, error: 'x' }]);
    expect(report.checks.find((c) => c.name === 'kv-history')).toMatchObject({ ok: false });
  });
});
