// The two parts of client-go's EventCorrelator (tools/record/events_cache.go) beside
// the count of exact repeats (events.ts): the aggregator and the spam filter. Both
// exist so that one component cannot flood the apiserver and etcd with Events about
// one object: scaling a ReplicaSet to 1 000 records 1 000 SuccessfulCreate on the
// ReplicaSet, of which the real controller-manager writes 25.
//  - Aggregation: events that differ only by message (same source, object, type,
//    reason) are counted per 10-minute interval; from the 10th distinct message on, the
//    event is replaced by one whose message is "(combined from similar events): <msg>",
//    kept under the group's key, so later ones only raise its count.
//  - Spam filter: per source and object (not per reason) a token bucket of 25 with a
//    refill of one every 5 minutes; an event without a token is dropped, after the
//    count was noted (the real logger's cache is updated before the filter runs).
// The scheduler records through the events.k8s.io API (tools/events), which has
// neither; its recorder turns both off.

import { BoundedMemo } from '../../sim/bounded-memo';

/** client-go's defaults: maxLruCacheEntries, defaultAggregateMaxEvents,
 * defaultAggregateIntervalInSeconds, defaultSpamBurst, defaultSpamQPS. */
export const LRU_ENTRIES = 4096;
const AGGREGATE_MAX_EVENTS = 10;
const AGGREGATE_INTERVAL_MS = 600_000;
const SPAM_BURST = 25;
const SPAM_REFILL_MS = 300_000;

/** What an event is, as the correlator's keys read it. */
export interface EventIdentity {
  readonly component: string;
  readonly host: string;
  readonly kind: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly apiVersion: string;
  readonly type: string;
  readonly reason: string;
}

interface AggregateRecord {
  /** Distinct messages seen in the interval (a Go set; PopAny drops the oldest here). */
  readonly messages: Set<string>;
  last: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** golang/groupcache/lru's 4 096 entries, held as two generations of 2 048
 * (src/sim/bounded-memo.ts): at least the 2 048 most recently used keys are remembered
 * and never more than 4 096. A Map kept in LRU order by delete-and-set on every hit
 * fills V8's table with deleted slots (1 % of a 100-worker rollout). */
function lru<V>(): BoundedMemo<string, V> {
  return new BoundedMemo<string, V>(LRU_ENTRIES / 2);
}

export class EventCorrelator {
  private readonly aggregates = lru<AggregateRecord>();
  private readonly buckets = lru<Bucket>();

  /** EventAggregate: the message to record and, when aggregated, the group's key (the
   * logger then counts the combined event under it instead of the exact one). */
  aggregate(e: EventIdentity, message: string, now: number): { message: string; groupKey?: string } {
    // EventAggregatorByReasonFunc: source, object, type, reason, reporting controller
    // and instance (the legacy recorder's are the source's).
    const key = `${e.component}\0${e.host}\0${e.kind}\0${e.namespace}\0${e.name}\0${e.uid}\0${e.apiVersion}\0${e.type}\0${e.reason}`;
    let rec = this.aggregates.get(key);
    if (rec === undefined || now - rec.last > AGGREGATE_INTERVAL_MS) this.aggregates.set(key, (rec = { messages: new Set(), last: now }));
    rec.messages.add(message);
    rec.last = now;
    if (rec.messages.size < AGGREGATE_MAX_EVENTS) return { message };
    rec.messages.delete(rec.messages.values().next().value!);
    return { message: `(combined from similar events): ${message}`, groupKey: key };
  }

  /** EventSourceObjectSpamFilter.Filter: true when the event is to be dropped. */
  spam(e: EventIdentity, now: number): boolean {
    const key = `${e.component}\0${e.host}\0${e.kind}\0${e.namespace}\0${e.name}\0${e.uid}\0${e.apiVersion}`;
    // golang.org/x/time/rate: starts full, refills continuously up to the burst.
    let b = this.buckets.get(key);
    if (b === undefined) this.buckets.set(key, (b = { tokens: SPAM_BURST, at: now }));
    b.tokens = Math.min(SPAM_BURST, b.tokens + (now - b.at) / SPAM_REFILL_MS);
    b.at = now;
    const drop = b.tokens < 1;
    if (!drop) b.tokens -= 1;
    return drop;
  }
}
