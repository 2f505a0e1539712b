// An event recorder (client-go tools/record): components record what they did as
// core/v1 Event objects through the apiserver — fire and forget, as the real broadcaster
// does (a lost event is not retried forever).

import type { Runtime } from '../../sim/process';
import { timestamp } from '../api/time';
import type { KubeEvent, ObjectReference } from '../api/types';
import type { KubeClient } from './kube-client';

export class EventRecorder {
  constructor(
    private readonly rt: Runtime,
    private readonly client: KubeClient,
    /** `source.component`: "default-scheduler", "kubelet", "node-controller"… */
    private readonly component: string,
    /** Shared by the recorders of one process, so their event names never collide. */
    private readonly counter = { seq: 0 },
  ) {}

  /** The same broadcaster under another component name: each controller of
   * kube-controller-manager signs its events ("deployment-controller", …). */
  withComponent(component: string): EventRecorder {
    return new EventRecorder(this.rt, this.client, component, this.counter);
  }

  record(obj: ObjectReference & { name: string }, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const now = this.rt.now();
    const ns = obj.namespace ?? 'default';
    // Real names are "<object>.<unix nanos in hex>"; the sequence keeps ours unique.
    const suffix = (now * 1_000_000 + ++this.counter.seq).toString(16);
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
      // The legacy recorder copies source.host, which only the kubelet sets.
      reportingInstance: this.component === 'kubelet' ? this.rt.host : '',
    };
    this.client.request({ verb: 'create', resource: 'events', namespace: ns, body: ev }, () => {});
  }
}
