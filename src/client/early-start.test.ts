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
  /** The worker posts a frame. */
  frame(now: number): void {
    this.onmessage?.({ data: { now } as unknown as Frame } as MessageEvent<Frame>);
  }
}

const START: Extract<UiCommand, { type: 'start' }> = { type: 'start', setup: { topology: 'stacked', masters: 3, etcdMembers: 3, workers: 3, seed: 1, profile: 'classroom' }, speed: 1, playing: true };
const g = globalThis as unknown as Record<string, unknown>;
const saved = { Worker: g.Worker, requestAnimationFrame: g.requestAnimationFrame };

beforeEach(() => {
  g.Worker = FakeWorker;
  g.requestAnimationFrame = () => 0;
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
