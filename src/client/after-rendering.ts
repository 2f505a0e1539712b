// Where in a vsync a running frame's script lands. A frame's message can arrive anywhere
// in a vsync; its task (decode, applyFrame, React's synchronous render and commit: 5–13
// ms at 30 workers) started late in one runs past the vsync's deadline, and that
// animation frame is late (a rAF interval of two vsyncs). Applied instead in a task
// posted from the next animation frame's callback, the script runs right after that
// frame's rendering (an animation-only frame: 3–5 ms), at the start of a vsync, and the
// style, layout and paint it causes are the next animation frame's: two tasks in two
// vsyncs, each with room. (Applied inside the callback, as tried in the fifth round, the
// script and its rendering were one task of 105–129 ms at the rollout's start, with no
// better p95.)

export interface RenderingClock {
  requestAnimationFrame(run: () => void): void;
  /** Runs `run` in a task of its own, queued now (after the current task's rendering). */
  postTask(run: () => void): void;
  setTimeout(run: () => void, ms: number): void;
}

/** How long a frame may wait for an animation frame: three vsyncs. A hidden tab has no
 * animation frames, and a page drawing under 20 fps (a loaded machine) would otherwise
 * gather several frames into one task. */
export const AFTER_RENDERING_FALLBACK_MS = 50;

/** Runs `run` once, in a task posted from the next animation frame (so after that
 * frame's rendering), or after `fallbackMs` if no animation frame comes. */
export function afterNextRendering(clock: RenderingClock, run: () => void, fallbackMs = AFTER_RENDERING_FALLBACK_MS): void {
  let done = false;
  // The fallback timer is left to run out: it finds the work done (a few bytes fewer on
  // the page's first path than clearing it).
  const once = () => {
    if (done) return;
    done = true;
    run();
  };
  clock.setTimeout(once, fallbackMs);
  clock.requestAnimationFrame(() => clock.postTask(once));
}

/** Frames held until `schedule` runs, then handed over together and in order (frames
 * carry changes: none may be skipped; one task means one React render). */
export class HeldFrames<F> {
  private held: F[] = [];
  private scheduled = false;

  constructor(
    private readonly apply: (frames: readonly F[]) => void,
    private readonly schedule: (run: () => void) => void,
  ) {}

  /** Holds `frame` until the scheduled run; `now` applies it and anything held at once
   * (a still clock: a scrub's or a step's frame should not wait). */
  push(frame: F, now = false): void {
    this.held.push(frame);
    if (now) return this.flush();
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => {
      this.scheduled = false;
      this.flush();
    });
  }

  flush(): void {
    if (this.held.length === 0) return;
    const frames = this.held;
    this.held = [];
    this.apply(frames);
  }
}

/** The browser's clock: a MessageChannel for the task (a zero-delay timer may be
 * clamped to 4 ms). */
export function browserRenderingClock(): RenderingClock {
  const queue: (() => void)[] = [];
  const channel = new MessageChannel();
  channel.port1.onmessage = () => queue.shift()?.();
  return {
    requestAnimationFrame: (run) => void requestAnimationFrame(run),
    postTask: (run) => {
      queue.push(run);
      channel.port2.postMessage(null);
    },
    setTimeout: (run, ms) => void setTimeout(run, ms),
  };
}
