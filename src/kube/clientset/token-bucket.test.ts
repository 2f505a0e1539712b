// client-go's client-side rate limiter: the token bucket's arithmetic (a full bucket of
// `burst`, then one token every 1/qps s, reserved in the order asked) and the clientset
// that holds requests back in FIFO order until their token is there.

import { describe, expect, it } from 'vitest';
import type { TraceBody } from '../../protocol/trace';
import type { Packet } from '../../sim/packet';
import type { Runtime } from '../../sim/process';
import { Rng } from '../../sim/rng';
import type { KubeRequest } from '../api/wire';
import { CONTROLLER_MANAGER } from './client-limits';
import { goDuration, KubeClient, type KubeCall } from './kube-client';
import { TokenBucket } from './token-bucket';

describe('TokenBucket (rate.Limiter reservations)', () => {
  it('lets a burst through at once, then one request every 1/qps s', () => {
    const b = new TokenBucket(20, 30, 0);
    const at = Array.from({ length: 40 }, () => b.reserve(0));
    expect(at.slice(0, 30)).toEqual(Array(30).fill(0));
    expect(at.slice(30)).toEqual([50, 100, 150, 200, 250, 300, 350, 400, 450, 500]);
  });

  it('refills at qps up to burst, never beyond', () => {
    const b = new TokenBucket(5, 10, 0);
    for (let i = 0; i < 10; i++) b.reserve(0);
    expect(b.available(0)).toBe(0);
    expect(b.available(1000)).toBe(5);
    expect(b.available(60_000)).toBe(10);
    // 10 at once again, the 11th 200 ms later.
    const at = Array.from({ length: 11 }, () => b.reserve(60_000));
    expect(at[9]).toBe(60_000);
    expect(at[10]).toBe(60_200);
  });

  it('books waiting requests one after another in the order they asked (FIFO)', () => {
    const b = new TokenBucket(20, 1, 0);
    expect(b.reserve(0)).toBe(0);
    expect(b.reserve(0)).toBe(50);
    expect(b.reserve(10)).toBe(100);
    expect(b.reserve(10)).toBe(150);
    // Asked later than the queue's end: served at its own token's time.
    expect(b.reserve(1000)).toBe(1000);
  });

  it('refuses a bucket that could never give a token', () => {
    expect(() => new TokenBucket(0, 10, 0)).toThrow(/qps > 0/);
    expect(() => new TokenBucket(5, 0, 0)).toThrow(/burst >= 1/);
  });

  it('prints durations as Go does', () => {
    expect(goDuration(850)).toBe('850ms');
    expect(goDuration(1000)).toBe('1s');
    expect(goDuration(1050)).toBe('1.05s');
    expect(goDuration(61_500)).toBe('1m1.5s');
  });
});

/** A transport on a hand-driven clock that records what it sends and emits. */
function transport() {
  let now = 0;
  const sent: { at: number; body: KubeRequest }[] = [];
  const emitted: TraceBody[] = [];
  const rt = {
    host: 'master-1',
    now: () => now,
    rng: new Rng(1),
    send: (_dst: unknown, kind: string, body: unknown) => {
      if (kind === 'kube.request') sent.push({ at: now, body: body as KubeRequest });
    },
    emit: (ev: TraceBody) => emitted.push(ev),
  } as unknown as Runtime;
  const client = new KubeClient(rt, { host: 'master-1', port: 6443 }, 10257, 'kube-controller-manager/master-1', 10_000, 60_000);
  /** Runs the process's ticks (every 100 ms) up to `t`. */
  const runTo = (t: number) => {
    while (now + 100 <= t) {
      now += 100;
      client.tick();
    }
  };
  return { client, sent, emitted, runTo, setNow: (t: number) => (now = t) };
}

const createPod = (i: number): KubeCall => ({ verb: 'create', resource: 'pods', namespace: 'default', body: { apiVersion: 'v1', kind: 'Pod', metadata: { name: `web-${i}` } } });
const EMPTY = { apiVersion: 'v1', kind: 'Object', metadata: {} };

