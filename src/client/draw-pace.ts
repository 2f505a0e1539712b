// How soon the page asks for the next frame. Applying a frame (decode, store update,
// React's render and commit) costs the main thread a few ms for a small cluster but
// tens of ms at 100 workers, and the browser paints only between tasks: a page that took
// a frame on every animation frame would spend all its time on frames and draw a few per
// second (issue 14 measured 4–9 fps at 100 workers). So the page keeps frames to at most
// a share of its time: after a frame that cost C ms it asks for the next one no sooner
// than C / FRAME_SHARE after the last one arrived. The message dots and timers move by
// the sim clock in between (src/ui/graph/sim-clock.ts), so the picture keeps moving.
//
// While the clock runs, the page also takes at most one frame every fourth vsync
// (RUNNING_ASK_AFTER_MS): a data frame's animation frame costs two to three times one
// that only animates (30 workers: 14–20 ms of main thread against 4–5), so each one is
// a chance to miss the vsync, and the raster and compositor threads share the two cores
// with the simulation's worker. Nothing is lost: a frame carries everything since the
// previous one, and the dots and timers move by the sim clock. A still clock (paused, a
// seek or a scrub, a step) asks as soon as the cost allows, so a scrub follows the hand.

/** The most of the main thread's time frames may take. */
export const FRAME_SHARE = 0.4;

/** While the clock runs: ms after a frame was applied before the next is asked for.
 * A running frame is applied right after an animation frame's rendering, 2–5 ms into a
 * vsync (after-rendering.ts); asked 47 ms later, at the third vsync, the worker's answer
 * (a turn and a post: 2–15 ms) is applied after the fourth (67 ms): 15 data frames a
 * second. (It was 30 ms, every third vsync: at 30 workers a data frame costs the main
 * thread its apply, 5–9 ms, and a rendering of 12–15 ms, in thread time at load 5–9,
 * and the raster threads 7–8 ms; a quarter fewer of them leaves that much more of the
 * two cores to the vsyncs between. What the learner reads changes at most every 100 ms
 * anyway (src/ui/graph/paced.ts), the header's clock shows tenths, and the dots and
 * timers move by the sim clock in between.) */
export const RUNNING_ASK_AFTER_MS = 47;

/** Wall ms to wait, from now, before saying the frame is drawn: `costMs` is what the
 * last frame took, `sinceArrivalMs` how long ago it was applied, `running` whether the
 * clock runs. */
export function drawnDelayMs(costMs: number, sinceArrivalMs: number, running = false): number {
  return Math.max(0, costMs / FRAME_SHARE - sinceArrivalMs, running ? RUNNING_ASK_AFTER_MS - sinceArrivalMs : 0);
}
