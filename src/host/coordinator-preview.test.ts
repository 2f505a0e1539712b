// A seek through the coordinator (issue 11): the view history's moment goes out at once
// (Frame.seeked.preview), the exact cluster lands behind it, and playing on from there
// gives the uninterrupted run's trace byte for byte, with the machines inside the
// coordinator (the default) and with ?isolation=worker (fake machine workers).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETUP } from '../cluster/setup';
import type { AsyncMachineDriver } from '../coordinator/window';
import type { Isolation, UiCommand } from '../protocol/commands';
import type { Frame } from '../protocol/frames';
import { Rng } from '../sim/rng';
import { Coordinator } from './coordinator';
import { FakeWorker } from './fake-worker';
import { InWorkerDriver } from './in-worker-driver';
import { fullFrames } from './testing/full-frames';
import { FakeClock } from './testing/fake-clock';
import { WorkerDriver } from './worker-driver';

const SETUP = { ...DEFAULT_SETUP, masters: 3, etcdMembers: 3, workers: 0, kubernetes: false, seed: 4 };

function harness(isolation: Isolation) {
  const clock = new FakeClock();
  const frames: Frame[] = [];
  const full = fullFrames();
  const jitter = new Rng(3);
  let n = 0;
  const coordinator = new Coordinator({
    post: (f) => frames.push(full(f)),
    wallNow: () => (clock.wall += 0.25),
    setTimer: clock.setTimer,
    createDriver: (): AsyncMachineDriver => (isolation === 'shared' ? new InWorkerDriver() : new WorkerDriver(() => new FakeWorker(jitter.fork(String(++n))))),
    scenarios: {},
  });
  const settle = async () => {
    for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r));
  };
  const tick = async () => {
    clock.advance(4);
    await settle();
  };
  const h = {
    frames,
    last: () => frames.at(-1)!,
    send: async (cmd: UiCommand) => {
      coordinator.handle(cmd);
      await settle();
      for (let i = 0; i < 10; i++) await tick();
    },
    until: async (p: () => boolean) => {
      for (let i = 0; i < 20_000 && !p(); i++) await tick();
      expect(p()).toBe(true);
    },
    /** The whole trace as JSON Lines (the `trace` command). */
    trace: async (id: number) => {
      await h.send({ type: 'trace', id });
      await h.until(() => frames.some((f) => f.replies.some((r) => r.id === id)));
      const r = frames.flatMap((f) => f.replies).find((x) => x.id === id)!.result;
      if (!r.ok) throw new Error(r.error);
      return r.output;
    },
  };
  return h;
}

const leaderOf = (f: Frame) => f.machines.find((m) => (m.processes?.['etcd'] as { role?: string } | undefined)?.role === 'leader')?.name;

describe('seek through the coordinator: the moment at once, the exact cluster behind it', () => {
  for (const isolation of ['shared', 'worker'] as const) {
    it(`isolation ${isolation}: preview, then the exact frame; playing on gives the uninterrupted trace`, async () => {
      const h = harness(isolation);
      await h.send({ type: 'start', setup: SETUP, speed: 0, playing: true, isolation });
      await h.until(() => h.last().now > 4000 && leaderOf(h.last()) !== undefined);
      const oldLeader = leaderOf(h.last())!;
      await h.send({ type: 'kill', machine: oldLeader });
      await h.send({ type: 'kv', id: 7, f: 'put', key: 'k', value: 'v' });
      await h.until(() => h.last().now > 9000);
      await h.send({ type: 'pause' });
      const whole = await h.trace(100);
      const end = h.last().timeline!.endMs;

      const before = h.frames.length;
      const killAt = h.frames.flatMap((f) => f.timeline?.markers ?? []).find((m) => m.label === `kill ${oldLeader}`)!.at;
      await h.send({ type: 'seek', at: killAt - 1500 });
      await h.until(() => h.frames.slice(before).some((f) => f.seeked && !f.seeked.preview));
      const after = h.frames.slice(before);
      const preview = after.find((f) => f.seeked?.preview)!;
      const exact = after.find((f) => f.seeked && !f.seeked.preview)!;
      expect(preview).toBeDefined();
      expect(after.indexOf(preview)).toBeLessThan(after.indexOf(exact));
      expect(preview.playing).toBe(false);
      expect(preview.now).toBeLessThanOrEqual(killAt - 1500);
      expect(killAt - 1500 - preview.now).toBeLessThanOrEqual(1000);
      expect(leaderOf(preview)).toBe(oldLeader);
      expect(preview.events.every((e) => e.t <= preview.now)).toBe(true);
      expect(exact.seeked).toEqual({ to: killAt - 1500, rebuilt: true });
      expect(leaderOf(exact)).toBe(oldLeader);
      if (preview.seeked!.preview!.exact) {
        // The moment kept is the cluster at that instant: the same picture.
        expect(preview.machines).toEqual(exact.machines);
        expect(preview.cut).toEqual(exact.cut);
        expect(preview.events).toEqual(exact.events);
        expect(preview.packets).toEqual(exact.packets);
      }
      if (isolation === 'worker') expect(after.some((f) => f.notes?.some((n) => n.includes('machines run inside the coordinator')))).toBe(true);
      expect(h.last().timeline!.endMs).toBe(end);

      await h.send({ type: 'play' });
      await h.until(() => h.last().now > end + 200);
      await h.send({ type: 'pause' });
      const again = await h.trace(101);
      // The recorded kill and put happened again where they were; nothing else differs.
      expect(h.last().machines.find((m) => m.name === oldLeader)!.status).toBe('down');
      expect(again.length).toBeGreaterThanOrEqual(whole.length);
      expect(again.startsWith(whole)).toBe(true);
    });
  }

  it('scrubbing back and forth: every position shows at once, only the last one is rebuilt, then acting there forks', async () => {
    const h = harness('shared');
    await h.send({ type: 'start', setup: SETUP, speed: 0, playing: true });
    await h.until(() => h.last().now > 20_000);
    await h.send({ type: 'pause' });
    const end = h.last().timeline!.endMs;
    const before = h.frames.length;
    for (const at of [15_000, 5_000, 12_000, 3_000, 8_000]) await h.send({ type: 'seek', at });
    await h.until(() => h.frames.slice(before).some((f) => f.seeked?.to === 8000 && !f.seeked.preview));
    const seeks = h.frames.slice(before).filter((f) => f.seeked);
    expect(seeks.filter((f) => f.seeked!.preview).length).toBeGreaterThanOrEqual(4);
    expect(seeks.at(-1)!.seeked).toEqual({ to: 8000, rebuilt: true });
    expect(h.last().now).toBe(8000);
    await h.send({ type: 'kill', machine: 'master-1' });
    expect(h.last().timeline!.endMs).toBeLessThan(end);
    expect(h.last().machines.find((m) => m.name === 'master-1')!.status).toBe('down');
  });
});
