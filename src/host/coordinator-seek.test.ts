// Time travel through the coordinator (the worker's logic, fake clock, every machine
// inside it as the page's default): seek back, play on, fork, step to the next event.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETUP } from '../cluster/setup';
import { coordinatorHarness, leaderOf } from './testing/coordinator-harness';

const SETUP = { ...DEFAULT_SETUP, masters: 3, etcdMembers: 3, workers: 0, kubernetes: false, seed: 9 };


describe('time travel through the coordinator', () => {
  it('seeks back (rebuilt, paused, events up to then), plays the same future on, and a new action there forks', async () => {
    const h = coordinatorHarness();
    await h.send({ type: 'start', setup: SETUP, speed: 0, playing: true });
    await h.until(() => h.last().now > 5000 && leaderOf(h.last()) !== undefined);
    const oldLeader = leaderOf(h.last())!;
    await h.send({ type: 'kill', machine: oldLeader });
    await h.until(() => h.last().now > 12_000);
    await h.send({ type: 'pause' });
    const end = h.last().timeline!.endMs;
    expect(end).toBeGreaterThan(12_000);
    const killMarker = h.frames.flatMap((f) => f.timeline?.markers ?? []).find((m) => m.kind === 'fault' && m.label === `kill ${oldLeader}`)!;
    expect(killMarker).toBeDefined();

    // Back to a second before the kill.
    const to = killMarker.at - 1000;
    await h.send({ type: 'seek', at: to });
    // The view history's moment goes out first (coordinator-preview.test.ts); then the exact one.
    const seeked = h.frames.find((f) => f.seeked && !f.seeked.preview)!;
    expect(seeked.seeked).toEqual({ to, rebuilt: true });
    expect(seeked.playing).toBe(false);
    expect(seeked.now).toBeLessThanOrEqual(to);
    expect(seeked.events.every((e) => e.t <= to)).toBe(true);
    expect(leaderOf(h.last())).toBe(oldLeader);
    expect(h.last().machines.find((m) => m.name === oldLeader)!.status).toBe('up');
    expect(h.last().timeline!.endMs).toBe(end); // the future is still there

    // Playing on repeats the recorded kill where it was.
    await h.send({ type: 'play' });
    await h.until(() => h.last().now > killMarker.at + 100);
    expect(h.last().machines.find((m) => m.name === oldLeader)!.status).toBe('down');

    // Seek back again and fork: kill another master there.
    await h.send({ type: 'seek', at: to });
    const other = ['master-1', 'master-2', 'master-3'].find((m) => m !== oldLeader)!;
    await h.send({ type: 'kill', machine: other });
    const after = h.last().timeline!;
    expect(after.endMs).toBeLessThan(killMarker.at);
    const markers = h.frames.filter((f) => f.timeline?.markers).at(-1)!.timeline!.markers!;
    expect(markers.some((m) => m.label === `kill ${oldLeader}`)).toBe(false);
    expect(markers.some((m) => m.label === `kill ${other}`)).toBe(true);
    await h.send({ type: 'play' });
    await h.until(() => h.last().now > killMarker.at + 500);
    expect(h.last().machines.find((m) => m.name === oldLeader)!.status).toBe('up');
    expect(h.last().machines.find((m) => m.name === other)!.status).toBe('down');
  });

  it('step to the next event runs until a stopping event and pauses there', async () => {
    const h = coordinatorHarness();
    await h.send({ type: 'start', setup: SETUP, speed: 0, playing: true });
    await h.until(() => h.last().now > 3000 && leaderOf(h.last()) !== undefined);
    await h.send({ type: 'pause' });
    const leader = leaderOf(h.last())!;
    await h.send({ type: 'kill', machine: leader });
    const n = h.frames.length;
    await h.send({ type: 'step-event' });
    await h.until(() => h.frames.length > n && !h.last().playing);
    // The kill itself is the first fault after the pause.
    const events = h.frames.slice(n).flatMap((f) => f.events);
    expect(events.some((e) => e.type === 'fault' || e.type === 'raft.role' || e.type === 'raft.vote')).toBe(true);
    const t = h.last().now;
    await h.send({ type: 'step-event' });
    await h.until(() => h.last().now > t && !h.last().playing);
    expect(h.last().now - t).toBeLessThan(60_000);
  });

  it('Play pressed before a seek back has landed lands it and plays on (with the same future)', async () => {
    const h = coordinatorHarness();
    await h.send({ type: 'start', setup: { ...SETUP, workers: 3, kubernetes: true, seed: 3 }, speed: 0, playing: true });
    await h.until(() => h.last().now > 8000 && leaderOf(h.last()) !== undefined);
    const old = leaderOf(h.last())!;
    await h.send({ type: 'kill', machine: old });
    await h.until(() => h.last().now > 16_000);
    await h.send({ type: 'speed', speed: 5 });
    await h.send({ type: 'pause' });
    const n = h.frames.length;
    // The seek and Play in one turn: the rebuild from t = 0 has not run a slice yet.
    h.coordinator.handle({ type: 'seek', at: 9000 });
    h.coordinator.handle({ type: 'play' });
    await h.until(() => h.frames.slice(n).some((f) => f.seeked && !f.seeked.preview));
    await h.until(() => h.last().now > 12_000);
    const after = h.frames.slice(n);
    const landed = after.find((f) => f.seeked && !f.seeked.preview)!;
    expect(landed.seeked).toEqual({ to: 9000, rebuilt: true });
    expect(landed.playing).toBe(true);
    expect(after.filter((f) => !f.playing && f.now > 9000)).toEqual([]);
    // The recorded kill came again.
    expect(h.last().machines.find((m) => m.name === old)?.status).toBe('down');
  });
});

describe('Frame.heard', () => {
  it('counts the play-state commands taken (play, pause, step, step-event, seek), not the others', async () => {
    const h = coordinatorHarness();
    await h.send({ type: 'start', setup: SETUP, speed: 0, playing: true });
    await h.until(() => h.last().now > 3000);
    expect(h.last().heard).toBe(0);
    await h.send({ type: 'speed', speed: 1 });
    await h.send({ type: 'pause' });
    expect(h.last().heard).toBe(1);
    await h.send({ type: 'seek', at: 1000 });
    await h.send({ type: 'step' });
    await h.send({ type: 'play' });
    await h.send({ type: 'kill', machine: 'master-1' });
    expect(h.last().heard).toBe(4);
    expect(h.last().playing).toBe(true);
  });

  it('Pause stops "to the next event" too (the page shows it as playing)', async () => {
    const h = coordinatorHarness();
    await h.send({ type: 'start', setup: SETUP, speed: 0, playing: true });
    await h.until(() => h.last().now > 3000 && leaderOf(h.last()) !== undefined);
    await h.send({ type: 'pause' });
    h.coordinator.handle({ type: 'step-event' });
    h.coordinator.handle({ type: 'pause' });
    await h.send({ type: 'speed', speed: 1 });
    const t = h.last().now;
    await h.send({ type: 'speed', speed: 1 });
    expect(h.last().playing).toBe(false);
    expect(h.last().now).toBe(t);
  });
});
