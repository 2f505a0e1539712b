// One event of a Chromium trace (the Trace Event Format's fields the harness scripts read:
// trace-page, first-leader-split, long-frames, frame-misses).

export interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  /** Thread time (µs) of a complete event. */
  tdur?: number;
  args?: Record<string, unknown> & { name?: string; data?: { url?: string; functionName?: string; frame?: string } };
}
