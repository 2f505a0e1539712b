import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../protocol/trace';
import { MarkerBook, markerOf } from './timeline-markers';

const ev = (e: TraceEvent) => e;

describe('timeline markers', () => {
  it('marks faults, new leaders with their term, lease hand-overs (not renewals, not node leases), readiness, evictions, restores, crashes', () => {
    const holders = new Map<string, string>();
    expect(markerOf(ev({ t: 1, type: 'fault', action: 'kill', target: 'master-2', via: 'ui' }), holders)).toEqual({ kind: 'fault', label: 'kill master-2' });
    expect(markerOf(ev({ t: 1, type: 'raft.role', member: 'etcd-3', role: 'leader', term: 4 }), holders)).toEqual({ kind: 'leader', label: 'etcd-3 became leader (term 4)' });
    expect(markerOf(ev({ t: 1, type: 'raft.role', member: 'etcd-3', role: 'candidate', term: 4 }), holders)).toBeUndefined();
    const lease = ev({ t: 1, type: 'lease.holder', lease: 'kube-system/kube-scheduler', holder: 'master-1' });
    expect(markerOf(lease, holders)).toEqual({ kind: 'lease', label: 'kube-system/kube-scheduler lease → master-1' });
    expect(markerOf(lease, holders)).toBeUndefined();
    expect(markerOf(ev({ t: 1, type: 'lease.holder', lease: 'kube-node-lease/worker-1', holder: 'worker-1' }), holders)).toBeUndefined();
    expect(markerOf(ev({ t: 1, type: 'node.ready', node: 'worker-2', ready: false }), holders)).toEqual({ kind: 'node', label: 'worker-2 NotReady' });
    expect(markerOf(ev({ t: 1, type: 'k8s.event', object: 'Pod/default/web-1', reason: 'TaintManagerEviction', message: 'm', eventType: 'Normal', source: 's' }), holders)?.kind).toBe('eviction');
    expect(markerOf(ev({ t: 1, type: 'etcd.restore', file: 'snap.db', revision: 9, members: [], hosts: [], index: 3 }), holders)?.kind).toBe('restore');
    expect(markerOf(ev({ t: 1, type: 'process.crash', machine: 'm', process: 'p', error: 'boom' }), holders)?.kind).toBe('violation');
    expect(markerOf(ev({ t: 1, type: 'machine.up', machine: 'm' }), holders)).toBeUndefined();
  });

  it('re-scanning events it has seen adds nothing; a cut drops the markers of events at or after it and rescans from there', () => {
    const trace: TraceEvent[] = [
      { t: 10, type: 'fault', action: 'kill', target: 'a' },
      { t: 20, type: 'lease.holder', lease: 'kube-system/x', holder: 'm1' },
      { t: 30, type: 'fault', action: 'kill', target: 'b' },
      { t: 40, type: 'lease.holder', lease: 'kube-system/x', holder: 'm2' },
    ];
    const book = new MarkerBook();
    book.scan(trace, 0, 0);
    expect(book.list.map((m) => m.at)).toEqual([10, 20, 30, 40]);
    const v = book.version;
    book.scan(trace.slice(0, 3), 0, 0); // a re-execution of the same run
    expect(book.version).toBe(v);
    book.cut(2);
    expect(book.list.map((m) => m.at)).toEqual([10, 20]);
    // The forked run: m1 still holds the lease, so m1 again is no hand-over.
    book.scan([...trace.slice(0, 2), { t: 25, type: 'lease.holder', lease: 'kube-system/x', holder: 'm1' }, { t: 26, type: 'fault', action: 'heal' }], 2, 0);
    expect(book.list.map((m) => m.label)).toEqual(['kill a', 'kube-system/x lease → m1', 'heal']);
    // Positions carry over a trimmed front (base = events dropped).
    book.scan([{ t: 50, type: 'node.ready', node: 'w', ready: true }], 0, 4);
    expect(book.list.at(-1)!.label).toBe('w Ready');
    book.note(55, 'violation', 'check failed: linearizability', 5);
    book.note(56, 'violation', 'check failed: linearizability', 6);
    expect(book.list.filter((x) => x.kind === 'violation')).toHaveLength(1);
    book.cut(5);
    expect(book.list.some((x) => x.kind === 'violation')).toBe(false);
  });
});
