// Where a log line's time goes back to. A line tells what happened at sim time t (a kill
// applied at t, a leader elected in the window that holds t); the seek replays the run
// up to a moment and includes what was done at exactly that moment (src/host/seek.ts
// applies the actions taken at or before it). So "go to this line" lands one
// millisecond before it: the cluster as it was just before the event, paused, and ▶
// (or "to next event") shows it happen. The clock reads the line's time to 0.1 s.

/** How far before a line's time its seek lands. */
export const BEFORE_LINE_MS = 1;

export function seekTargetOfLine(line: { readonly t: number }): number {
  return Math.max(0, Math.round(line.t) - BEFORE_LINE_MS);
}
