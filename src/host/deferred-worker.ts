// A checker worker that starts later: the live verdict is not needed to draw the first
// leader, so its worker (its script, its thread) starts a few seconds in, or at once
// when a verdict is asked for (chaos switched on). What is posted before that waits in
// order and is delivered when it starts (issue 14: start fast).

import type { CheckerWorkerLike, FromChecker, ToChecker } from './worker-checker';

export class DeferredWorker implements CheckerWorkerLike {
  onmessage: ((e: { data: FromChecker }) => void) | null = null;
  onerror: ((e: { message?: string }) => void) | null = null;
  private worker: CheckerWorkerLike | undefined;
  private queue: ToChecker[] = [];
  private terminated = false;

  /** `later` is called with the start, to run after the delay the caller chooses. */
  constructor(
    private readonly create: () => CheckerWorkerLike,
    later: (start: () => void) => void,
  ) {
    later(() => this.start());
  }

  /** Whether the real worker exists yet. */
  get started(): boolean {
    return this.worker !== undefined;
  }

  postMessage(msg: ToChecker): void {
    if (this.terminated) return;
    if (this.worker) return this.worker.postMessage(msg);
    this.queue.push(msg);
    if (msg.type === 'verdict') this.start();
  }

  start(): void {
    if (this.worker || this.terminated) return;
    const w = this.create();
    this.worker = w;
    w.onmessage = (e) => this.onmessage?.(e);
    w.onerror = (e) => this.onerror?.(e);
    const queued = this.queue;
    this.queue = [];
    for (const msg of queued) w.postMessage(msg);
  }

  terminate(): void {
    this.terminated = true;
    this.queue = [];
    this.worker?.terminate();
  }
}
