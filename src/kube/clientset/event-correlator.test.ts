import { describe, expect, it } from 'vitest';
import { EventCorrelator } from './event-correlator';
import { EventRecorder } from './events';
import type { Runtime } from '../../sim/process';
import type { KubeClient, KubeCall } from './kube-client';
import type { KubeEvent } from '../api/types';

const rs = { component: 'replicaset-controller', host: '', kind: 'ReplicaSet', namespace: 'default', name: 'web-1', uid: 'u1', apiVersion: 'apps/v1', type: 'Normal', reason: 'SuccessfulCreate' };

describe('EventCorrelator (client-go tools/record events_cache.go)', () => {
  it('combines similar events from the tenth distinct message on', () => {
    const c = new EventCorrelator();
    const out = Array.from({ length: 12 }, (_, i) => c.aggregate(rs, `Created pod: web-1-${i}`, 0));
    expect(out.slice(0, 9).every((o) => o.groupKey === undefined)).toBe(true);
    expect(out[9]!.message).toBe('(combined from similar events): Created pod: web-1-9');
    expect(out[9]!.groupKey).toBeDefined();
    expect(out[11]!.groupKey).toBe(out[9]!.groupKey);
    // Ten minutes without a similar event start a fresh interval.
    expect(c.aggregate(rs, 'Created pod: web-1-99', 600_001).groupKey).toBeUndefined();
  });

  it('lets a source burst 25 events about one object, then one per 5 minutes', () => {
    const c = new EventCorrelator();
    const dropped = Array.from({ length: 30 }, () => c.spam(rs, 1000));
    expect(dropped.filter((d) => !d)).toHaveLength(25);
    expect(dropped.slice(25).every((d) => d)).toBe(true);
    expect(c.spam(rs, 1000 + 299_000)).toBe(true);
    expect(c.spam(rs, 1000 + 300_000)).toBe(false);
    expect(c.spam(rs, 1000 + 300_001)).toBe(true);
    // Another object of the same source has its own bucket.
    expect(c.spam({ ...rs, name: 'web-2', uid: 'u2' }, 1000)).toBe(false);
  });
});

function recorder(spamFilter: boolean): { rec: EventRecorder; sent: KubeCall[]; clock: { t: number } } {
  const clock = { t: 0 };
  const sent: KubeCall[] = [];
  const rt = { now: () => clock.t, host: 'master-1' } as unknown as Runtime;
  const client = { request: (call: KubeCall) => sent.push(call) } as unknown as KubeClient;
  const rec = spamFilter ? new EventRecorder(rt, client, 'kube-controller-manager').withComponent('replicaset-controller') : EventRecorder.withoutSpamFilter(rt, client, 'default-scheduler');
  return { rec, sent, clock };
}

describe('EventRecorder with the correlator', () => {
  it('writes 25 of 1 000 SuccessfulCreate events about one ReplicaSet, as kube-controller-manager does', () => {
    const { rec, sent } = recorder(true);
    for (let i = 0; i < 1000; i++) rec.record({ kind: 'ReplicaSet', apiVersion: 'apps/v1', namespace: 'default', name: 'web-1', uid: 'u1' }, 'Normal', 'SuccessfulCreate', `Created pod: web-1-${i}`);
    expect(sent).toHaveLength(25);
    // Nine events as they are, the tenth combined and created, then its count raised.
    expect(sent.slice(0, 10).map((c) => c.verb)).toEqual([...Array(10).fill('create')]);
    expect((sent[9]!.body as KubeEvent).message).toBe('(combined from similar events): Created pod: web-1-9');
    const last = sent[24]!;
    expect(last.verb).toBe('update');
    expect(last.name).toBe(sent[9]!.body!.metadata.name);
    expect((last.body as KubeEvent).count).toBe(16);
    expect((last.body as KubeEvent).message).toBe('(combined from similar events): Created pod: web-1-24');
  });

  it('counts an exact repeat on the first event and keeps events apart whose fields differ only in where they split', () => {
    const { rec, sent } = recorder(false);
    const pod = (name: string, fieldPath: string) => ({ kind: 'Pod', namespace: 'default', name, uid: 'u', fieldPath });
    rec.record(pod('a', 'bc'), 'Normal', 'Pulled', 'x');
    rec.record(pod('ab', 'c'), 'Normal', 'Pulled', 'x');
    rec.record({ kind: undefined as unknown as string, namespace: 'default', name: 'a', uid: 'u' }, 'Normal', 'Pulled', 'x');
    rec.record({ kind: 'undefined', namespace: 'default', name: 'a', uid: 'u' }, 'Normal', 'Pulled', 'x');
    expect(sent.map((c) => c.verb)).toEqual(['create', 'create', 'create', 'create']);
    rec.record(pod('ab', 'c'), 'Normal', 'Pulled', 'x');
    expect(sent.at(-1)!.verb).toBe('update');
    expect(sent.at(-1)!.name).toBe(sent[1]!.body!.metadata.name);
    expect((sent.at(-1)!.body as KubeEvent).count).toBe(2);
  });

  it("leaves the scheduler's events.k8s.io recorder unfiltered", () => {
    const { rec, sent } = recorder(false);
    for (let i = 0; i < 40; i++) rec.record({ kind: 'Pod', namespace: 'default', name: 'p', uid: 'u' }, 'Warning', 'FailedScheduling', `0/${i} nodes are available`);
    expect(sent).toHaveLength(40);
  });
});