describe('ThrottledClient (a clientset with its own limiter)', () => {
  it('sends burst requests at once and the rest at qps, in the order asked', () => {
    const { client, sent, runTo } = transport();
    const rs = client.clientset('replicaset-controller', CONTROLLER_MANAGER);
    for (let i = 0; i < 130; i++) rs.request(createPod(i), () => {});
    expect(sent).toHaveLength(30);
    expect(rs.sent).toBe(130);
    expect(rs.waiting).toBe(100);
    runTo(1000);
    // 20 a second: 30 + 20 by t = 1 s.
    expect(sent).toHaveLength(50);
    runTo(5000);
    expect(sent).toHaveLength(130);
    expect(sent.map((s) => (s.body.body as { metadata: { name: string } }).metadata.name)).toEqual(Array.from({ length: 130 }, (_, i) => `web-${i}`));
    // Each left at the first tick at or after its token: never early.
    sent.forEach((s, i) => expect(s.at).toBeGreaterThanOrEqual(i < 30 ? 0 : (i - 29) * 50));
    expect(rs.view()).toMatchObject({ name: 'replicaset-controller', qps: 20, burst: 30, waiting: 0, throttled: 100 });
  });

  it('keeps a separate bucket per clientset: one controller waiting does not slow another', () => {
    const { client, sent } = transport();
    const rs = client.clientset('replicaset-controller', CONTROLLER_MANAGER);
    const ep = client.clientset('endpointslice-controller', CONTROLLER_MANAGER);
    for (let i = 0; i < 40; i++) rs.request(createPod(i), () => {});
    ep.request({ verb: 'create', resource: 'endpointslices', namespace: 'default', body: EMPTY }, () => {});
    expect(sent).toHaveLength(31);
    expect(sent[30]!.body.resource).toBe('endpointslices');
    expect(ep.view()).toBeUndefined();
  });

  it('does not limit watches, nor a clientset built with QPS < 0', () => {
    const { client, sent } = transport();
    const hb = client.clientset('heartbeat', undefined);
    for (let i = 0; i < 200; i++) hb.request({ verb: 'update', resource: 'leases', namespace: 'kube-node-lease', name: 'worker-1', body: EMPTY }, () => {});
    const rs = client.clientset('replicaset-controller', CONTROLLER_MANAGER);
    for (let i = 0; i < 30; i++) rs.request(createPod(i), () => {});
    for (let i = 0; i < 5; i++) rs.watch('pods', undefined, undefined, { onEvent: () => {}, onEnd: () => {} });
    expect(sent).toHaveLength(235);
    expect(hb.view()).toBeUndefined();
  });

  it("logs a wait over 1 s with client-go's words, at most once per 10 s", () => {
    const { client, emitted, runTo } = transport();
    const rs = client.clientset('replicaset-controller', CONTROLLER_MANAGER);
    for (let i = 0; i < 130; i++) rs.request(createPod(i), () => {});
    runTo(5000);
    expect(emitted).toHaveLength(1);
    const ev = emitted[0] as Extract<TraceBody, { type: 'client.throttled' }>;
    expect(ev).toMatchObject({ type: 'client.throttled', machine: 'master-1', process: 'kube-controller-manager', client: 'replicaset-controller' });
    expect(ev.waitedMs).toBeGreaterThan(1000);
    expect(ev.message).toBe(`Waited for ${goDuration(ev.waitedMs)} due to client-side throttling, not priority and fairness, request: POST:https://master-1:6443/api/v1/namespaces/default/pods`);
  });

  it('forgets the waiting requests of a dropped clientset', () => {
    const { client, sent, runTo } = transport();
    const rs = client.clientset('replicaset-controller', CONTROLLER_MANAGER);
    for (let i = 0; i < 50; i++) rs.request(createPod(i), () => {});
    client.dropClientset(rs);
    runTo(5000);
    expect(sent).toHaveLength(30);
  });

  it('is deterministic: the same requests at the same times go out at the same times', () => {
    const once = () => {
      const { client, sent, runTo, setNow } = transport();
      const rs = client.clientset('replicaset-controller', CONTROLLER_MANAGER);
      for (let t = 0; t < 3000; t += 37) {
        setNow(t);
        for (let i = 0; i < 3; i++) rs.request(createPod(t + i), () => {});
        client.receive({ kind: 'noise' } as unknown as Packet);
      }
      runTo(10_000);
      return sent.map((s) => `${s.at}:${(s.body.body as { metadata: { name: string } }).metadata.name}`).join(',');
    };
    expect(once()).toBe(once());
  });
});
