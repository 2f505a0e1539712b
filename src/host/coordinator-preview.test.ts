// A seek through the coordinator (issue 11): the view history's moment goes out at once
// (Frame.seeked.preview), the exact cluster lands behind it, and playing on from there
// gives the uninterrupted run's trace byte for byte, with the machines inside the
// coordinator (the default) and with ?isolation=worker (fake machine workers).
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETUP } from '../cluster/setup';
import { coordinatorHarness, leaderOf } from './testing/coordinator-harness';

const SETUP = { ...DEFAULT_SETUP, masters: 3, etcdMembers: 3, workers: 0, kubernetes: false, seed: 4 };


describe('seek through the coordinator: the moment at once, the exact cluster behind it', () => {
  for (const isolation of ['shared', 'worker'] as const) {
    it(`isolation ${isolation}: preview, then the exact frame; playing on gives the uninterrupted trace`, async () => {
      const h = coordinatorHarness({ isolation, settleTurns: 30 });
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
      // Within the grain (FAST_GRAIN_MS); at "max" with the machines inside, the grain's
      // moments come with the frames (coordinator-runs.ts momentsWithFrames): within
      // the frames' spacing.
      const live = h.frames.slice(0, before).map((f) => f.now);
      const frameGap = Math.max(...live.slice(1).map((t, i) => t - live[i]!));
      expect(killAt - 1500 - preview.now).toBeLessThanOrEqual(isolation === 'shared' ? Math.max(1000, frameGap) : 1000);
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
    const h = coordinatorHarness({ settleTurns: 30 });
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
