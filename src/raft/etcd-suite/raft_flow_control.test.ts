// Port of etcd-io/raft raft_flow_control_test.go: the leader's window of MsgApps in flight
// to a follower in replicate state (maxInflightMsgs; etcd's byte-size limit is not modelled).

import { describe, expect } from 'vitest';
import { becomeCandidate, becomeLeader, entry, msg, newTestMemoryStorage, newTestRaft, progress, readMessages } from '../testing/etcd-harness';
import { etcdTest } from '../testing/etcd-test';

const propose = () => msg({ from: 1, to: 1, type: 'MsgProp', entries: [entry({ data: 'somedata' })] });

describe('raft_flow_control_test.go', () => {
  // MsgApps fill the window until it is full; then no more are sent.
  etcdTest('TestMsgAppFlowControlFull', () => {
    const r = newTestRaft(1, 5, 1, newTestMemoryStorage([1, 2]));
    becomeCandidate(r);
    becomeLeader(r);
    const pr2 = progress(r, 2);
    // force the progress to be in replicate state
    pr2.becomeReplicate();
    // fill in the inflights window
    for (let i = 0; i < r.cfg.maxInflightMsgs; i++) {
      r.step(propose());
      const ms = readMessages(r);
      expect(ms).toHaveLength(1);
      expect(ms[0]!.type).toBe('MsgApp');
    }
    // ensure 1
    expect(pr2.isPaused()).toBe(true);
    // ensure 2
    for (let i = 0; i < 10; i++) {
      r.step(propose());
      expect(readMessages(r)).toEqual([]);
    }
  });

  // A MsgAppResp slides the window past every smaller or equal index; a stale one does not.
  etcdTest('TestMsgAppFlowControlMoveForward', () => {
    const r = newTestRaft(1, 5, 1, newTestMemoryStorage([1, 2]));
    becomeCandidate(r);
    becomeLeader(r);
    const pr2 = progress(r, 2);
    pr2.becomeReplicate();
    for (let i = 0; i < r.cfg.maxInflightMsgs; i++) {
      r.step(propose());
      readMessages(r);
    }
    // 1 is noop, 2 is the first proposal we just sent, so we start with 2.
    for (let tt = 2; tt < r.cfg.maxInflightMsgs; tt++) {
      // move forward the window
      r.step(msg({ from: 2, to: 1, type: 'MsgAppResp', index: tt }));
      readMessages(r);
      // fill in the inflights window again
      r.step(propose());
      const ms = readMessages(r);
      expect(ms).toHaveLength(1);
      expect(ms[0]!.type).toBe('MsgApp');
      // ensure 1
      expect(pr2.isPaused()).toBe(true);
      // ensure 2
      for (let i = 0; i < tt; i++) {
        r.step(msg({ from: 2, to: 1, type: 'MsgAppResp', index: i }));
        expect(pr2.isPaused()).toBe(true);
      }
    }
  });

  // A heartbeat response to a full window sends one empty MsgApp and leaves the window full.
  etcdTest('TestMsgAppFlowControlRecvHeartbeat', () => {
    const r = newTestRaft(1, 5, 1, newTestMemoryStorage([1, 2]));
    becomeCandidate(r);
    becomeLeader(r);
    const pr2 = progress(r, 2);
    pr2.becomeReplicate();
    for (let i = 0; i < r.cfg.maxInflightMsgs; i++) {
      r.step(propose());
      readMessages(r);
    }
    for (let tt = 1; tt < 5; tt++) {
      // recv tt msgHeartbeatResp and expect one free slot
      for (let i = 0; i < tt; i++) {
        expect(pr2.isPaused()).toBe(true);
        // Unpauses the progress, sends an empty MsgApp, and pauses it again.
        r.step(msg({ from: 2, to: 1, type: 'MsgHeartbeatResp' }));
        const ms = readMessages(r);
        expect(ms).toHaveLength(1);
        expect(ms[0]!.type).toBe('MsgApp');
        expect(ms[0]!.entries ?? []).toEqual([]);
      }
      // No more appends are sent if there are no heartbeats.
      for (let i = 0; i < 10; i++) {
        expect(pr2.isPaused()).toBe(true);
        r.step(propose());
        expect(readMessages(r)).toEqual([]);
      }
      // clear all pending messages.
      r.step(msg({ from: 2, to: 1, type: 'MsgHeartbeatResp' }));
      readMessages(r);
    }
  });
});
