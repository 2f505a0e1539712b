// The entry's early start (src/boot.ts): the cluster starts with the worker, before the
// page's chunk; the page's own identical `start` is not posted again, and the frames the
// worker sent meanwhile reach every listener once the page has said its start.

import { afterEach, beforeEach, expect, it } from 'vitest';
import type { UiCommand } from '../protocol/commands';
import type { Frame } from '../protocol/frames';
import { startCoordinatorWorker, WorkerConnection } from './connection';

class FakeWorker {
  static last: FakeWorker | undefined;
  readonly posted: UiCommand[] = [];
  onmessage: ((e: MessageEvent<Frame>) => void) | null = null;
  onerror: ((e: unknown) => void) | null = null;
  onmessageerror: (() => void) | null = null;
  constructor() {
    FakeWorker.last = this;
  }
  postMessage(cmd: UiCommand): void {
    this.posted.push(cmd);
  }
  terminate(): void {}
  /** The worker posts a frame (of a running clock: `playing`). */
  frame(now: number, playing = false): void {
    this.onmessage?.({ data: { now, playing } as unknown as Frame } as MessageEvent<Frame>);
  }
}

const START: Extract<UiCommand, { type: 'start' }> = { type: 'start', setup: { topology: 'stacked', masters: 3, etcdMembers: 3, workers: 3, seed: 1, profile: 'classroom' }, speed: 1, playing: true };
const g = globalThis as unknown as Record<string, unknown>;
const saved = { Worker: g.Worker, requestAnimationFrame: g.requestAnimationFrame };

/** Animation frame callbacks requested and not yet run. */
let animationFrames: (() => void)[] = [];
const runAnimationFrame = () => {
  const due = animationFrames;
  animationFrames = [];
  for (const f of due) f();
};

beforeEach(() => {
  g.Worker = FakeWorker;
  animationFrames = [];
  g.requestAnimationFrame = (f: () => void) => animationFrames.push(f);
});
afterEach(() => {
  g.Worker = saved.Worker;
  g.requestAnimationFrame = saved.requestAnimationFrame;
});

it("posts the start once, and gives the early frames to every listener after the page's start", () => {
  startCoordinatorWorker(START);
  const worker = FakeWorker.last!;
  worker.frame(1);
  worker.frame(2);
  const conn = new WorkerConnection();
  worker.frame(3);
  const requests: number[] = [];
  const store: number[] = [];
  conn.subscribe((f) => requests.push(f.now));
  conn.subscribe((f) => store.push(f.now));
  expect(store).toEqual([]);
  conn.send({ ...START });
  expect(worker.posted.filter((c) => c.type === 'start')).toHaveLength(1);
  expect(requests).toEqual([1, 2, 3]);
  expect(store).toEqual([1, 2, 3]);
  worker.frame(4);
  expect(store).toEqual([1, 2, 3, 4]);
});

it('another start (the page read a lesson or a recording) is posted, and the early frames are dropped', () => {
  startCoordinatorWorker(START);
  const worker = FakeWorker.last!;
  worker.frame(1);
  const conn = new WorkerConnection();
  const store: number[] = [];
  conn.subscribe((f) => store.push(f.now));
  conn.send({ ...START, speed: 10 });
  expect(worker.posted.filter((c) => c.type === 'start').map((c) => (c as typeof START).speed)).toEqual([1, 10]);
  worker.frame(2);
  expect(store).toEqual([2]);
});

it('without an early start, the page starts the cluster itself and frames go straight through', () => {
  startCoordinatorWorker();
  const worker = FakeWorker.last!;
  const conn = new WorkerConnection();
  const store: number[] = [];
  conn.subscribe((f) => store.push(f.now));
  conn.send(START);
  worker.frame(1);
  expect(worker.posted).toEqual([START]);
  expect(store).toEqual([1]);
});

it("running frames that come before anything was drawn go to the store at once: the first leader is in React's first render", async () => {
  startCoordinatorWorker(START);
  const worker = FakeWorker.last!;
  worker.frame(1, true);
  const conn = new WorkerConnection();
  const store: number[] = [];
  conn.subscribe((f) => store.push(f.now));
  conn.send({ ...START });
  // The early frames, running ones included, at the page's start.
  expect(store).toEqual([1]);
  // One that comes before the page's first animation frame: at once too.
  worker.frame(2, true);
  expect(store).toEqual([1, 2]);
  // Once an animation frame has run with frames applied, a running frame waits for the
  // next rendering (after-rendering.ts). (The page asks for that animation frame in a
  // microtask after applying: frame-drawn.)
  await Promise.resolve();
  runAnimationFrame();
  worker.frame(3, true);
  expect(store).toEqual([1, 2]);
  // A still clock's frame never waits.
  worker.frame(4, false);
  expect(store).toEqual([1, 2, 3, 4]);
});
