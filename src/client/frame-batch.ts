// Frames from the simulation's worker are applied at the start of the next animation
// frame, not when their message arrives. A message can arrive anywhere in a vsync: its
// task (decode, applyFrame, React's synchronous render and commit: 5–8 ms at 30 workers)
// then runs late in the vsync and the style, layout and paint it causes (another 9–12 ms)
// no longer fit before the deadline, so the frame takes two vsyncs. Applied inside the
// animation frame's callback, the script and the rendering it causes run back to back
// from the vsync's start, and React's render (a microtask after the callback) lands in
// the same frame. Frames that arrive together are applied together, in order: frames
// carry only changes, so none may be skipped, and the store's updates make one React
// render (React batches the updates of one task).

/** Runs `run` once, at the next animation frame; or after `fallbackMs` if no animation
 * frame comes by then (a busy page, or a hidden tab, which gets none). */
export function atNextAnimationFrame(run: () => void, fallbackMs = FALLBACK_MS): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    clearTimeout(timer);
    run();
  };
  const timer = setTimeout(once, fallbackMs);
  requestAnimationFrame(once);
}

/** How long a frame may wait for an animation frame before it is applied anyway: three
 * vsyncs. At 60 fps it never comes to that; a page that draws less than 20 fps (a loaded
 * machine, measured at load 11–12) would otherwise gather the frames the coordinator
 * posts meanwhile (its frame gate gives up waiting after 250 ms) into one animation
 * frame, one long task of script and rendering; applied in a task of their own, their
 * script and the rendering are two. A hidden tab (no animation frames) needs it too. */
export const FALLBACK_MS = 50;

/** Collects items and hands them over in one batch, at the time `schedule` picks. */
export class FrameBatch<F> {
  private queued: F[] = [];
  private scheduled = false;

  constructor(
    private readonly apply: (items: readonly F[]) => void,
    private readonly schedule: (run: () => void) => void = atNextAnimationFrame,
  ) {}

  push(item: F): void {
    this.queued.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  /** Applies what is queued now (the scheduled run then finds nothing). */
  flush(): void {
    this.scheduled = false;
    if (this.queued.length === 0) return;
    const items = this.queued;
    this.queued = [];
    this.apply(items);
  }

  clear(): void {
    this.queued = [];
  }
}
