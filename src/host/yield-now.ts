// A zero-delay turn for the coordinator worker. A setTimeout(fn, 0) that a timer
// callback sets is clamped to 4 ms once timers nest five deep (the HTML spec's timer
// nesting rule, which Chromium applies in workers too): at "as fast as possible" the
// coordinator runs 12 ms of windows per turn, so 4 ms of forced idle per turn was a
// quarter of the worker's time. A MessageChannel message is a task with no clamp, queued
// behind the UI's commands like any other message, so a command still gets in between
// two turns.

export type Timer = (fn: () => void, ms: number) => void;

/** `setTimeout` for delays above zero; a message to itself for zero. */
export function unclampedTimer(setTimer: Timer = (fn, ms) => void setTimeout(fn, ms)): Timer {
  const channel = new MessageChannel();
  const due: (() => void)[] = [];
  channel.port1.onmessage = () => due.shift()?.();
  // Node (tests) would keep the process alive for an open port; browsers have no unref.
  (channel.port1 as { unref?: () => void }).unref?.();
  return (fn, ms) => {
    if (ms > 0) return setTimer(fn, ms);
    due.push(fn);
    channel.port2.postMessage(0);
  };
}
