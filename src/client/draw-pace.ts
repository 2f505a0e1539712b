// How soon the page asks for the next frame. Applying a frame (decode, store update,
// React's render and commit) costs the main thread a few ms for a small cluster but
// tens of ms at 100 workers, and the browser paints only between tasks: a page that took
// a frame on every animation frame would spend all its time on frames and draw a few per
// second (issue 14 measured 4–9 fps at 100 workers). So the page keeps frames to at most
// a share of its time: after a frame that cost C ms it asks for the next one no sooner
// than C / FRAME_SHARE after the last one arrived. The message dots and timers move by
// the sim clock in between (src/ui/graph/sim-clock.ts), so the picture keeps moving.

/** The most of the main thread's time frames may take. */
export const FRAME_SHARE = 0.4;

/** Wall ms to wait, from now, before saying the frame is drawn: `costMs` is what the
 * last frame took, `sinceArrivalMs` how long ago it arrived. */
export function drawnDelayMs(costMs: number, sinceArrivalMs: number): number {
  return Math.max(0, costMs / FRAME_SHARE - sinceArrivalMs);
}
