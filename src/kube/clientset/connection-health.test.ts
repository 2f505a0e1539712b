// client-go's HTTP/2 health check, as KubeClient models it: a connection with open
// watches that gives nothing to read for ReadIdleTimeout is pinged; a ping not answered
// within PingTimeout closes it, and every watch on it ends (and is stopped at the
// server). Anything readable answers the ping; a watch stream stalled behind a lost
// message is not readable (TCP's head-of-line blocking). A hand-driven clock walks tick
// by tick against the rule itself, and nextDue() must name the tick that acts.

import { describe, expect, it } from 'vitest';
import type { Packet } from '../../sim/packet';
import type { Runtime } from '../../sim/process';
import { Rng } from '../../sim/rng';
import type { KubeWatchEvent } from '../api/wire';
import { CONNECTION_LOST, KubeClient, healthCheckTimes } from './kube-client';

const SILENCE = 900;
const { readIdleMs: IDLE, pingTimeoutMs: PING } = healthCheckTimes(SILENCE);

function harness() {
  let now = 0;
  const sent: { kind: string; body: unknown; at: number }[] = [];
  const rt = { host: 'worker-1', now: () => now, rng: new Rng(1), send: (_dst: unknown, kind: string, body: unknown) => sent.push({ kind, body, at: now }), emit: () => {} } as unknown as Runtime;
  const client = new KubeClient(rt, { host: 'lb', port: 6443 }, 10250, 'kubelet/worker-1', 60_000, SILENCE);
  const ended: { id: number; at: number; reason: string }[] = [];
  const seq = new Map<number, number>();
  const open = (): number => {
    const id: number = client.watch('pods', undefined, undefined, { onEvent: () => {}, onEnd: (reason) => ended.push({ id, at: now, reason }) });
    seq.set(id, 0);
    return id;
  };
  const frame = (id: number, s = (seq.get(id) ?? 0) + 1) => {
    seq.set(id, Math.max(s, seq.get(id) ?? 0));
    const ev: KubeWatchEvent = { watchId: id, seq: s, type: 'BOOKMARK', resourceVersion: String(now) };
    client.receive({ kind: 'kube.watch', body: ev } as unknown as Packet);
  };
  const pong = () => client.receive({ kind: 'kube.pong', body: {} } as unknown as Packet);
  const pings = () => sent.filter((p) => p.kind === 'kube.ping').map((p) => p.at);
  return { client, sent, ended, open, frame, pong, pings, at: (t: number) => (now = t), get now() { return now; } };
}

