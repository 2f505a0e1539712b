// Apart from worker-driver.ts, which comes with the console's part (lazy-console.ts): the
// coordinator reads this at every stall report, in the default build too.

/** A machine worker that has not answered a window for this long (wall ms) is reported
 * as stalled: a busy tab or a slow machine must not freeze the page silently. */
export const STALL_MS = 4000;
