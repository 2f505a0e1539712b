// Port of etcd-io/raft raft_snap_test.go: the leader's snapshot state for a follower whose
// entries were compacted away, and the host's MsgSnapStatus report (issue 10).

import { describe, expect } from 'vitest';
import { becomeCandidate, becomeLeader, entry, inflightCount, msg, msgAppFlowPaused, newTestMemoryStorage, newTestRaft, progress, readMessages, restore, snapshot } from '../testing/etcd-harness';
import { etcdTest } from '../testing/etcd-test';

const testingSnap = snapshot(11, 11, [1, 2]); // magic numbers

describe('raft_snap_test.go', () => {
  etcdTest('TestSendingSnapshotSetPendingSnapshot', () => {
    const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1]));
    restore(sm, testingSnap);
    becomeCandidate(sm);
    becomeLeader(sm);
    // force set the next of node 2, so that node 2 needs a snapshot
    progress(sm, 2).next = sm.log.firstIndex();
    sm.step(msg({ from: 2, to: 1, type: 'MsgAppResp', index: progress(sm, 2).next - 1, reject: true }));
    expect(progress(sm, 2).pendingSnapshot).toBe(11);
  });

  etcdTest('TestPendingSnapshotPauseReplication', () => {
    const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
    restore(sm, testingSnap);
    becomeCandidate(sm);
    becomeLeader(sm);
    progress(sm, 2).becomeSnapshot(11);
    sm.step(msg({ from: 1, to: 1, type: 'MsgProp', entries: [entry({ data: 'somedata' })] }));
    expect(readMessages(sm)).toEqual([]);
  });

  // The host reports the snapshot send failed (etcd ReportSnapshot(failure)): probe again
  // from the start, paused until the next heartbeat response.
  etcdTest('TestSnapshotFailure', () => {
    const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
    restore(sm, testingSnap);
    becomeCandidate(sm);
    becomeLeader(sm);
    progress(sm, 2).next = 1;
    progress(sm, 2).becomeSnapshot(11);
    sm.step(msg({ from: 2, to: 1, type: 'MsgSnapStatus', reject: true }));
    expect(progress(sm, 2).pendingSnapshot).toBe(0);
    expect(progress(sm, 2).next).toBe(1);
    expect(msgAppFlowPaused(progress(sm, 2))).toBe(true);
  });

  // The host reports the snapshot arrived: probe from just after it.
  etcdTest('TestSnapshotSucceed', () => {
    const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
    restore(sm, testingSnap);
    becomeCandidate(sm);
    becomeLeader(sm);
    progress(sm, 2).next = 1;
    progress(sm, 2).becomeSnapshot(11);
    sm.step(msg({ from: 2, to: 1, type: 'MsgSnapStatus', reject: false }));
    expect(progress(sm, 2).pendingSnapshot).toBe(0);
    expect(progress(sm, 2).next).toBe(12);
    expect(msgAppFlowPaused(progress(sm, 2))).toBe(true);
  });

  etcdTest('TestSnapshotAbort', () => {
    const sm = newTestRaft(1, 10, 1, newTestMemoryStorage([1, 2]));
    restore(sm, testingSnap);
    becomeCandidate(sm);
    becomeLeader(sm);
    progress(sm, 2).next = 1;
    progress(sm, 2).becomeSnapshot(11);
    // A successful MsgAppResp at or above the pending snapshot aborts it.
    sm.step(msg({ from: 2, to: 1, type: 'MsgAppResp', index: 11 }));
    expect(progress(sm, 2).pendingSnapshot).toBe(0);
    // The follower entered replicate and the leader sent its no-op (index 12) at once,
    // updating next optimistically: 13, with one MsgApp in flight.
    expect(progress(sm, 2).next).toBe(13);
    expect(inflightCount(progress(sm, 2))).toBe(1);
  });
});
