// The only UI-side code that touches Worker and postMessage (design.md "The UI"):
// a SimConnection carries UiCommands to the coordinator worker and its Frames back.

import type { UiCommand } from '../protocol/commands';
import type { Frame } from '../protocol/frames';
import { afterNextRendering, browserRenderingClock, HeldFrames } from './after-rendering';
import { drawnDelayMs } from './draw-pace';

export type FrameListener = (frame: Frame) => void;
export type ErrorListener = (message: string) => void;

export interface SimConnection {
  send(cmd: UiCommand): void;
  /** Calls `onFrame` for every frame and `onError` when the worker itself fails
   * (a script error, a module that failed to load). Returns the unsubscribe. */
  subscribe(onFrame: FrameListener, onError?: ErrorListener): () => void;
  dispose(): void;
}

/** A coordinator worker started before the page's own code loaded (src/boot.ts), for
 * the first WorkerConnection to take. */
let early: Worker | undefined;
/** What went wrong with it before a connection listened (its script failed to load). */
let earlyError: string | undefined;
/** The `start` posted to it by the entry (JSON), and the frames it answered before a
 * connection listened: the page's own `start`, when the same, is not posted again. */
let earlyStart: string | undefined;
let earlyFrames: MessageEvent<Frame>[] = [];

function coordinatorWorker(): Worker {
  return new Worker(new URL('../host/coordinator.worker.ts', import.meta.url), { type: 'module', name: 'coordinator' });
}

/** Starts the coordinator worker now, so its script loads while the page's does; the
 * next WorkerConnection uses it. Messages posted to it queue until it runs. With `start`,
 * the cluster starts now too, and its frames wait for the connection. */
export function startCoordinatorWorker(start?: Extract<UiCommand, { type: 'start' }>): void {
  if (early) return;
  early = coordinatorWorker();
  early.onerror = (e: ErrorEvent) => {
    e.preventDefault();
    earlyError ??= e.message || 'unknown error (see the browser console)';
  };
  if (!start) return;
  early.onmessage = (e: MessageEvent<Frame>) => void earlyFrames.push(e);
  early.postMessage(start);
  earlyStart = JSON.stringify(start);
}

/** The real connection: one coordinator worker (which starts one worker per machine). */
export class WorkerConnection implements SimConnection {
  private readonly worker: Worker;
  private readonly frames = new Set<FrameListener>();
  private readonly errors = new Set<ErrorListener>();
  private drawnPending = false;
  /** An animation frame has run since frames were first applied: from then on a running
   * frame waits for the next rendering. Before, nothing of theirs is on screen to keep
   * smooth, and a frame applied at once is in React's first render instead of the one
   * after it (issue 14: the first leader, which a fast boot often has ready before the
   * page's first render, was drawn a render, an animation frame and a task later). */
  private drawnOnce = false;
  /** Running frames wait for the next animation frame's rendering (after-rendering.ts). */
  private readonly held: HeldFrames<Frame>;
  /** A failure of the early worker, said to the first error listener. */
  private pendingError: string | undefined;
  /** The early worker's `start` (JSON), until the page's own start is sent. */
  private startedEarly: string | undefined;
  /** Frames of the early start that came before the page's own `start`: every
   * listener has subscribed by then (src/ui/lab.ts), and gets them then. */
  private backlog: MessageEvent<Frame>[];

  constructor() {
    this.worker = early ?? coordinatorWorker();
    if (early && earlyError !== undefined) this.pendingError = `the simulation worker failed: ${earlyError}`;
    this.startedEarly = early ? earlyStart : undefined;
    this.backlog = early && earlyStart !== undefined ? earlyFrames : [];
    early = undefined;
    earlyError = undefined;
    earlyStart = undefined;
    earlyFrames = [];
    const clock = browserRenderingClock();
    this.held = new HeldFrames<Frame>((frames) => this.apply(frames), (run) => afterNextRendering(clock, run));
    this.worker.onmessage = (e: MessageEvent<Frame>) => this.onFrame(e);
    this.worker.onerror = (e: ErrorEvent) => {
      e.preventDefault();
      this.fail(`the simulation worker failed: ${e.message || 'unknown error (see the browser console)'}`);
    };
    this.worker.onmessageerror = () => this.fail('the simulation worker sent a message the page could not read');
  }

  private onFrame(e: MessageEvent<Frame>): void {
    if (this.startedEarly !== undefined) return void this.backlog.push(e);
    // A still clock's frame (a step, a seek, a scrub) is applied at once; a running
    // one after the next animation frame's rendering (after-rendering.ts), once the
    // page has drawn frames.
    this.held.push(e.data, !e.data.playing || !this.drawnOnce);
  }

  private apply(frames: readonly Frame[]): void {
    const arrived = performance.now();
    for (const frame of frames) for (const f of this.frames) f(frame);
    // React renders the store's update in a microtask queued before this one: the
    // frames' cost is known when this one runs.
    const playing = frames[frames.length - 1]!.playing;
    queueMicrotask(() => this.sayDrawnOnNextPaint(arrived, performance.now() - arrived, playing));
  }

  /** Tells the coordinator, from the next animation frame, that the frames so far are
   * drawn: it then posts the next one (src/host/frame-gate.ts), so a busy page gets as
   * many frames as it can draw instead of a queue of them; later after a costly frame,
   * and while the clock runs at most one every fourth vsync (draw-pace.ts). */
  private sayDrawnOnNextPaint(arrived: number, costMs: number, running: boolean): void {
    if (this.drawnPending) return;
    this.drawnPending = true;
    requestAnimationFrame(() => {
      this.drawnOnce = true;
      const say = () => {
        this.drawnPending = false;
        this.worker.postMessage({ type: 'frame-drawn' } satisfies UiCommand);
      };
      // A costly frame: leave the main thread to drawing for a while (draw-pace.ts).
      const wait = drawnDelayMs(costMs, performance.now() - arrived, running);
      if (wait > 0) setTimeout(say, wait);
      else say();
    });
  }

  private fail(message: string): void {
    if (this.errors.size === 0) this.pendingError ??= message;
    for (const f of this.errors) f(message);
  }

  send(cmd: UiCommand): void {
    if (cmd.type === 'start' && this.startedEarly !== undefined) {
      // The entry started this very cluster already (src/boot.ts): not twice, and its
      // frames so far are the page's now. Another cluster: those frames are dropped.
      const same = JSON.stringify(cmd) === this.startedEarly;
      const backlog = this.backlog;
      this.startedEarly = undefined;
      this.backlog = [];
      if (same) return void backlog.forEach((e) => this.onFrame(e));
    }
    this.worker.postMessage(cmd);
  }

  subscribe(onFrame: FrameListener, onError?: ErrorListener): () => void {
    this.frames.add(onFrame);
    if (onError) {
      this.errors.add(onError);
      const pending = this.pendingError;
      this.pendingError = undefined;
      if (pending !== undefined) onError(pending);
    }
    return () => {
      this.frames.delete(onFrame);
      if (onError) this.errors.delete(onError);
    };
  }

  dispose(): void {
    this.frames.clear();
    this.errors.clear();
    this.worker.terminate();
  }
}
