// The graph pane's size as last measured after a layout, by a ResizeObserver (the first
// paint's, then React Flow's graph's). React Flow's graph used to read the pane's
// offsetWidth and offsetHeight while rendering: on taking over from the first paint the
// DOM is dirty, and that read forced a layout of the whole page inside React's render
// (56 ms of main thread in one profile at 30 workers; issue 14: no long task over 50 ms).
// It starts from the first paint's measure instead, and keeps its own after.

export interface BoxSize {
  readonly w: number;
  readonly h: number;
}

let last: BoxSize = { w: 0, h: 0 };

export function lastGraphBox(): BoxSize {
  return last;
}

/** `el`'s size, read in a ResizeObserver's callback (after the browser's layout: no
 * layout forced), remembered for the next graph to start from. */
export function measureGraphBox(el: HTMLElement): BoxSize {
  const w = el.offsetWidth;
  const h = el.offsetHeight;
  if (w !== last.w || h !== last.h) last = { w, h };
  return last;
}
