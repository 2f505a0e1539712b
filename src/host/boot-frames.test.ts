// While a cluster boots as fast as possible the page gets few frames, and the first one
// with an etcd leader at once (boot-frames.ts).

import { expect, it } from 'vitest';
import { DEFAULT_SETUP as PAGE_DEFAULT } from '../cluster/setup';
import type { Frame } from '../protocol/frames';
import { BOOT_FRAME_MS } from './boot-frames';
import { Coordinator } from './coordinator';
import { InWorkerDriver } from './in-worker-driver';
import { FakeClock } from './testing/fake-clock';
import { fullFrames } from './testing/full-frames';

// With Kubernetes, so the boot goes on after the leader until the nodes are Ready.
const SETUP = { ...PAGE_DEFAULT, masters: 3, etcdMembers: 3, workers: 1 };

function hasLeader(f: Frame): boolean {
  return f.machines.some((m) => Object.values(m.processes ?? {}).some((v) => (v as { role?: string }).role === 'leader'));
}

it('sends the first frame after the first turn, then at most one per BOOT_FRAME_MS, except the first with a leader, sent at once', async () => {
  const clock = new FakeClock();
  const frames: { wall: number; frame: Frame }[] = [];
  const full = fullFrames(); // frames carry only what changed in the views
  const coordinator = new Coordinator({
    post: (frame) => frames.push({ wall: clock.wall, frame: full(frame) }),
    wallNow: () => clock.wall,
    setTimer: clock.setTimer,
    createDriver: () => new InWorkerDriver(),
    scenarios: {},
  });
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  // A slow machine: each window costs 1 ms of wall time, so the boot spans many frames.
  // (runOneNow is the loop's way for machines in this thread, runOne the others'.)
  const slow = coordinator as unknown as { runOne(): Promise<void>; runOneNow(inner: unknown): void };
  const runOne = slow.runOne.bind(coordinator);
  const runOneNow = slow.runOneNow.bind(coordinator);
  slow.runOne = async () => {
    await runOne();
    clock.wall += 1;
  };
  slow.runOneNow = (inner) => {
    runOneNow(inner);
    clock.wall += 1;
  };
  coordinator.handle({ type: 'start', setup: SETUP, speed: 1, playing: true });
  await settle();
  const booted = () => frames.some((f) => (f.frame.notes ?? []).some((n) => n.startsWith('booted as fast as possible')));
  for (let i = 0; i < 5000 && !booted(); i++) {
    clock.advance(1);
    await settle();
  }
  expect(booted()).toBe(true);
  const boot = frames.slice(0, frames.findIndex((f) => (f.frame.notes ?? []).length > 0));
  const firstLeader = boot.findIndex((f) => hasLeader(f.frame));
  expect(boot[0]!.wall).toBeLessThanOrEqual(16); // after the first turn
  expect(firstLeader).toBeGreaterThan(0);
  // The frame before the leader's went out at least BOOT_FRAME_MS after its previous;
  // the leader's did not wait for that.
  for (let i = 1; i < boot.length; i++) {
    if (i === firstLeader) continue;
    expect(boot[i]!.wall - boot[i - 1]!.wall).toBeGreaterThanOrEqual(BOOT_FRAME_MS);
  }
  expect(boot[firstLeader]!.wall - boot[firstLeader - 1]!.wall).toBeLessThan(BOOT_FRAME_MS);
});
