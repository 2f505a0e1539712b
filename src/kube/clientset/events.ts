// An event recorder (client-go tools/record): components record what they did as
// core/v1 Event objects through the apiserver — fire and forget, as the real broadcaster
// does (a lost event is not retried forever).

import type { Runtime } from '../../sim/process';
import { timestamp } from '../api/time';
import type { KubeEvent, ObjectReference } from '../api/types';
import type { KubeClient } from './kube-client';

export class EventRecorder {
  private seq = 0;

  constructor(
    private readonly rt: Runtime,
    private readonly client: KubeClient,
    /** `source.component`: "default-scheduler", "kubelet", "node-controller"… */
    private readonly component: string,
  ) {}

  record(obj: ObjectReference & { name: string }, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const now = this.rt.now();
    const ns = obj.namespace ?? 'default';
    // Real names are "<object>.<unix nanos in hex>"; the sequence keeps ours unique.
    const suffix = (now * 1_000_000 + ++this.seq).toString(16);
    const ev: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${obj.name}.${suffix}`, namespace: ns },
      involvedObject: obj,
      reason,
      message,
      type,
      source: { component: this.component, ...(this.component === 'kubelet' ? { host: this.rt.host } : {}) },
      firstTimestamp: timestamp(now),
      lastTimestamp: timestamp(now),
      count: 1,
      reportingComponent: this.component,
      reportingInstance: this.rt.host,
    };
    this.client.request({ verb: 'create', resource: 'events', namespace: ns, body: ev }, () => {});
  }
}