describe('KubeClient: the HTTP/2 health check', () => {
  it('splits the silence budget 2 : 1 as client-go does (30 s + 15 s of 45 s)', () => {
    expect(healthCheckTimes(45_000)).toEqual({ readIdleMs: 30_000, pingTimeoutMs: 15_000 });
    expect(IDLE + PING).toBe(SILENCE);
  });

  it('pings an idle connection, keeps it while pings are answered, and closes it at the first tick after an unanswered one', () => {
    const h = harness();
    const a = h.open();
    const b = h.open();
    let lastRead = 0;
    let pingAt: number | undefined;
    let expectEndAt: number | undefined;
    for (let t = 50; t <= 6_000; t += 50) {
      h.at(t);
      // a hears something now and then until 1.5 s; pongs come back until 3 s.
      if (t < 1_500 && t % 350 === 0) {
        h.frame(a);
        lastRead = t;
        pingAt = undefined;
      }
      if (t < 3_000 && pingAt !== undefined && t === pingAt + 100) {
        h.pong();
        lastRead = t;
        pingAt = undefined;
      }
      expect(h.client.nextDue()).toBe(pingAt === undefined ? lastRead + IDLE : pingAt + PING);
      const pingsBefore = h.pings().length;
      const endedBefore = h.ended.length;
      h.client.tick();
      if (pingAt === undefined && t - lastRead >= IDLE) {
        expect(h.pings().length).toBe(pingsBefore + 1);
        pingAt = t;
      } else expect(h.pings().length).toBe(pingsBefore);
      if (pingAt !== undefined && t - pingAt >= PING && expectEndAt === undefined) {
        expectEndAt = t;
        expect(h.ended.slice(endedBefore).map((e) => e.id).sort()).toEqual([a, b].sort());
        expect(h.ended.every((e) => e.reason === CONNECTION_LOST)).toBe(true);
        // No later than the whole budget after the last readable frame (plus the tick).
        expect(t - lastRead).toBeLessThan(SILENCE + 50);
        // Each watch is stopped at the server too.
        expect(h.sent.filter((p) => p.kind === 'kube.request' && (p.body as { verb: string }).verb === 'unwatch').length).toBe(2);
        break;
      } else expect(h.ended.length).toBe(endedBefore);
    }
    expect(expectEndAt).toBeDefined();
    // Pings came only after idle periods: several answered, then the last one not.
    expect(h.pings().length).toBeGreaterThan(2);
  });

  it('sends nothing while frames keep coming, and nothing at all without watches', () => {
    const h = harness();
    for (let t = 0; t <= 3_000; t += 100) {
      h.at(t);
      h.client.tick();
    }
    expect(h.pings()).toEqual([]);
    const a = h.open();
    for (let t = 3_100; t <= 6_000; t += 100) {
      h.at(t);
      h.frame(a);
      h.client.tick();
    }
    expect(h.pings()).toEqual([]);
    expect(h.ended).toEqual([]);
  });

  it('treats a stream stalled behind a lost message as silence: pongs do not save it', () => {
    const h = harness();
    const a = h.open();
    const b = h.open();
    h.at(100);
    h.frame(a, 1);
    h.frame(a, 3); // 2 was lost: 3 is held
    for (let t = 200; t <= 3_000; t += 100) {
      h.at(t);
      h.frame(b); // b's messages arrive in order
      if (h.pings().length > 0) h.pong();
      h.client.tick();
      if (h.ended.length > 0) break;
    }
    // Silent since the stall at 100 ms: pinged at 100 + IDLE, closed PING later.
    expect(h.pings()[0]).toBe(Math.ceil((100 + IDLE) / 100) * 100);
    expect(h.ended.map((e) => e.id).sort()).toEqual([a, b].sort());
    expect(h.ended[0]!.at).toBe(Math.ceil((h.pings()[0]! + PING) / 100) * 100);
  });

  it('starts afresh after a close: a watch opened later is checked as closely', () => {
    const h = harness();
    h.open();
    let t = 0;
    while (h.ended.length === 0) {
      h.at((t += 100));
      h.client.tick();
    }
    const closedAt = t;
    const c = h.open();
    while (h.ended.length === 1) {
      h.at((t += 100));
      h.client.tick();
    }
    expect(h.ended[1]!.id).toBe(c);
    expect(h.ended[1]!.at - closedAt).toBeLessThanOrEqual(SILENCE + 100);
    expect(h.ended[1]!.at - closedAt).toBeGreaterThanOrEqual(SILENCE);
  });
});

describe('KubeClient: a ping left over when the last watch ended', () => {
  it('does not close a watch opened afterwards before a full silence budget', () => {
    const h = harness();
    const a = h.open();
    h.at(IDLE);
    h.client.tick();
    expect(h.pings()).toEqual([IDLE]);
    // The client stops its watch while the ping is out (a controller-manager that lost
    // its lease stops its informers); no answer comes.
    h.client.stopWatch(a);
    h.at(IDLE + PING);
    h.client.tick();
    const b = h.open();
    for (let t = IDLE + PING; t < IDLE + PING + IDLE; t += 50) {
      h.at(t);
      h.client.tick();
    }
    expect(h.ended.filter((e) => e.id === b)).toEqual([]);
  });
});
