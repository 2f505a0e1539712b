// The raf-30w / fps-100w window as an in-page script (text: tsx compiles functions with
// name helpers, __name, that do not exist in the page): rAF intervals over `span` ms of
// wall time, their p95, how many missed a vsync (over 25 ms), and the longest long task.
// Shared by bench-page.ts and window-pairs.ts, so both measure the same window.

export interface WindowFrames {
  count: number;
  missed: number;
  p95: number;
  longest: number;
}

export const FRAMES_SCRIPT = `(span) => new Promise((resolve) => {
  const gaps = [];
  const long = [];
  const obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) long.push(e.duration); });
  obs.observe({ type: 'longtask', buffered: false });
  let last = performance.now();
  const end = last + span;
  const step = (t) => {
    gaps.push(t - last);
    last = t;
    if (t < end) return void requestAnimationFrame(step);
    obs.disconnect();
    const missed = gaps.filter((g) => g > 25).length;
    gaps.sort((a, b) => a - b);
    resolve({ count: gaps.length, missed, p95: gaps[Math.floor(gaps.length * 0.95)] ?? Infinity, longest: Math.max(0, ...long) });
  };
  requestAnimationFrame(step);
})`;
