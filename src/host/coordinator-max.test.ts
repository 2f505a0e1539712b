// At "as fast as possible" the simulation's worker never waits for a frame to be due:
// a turn with no frame due is followed by the next turn at once (a zero-delay timer),
// and frames go out at most one per MAX_SPEED_FRAME_MS.

import { expect, it } from 'vitest';
import { DEFAULT_SETUP } from '../cluster/setup';
import type { Frame } from '../protocol/frames';
import { Coordinator, MAX_SPEED_FRAME_MS } from './coordinator';
import { InWorkerDriver } from './in-worker-driver';
import { FakeClock } from './testing/fake-clock';

const SETUP = { ...DEFAULT_SETUP, masters: 3, etcdMembers: 3, workers: 0, kubernetes: false, seed: 2 };

it('at max, turns follow each other with no idle wait, and frames go out at most one per MAX_SPEED_FRAME_MS', async () => {
  const clock = new FakeClock();
  const frames: { wall: number; frame: Frame }[] = [];
  const delays: { wall: number; ms: number }[] = [];
  const coordinator = new Coordinator({
    post: (frame) => frames.push({ wall: clock.wall, frame }),
    wallNow: () => clock.wall,
    setTimer: (fn, ms) => {
      delays.push({ wall: clock.wall, ms });
      clock.setTimer(fn, ms);
    },
    createDriver: () => new InWorkerDriver(),
    scenarios: {},
  });
  const settle = async () => {
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  };
  // Each window costs 0.5 ms of wall time: a turn's budget is about 24 windows.
  const c = coordinator as unknown as { runOneNow(inner: unknown): void };
  const runOneNow = c.runOneNow.bind(coordinator);
  c.runOneNow = (inner) => {
    runOneNow(inner);
    clock.wall += 0.5;
  };
  coordinator.handle({ type: 'start', setup: SETUP, speed: 0, playing: true });
  await settle();
  const booted = () => frames.some((f) => (f.frame.notes ?? []).some((n) => n.startsWith('booted as fast as possible')));
  for (let i = 0; i < 2000 && !booted(); i++) {
    clock.advance(0);
    await settle();
  }
  expect(booted()).toBe(true);
  const from = clock.wall;
  for (let i = 0; i < 200; i++) {
    clock.advance(0);
    await settle();
  }
  expect(clock.wall - from).toBeGreaterThan(1000); // the run went on by itself
  expect(delays.filter((d) => d.wall > from && d.ms > 0)).toEqual([]);
  const late = frames.filter((f) => f.wall > from);
  expect(late.length).toBeGreaterThan(10);
  for (let i = 1; i < late.length; i++) expect(late[i]!.wall - late[i - 1]!.wall).toBeGreaterThanOrEqual(MAX_SPEED_FRAME_MS);
});

it("at max, the view history's grain moments come with the frames: no views computed for a moment between two frames", async () => {
  const clock = new FakeClock();
  const frames: Frame[] = [];
  const coordinator = new Coordinator({
    post: (frame) => frames.push(frame),
    wallNow: () => clock.wall,
    setTimer: (fn, ms) => clock.setTimer(fn, ms),
    createDriver: () => new InWorkerDriver(),
    scenarios: {},
  });
  const settle = async () => {
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  };
  // Each window costs 0.1 ms of wall time: a frame (every MAX_SPEED_FRAME_MS) every ~500
  // windows, several seconds of sim time.
  const c = coordinator as unknown as { runOneNow(inner: unknown): void; seekCtl: { history: { size: number } } };
  const runOneNow = c.runOneNow.bind(coordinator);
  c.runOneNow = (inner) => {
    runOneNow(inner);
    clock.wall += 0.1;
  };
  coordinator.handle({ type: 'start', setup: SETUP, speed: 0, playing: true });
  await settle();
  const booted = () => frames.some((f) => (f.notes ?? []).some((n) => n.startsWith('booted as fast as possible')));
  for (let i = 0; i < 2000 && !booted(); i++) {
    clock.advance(0);
    await settle();
  }
  const moments0 = c.seekCtl.history.size;
  const frames0 = frames.length;
  const sim0 = frames.at(-1)!.now;
  for (let i = 0; i < 400; i++) {
    clock.advance(0);
    await settle();
  }
  const moments = c.seekCtl.history.size - moments0;
  const posted = frames.length - frames0;
  const simSeconds = (frames.at(-1)!.now - sim0) / 1000;
  // A moment per second of sim time (FAST_GRAIN_MS) would be one per second here; with
  // the frames, one per frame at most (and one after each marker's event: none here).
  expect(simSeconds).toBeGreaterThan(3 * posted);
  expect(moments).toBeLessThanOrEqual(posted + 1);
});

it('booting at a paced speed, the run goes on at once after a frame too: no timer until every node is Ready', async () => {
  const clock = new FakeClock();
  const frames: Frame[] = [];
  const delays: number[] = [];
  const coordinator = new Coordinator({
    post: (frame) => frames.push(frame),
    wallNow: () => clock.wall,
    setTimer: (fn, ms) => {
      // Timers armed while booting (the last turn of the boot arms the paced run's).
      if ((coordinator as unknown as { boot: { booting: boolean } }).boot.booting) delays.push(ms);
      clock.setTimer(fn, ms);
    },
    createDriver: () => new InWorkerDriver(),
    scenarios: {},
  });
  const settle = async () => {
    for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
  };
  const c = coordinator as unknown as { runOneNow(inner: unknown): void; boot: { booting: boolean } };
  const runOneNow = c.runOneNow.bind(coordinator);
  c.runOneNow = (inner) => {
    runOneNow(inner);
    clock.wall += 0.5;
  };
  // With Kubernetes and a worker the boot goes on after the first leader, until the node
  // is Ready. The fake clock only moves as windows run: a timer of more than 0 ms would
  // never fire, and the boot would stop there.
  coordinator.handle({ type: 'start', setup: { ...DEFAULT_SETUP, masters: 1, etcdMembers: 1, workers: 1, seed: 2 }, speed: 1, playing: true });
  await settle();
  for (let i = 0; i < 3000 && c.boot.booting; i++) {
    clock.advance(0);
    await settle();
  }
  expect(c.boot.booting).toBe(false);
  expect(frames.length).toBeGreaterThan(2);
  expect(delays.filter((ms) => ms > 0)).toEqual([]);
});
