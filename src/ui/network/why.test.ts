import { describe, expect, it } from 'vitest';
import type { MachineState } from '../../protocol/frames';
import type { PodSummary, SchedulerView } from '../../protocol/kube-views';
import { whyScheduled } from './why';

const FIT_ERROR = "0/33 nodes are available: 3 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 30 node(s) didn't match Pod's node affinity/selector. preemption: 0/33 nodes are available: 33 Preemption is not helpful for scheduling.";

/** master-2's kube-scheduler leads and its bounded record holds no decision for the pod. */
const machines: Record<string, MachineState> = {
  'master-2': {
    name: 'master-2', kind: 'master', status: 'up',
    processes: { 'kube-scheduler': { kind: 'kube-scheduler', election: { leader: true }, pending: 0, unschedulable: 40, decisions: [], keep: 10, filterPlugins: [], scorePlugins: [] } as unknown as SchedulerView },
  },
};
const pending = (reason?: string): PodSummary => ({ namespace: 'default', name: 'big-1', node: '', phase: 'Pending', terminating: false, ready: false, restarts: 0, mirror: false, ...(reason ? { reason } : {}) });

describe('why a Pending pod has no node, once its decision left the scheduler\'s record', () => {
  it('a pod that was tried says so, with its PodScheduled condition\'s FitError, not "Not tried yet"', () => {
    const why = whyScheduled(machines, pending(FIT_ERROR));
    expect(why.decision).toBeUndefined();
    expect(why.note).toBe(`Tried, and no node fits: ${FIT_ERROR} (its PodScheduled condition says so; the scheduler's table for it is gone: a kube-scheduler keeps only its last 10 decisions in memory). It stays in the queue and is tried again after a backoff, or when the cluster changes.`);
  });

  it('a pod with no condition yet is still waiting for its first try', () => {
    expect(whyScheduled(machines, pending()).note).toBe("Not tried yet: master-2's kube-scheduler has it in its queue.");
  });
});
