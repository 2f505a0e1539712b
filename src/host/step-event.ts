// "Step to the next event" (issue 11): from pause, run as fast as possible until the
// trace records something a learner would want to stop at (a Raft role change, a vote,
// a lease hand-over, a node readiness change, a pod phase change, a fault), then pause
// there. Bounded: a quiet cluster stops after STEP_EVENT_LIMIT_MS of sim time.

import type { Simulation } from '../coordinator/simulation';
import type { TraceEvent } from '../protocol/trace';

/** The most sim time one "step to the next event" runs. */
export const STEP_EVENT_LIMIT_MS = 60_000;

/** Whether a trace event is one "step to the next event" stops at. */
export function stopsStep(ev: TraceEvent): boolean {
  switch (ev.type) {
    case 'raft.role':
    case 'raft.vote':
    case 'node.ready':
    case 'pod.phase':
    case 'fault':
      return true;
    case 'lease.holder':
      return !ev.lease.startsWith('kube-node-lease/');
    default:
      return false;
  }
}

export class StepToEvent {
  readonly until: number;

  constructor(sim: Simulation) {
    this.until = sim.now + STEP_EVENT_LIMIT_MS;
  }

  /** The first stopping event among those a window recorded (trace from `from` on). */
  hit(trace: readonly TraceEvent[], from: number): TraceEvent | undefined {
    for (let i = from; i < trace.length; i++) if (stopsStep(trace[i]!)) return trace[i];
    return undefined;
  }
}
