// A watch that hears nothing for watchSilenceMs is ended at the first tick at or after
// that moment, whatever the other watches of the client hear, and a watch opened later
// (here by the handler of one that ended) is watched as closely. The client skips its
// walk over the watches on the ticks before the earliest such moment: this walks a
// hand-driven clock tick by tick against the rule itself.

import { describe, expect, it } from 'vitest';
import type { Packet } from '../../sim/packet';
import type { Runtime } from '../../sim/process';
import { Rng } from '../../sim/rng';
import type { KubeWatchEvent } from '../api/wire';
import { KubeClient } from './kube-client';

const SILENCE = 1_000;

describe('KubeClient: silent watches', () => {
  it('ends each watch at the first tick at least watchSilenceMs after it last heard anything', () => {
    let now = 0;
    const rt = { host: 'worker-1', now: () => now, rng: new Rng(1), send: () => {}, emit: () => {} } as unknown as Runtime;
    const client = new KubeClient(rt, { host: 'lb', port: 6443 }, 10250, 'kubelet/worker-1', 60_000, SILENCE);
    const lastHeard = new Map<number, number>();
    const seq = new Map<number, number>();
    const ended: { id: number; at: number }[] = [];
    const open = (reopen: number): number => {
      const id: number = client.watch('pods', undefined, undefined, {
        onEvent: () => {},
        onEnd: () => {
          ended.push({ id, at: now });
          lastHeard.delete(id);
          if (reopen > 0) open(reopen - 1);
        },
      });
      lastHeard.set(id, now);
      seq.set(id, 0);
      return id;
    };
    const hear = (id: number) => {
      const s = (seq.get(id) ?? 0) + 1;
      seq.set(id, s);
      lastHeard.set(id, now);
      const ev: KubeWatchEvent = { watchId: id, seq: s, type: 'BOOKMARK', resourceVersion: String(now) };
      client.receive({ kind: 'kube.watch', body: ev } as unknown as Packet);
    };
    const a = open(0);
    now = 30;
    const b = open(2);
    const c = open(0);
    let d = -1;
    let seed = 3;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (now = 100; now <= 12_000; now += 100) {
      // a hears often until 8 s, c sometimes (with gaps near the limit) until 6 s, b
      // never: b and its reopened successors end one after another.
      if (lastHeard.has(a) && now < 8_000 && rand(3) > 0) hear(a);
      // Every watch has ended by now: one opened afresh is watched as closely.
      if (now === 10_000) {
        expect(lastHeard.size).toBe(0);
        d = open(0);
      }
      if (lastHeard.has(c) && now < 6_000 && rand(9) === 0) hear(c);
      const due = [...lastHeard].filter(([, t]) => now - t >= SILENCE).map(([id]) => id);
      const before = ended.length;
      client.tick();
      const now_ = now;
      // Every watch due now ended at this tick (a reopened one cannot be due yet).
      expect(ended.slice(before).map((e) => e.id).sort()).toEqual(due.sort());
      expect(ended.slice(before).every((e) => e.at === now_)).toBe(true);
    }
    expect(ended.map((e) => e.id)).toContain(b);
    expect(ended.map((e) => e.id)).toContain(c);
    expect(ended.map((e) => e.id)).toContain(a);
    expect(ended.find((e) => e.id === d)?.at).toBe(11_000);
    expect(ended.filter((e) => ![a, b, c, d].includes(e.id)).length).toBe(2);
  });
});
