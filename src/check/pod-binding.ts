// "No pod is ever bound to two nodes": between its creation and its deletion, a pod
// (namespace/name) is bound once. A pod recreated under the same name (a static pod's
// mirror) starts over after pod.deleted.

import type { TraceEvent } from '../protocol/trace';

export interface PodBindingResult {
  readonly ok: boolean;
  readonly bindings: number;
  readonly violations: readonly string[];
}

export function podsBoundOnce(events: readonly TraceEvent[]): PodBindingResult {
  const boundTo = new Map<string, { node: string; t: number }>();
  const violations: string[] = [];
  let bindings = 0;
  for (const ev of events) {
    if (ev.type === 'pod.deleted') boundTo.delete(ev.pod);
    if (ev.type !== 'pod.bound') continue;
    bindings++;
    const was = boundTo.get(ev.pod);
    if (was) violations.push(`pod ${ev.pod} was bound to ${was.node} at ${was.t} ms and again to ${ev.node} at ${ev.t} ms`);
    else boundTo.set(ev.pod, { node: ev.node, t: ev.t });
  }
  return { ok: violations.length === 0, bindings, violations };
}
