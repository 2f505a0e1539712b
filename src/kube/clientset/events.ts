// An event recorder (client-go tools/record): components record what they did as
// core/v1 Event objects through the apiserver — fire and forget, as the real broadcaster
// does (a lost event is not retried forever). Like its EventCorrelator, an event that
// repeats (same object, source, type, reason and message) within 10 minutes updates the
// first one's count and lastTimestamp instead of piling up: describe shows
// "BackOff  5s (x6 over 60s)"; similar events are combined after ten messages, and a
// source may send 25 events about one object, then one per 5 minutes
// (event-correlator.ts).

import type { Runtime } from '../../sim/process';
import { timestamp, unixMillis } from '../api/time';
import type { KubeEvent, ObjectReference } from '../api/types';
import type { ApiClient } from './kube-client';
import { EventCorrelator } from './event-correlator';

export class EventRecorder {
  constructor(
    private readonly rt: Runtime,
    private readonly client: ApiClient,
    /** `source.component`: "default-scheduler", "kubelet", "node-controller"… */
    private readonly component: string,
    /** Shared by the recorders of one process: event names never collide, and repeats
     * are counted whichever recorder made them. */
    private readonly shared: Shared = { seq: 0, seen: new Map(), correlator: new EventCorrelator() },
  ) {}

  /** A recorder of the events.k8s.io API (tools/events, what kube-scheduler uses): it
   * counts repeats but has no aggregation and no spam filter. */
  static withoutSpamFilter(rt: Runtime, client: ApiClient, component: string): EventRecorder {
    return new EventRecorder(rt, client, component, { seq: 0, seen: new Map(), correlator: undefined });
  }

  /** The same recorder writing through another clientset (each controller of
   * kube-controller-manager records through its own client, as its own broadcaster's
   * sink is its own clientset's Events). */
  through(client: ApiClient): EventRecorder {
    return new EventRecorder(this.rt, client, this.component, this.shared);
  }

  /** The same broadcaster under another component name: each controller of
   * kube-controller-manager signs its events ("deployment-controller", …). */
  withComponent(component: string): EventRecorder {
    return new EventRecorder(this.rt, this.client, component, this.shared);
  }

  record(obj: ObjectReference & { name: string }, type: 'Normal' | 'Warning', reason: string, message: string): void {
    const now = this.rt.now();
    const ns = obj.namespace ?? 'default';
    const correlator = this.shared.correlator;
    const host = this.component === 'kubelet' ? this.rt.host : '';
    const id = correlator && { component: this.component, host, kind: obj.kind ?? '', namespace: ns, name: obj.name, uid: obj.uid ?? '', apiVersion: obj.apiVersion ?? '', type, reason };
    const aggregated = correlator && id ? correlator.aggregate(id, message, now) : undefined;
    if (aggregated) message = aggregated.message;
    const key = aggregated?.groupKey ?? exactKey(this.component, obj.kind, ns, obj.name, obj.uid, obj.fieldPath ?? '', type, reason, message);
    const seen = this.shared.seen.get(key);
    if (seen && now - seen.last < DEDUP_WINDOW_MS) {
      seen.last = now;
      seen.event = { ...seen.event, message, count: (seen.event.count ?? 1) + 1, lastTimestamp: timestamp(now) };
      const ev = seen.event;
      if (correlator && id && correlator.spam(id, now)) return;
      // Real recorders PATCH the count; an event that expired meanwhile is made anew.
      this.client.request({ verb: 'update', resource: 'events', namespace: ns, name: ev.metadata.name, body: ev }, (r) => {
        if (!r.ok && r.status.reason === 'NotFound') this.client.request({ verb: 'create', resource: 'events', namespace: ns, body: ev }, () => {});
      });
      return;
    }
    // Real names are "<object>.<unix nanoseconds in hex>"; the sequence keeps ours unique.
    const nanos = (BigInt(unixMillis(now)) * 1_000_000n + BigInt(++this.shared.seq)).toString(16);
    const ev: KubeEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${obj.name}.${nanos}`, namespace: ns },
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
    if (this.shared.seen.size >= DEDUP_CACHE) this.shared.seen.delete(this.shared.seen.keys().next().value!);
    this.shared.seen.set(key, { last: now, event: ev });
    if (correlator && id && correlator.spam(id, now)) return;
    this.client.request({ verb: 'create', resource: 'events', namespace: ns, body: ev }, () => {});
  }
}

/** The key of an exact repeat (getEventKey: source, object, type, reason, message):
 * each field with its length before it, so distinct fields never give one key (a
 * JSON.stringify of the nine was a tenth of the recorder's time). It starts with "#",
 * which no aggregation group key (a component's name first) does: both live in one map. */
function exactKey(...fields: (string | undefined)[]): string {
  let key = '#';
  for (const f of fields) key += f === undefined ? '-' : `${f.length}:${f}`;
  return key;
}

/** The correlator's window and its LRU size (client-go: 10 minutes, 4096 entries). */
const DEDUP_WINDOW_MS = 10 * 60_000;
const DEDUP_CACHE = 4096;

interface Shared {
  seq: number;
  readonly seen: Map<string, { last: number; event: KubeEvent }>;
  /** Aggregation and the spam filter; none for the events.k8s.io recorder. */
  readonly correlator: EventCorrelator | undefined;
}
