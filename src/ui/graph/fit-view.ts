// The viewport React Flow's fitView gives (pan x, y and zoom), computed from the layout
// and the container's size, so the graph's first paint (FirstPaint.tsx, drawn before
// React Flow has loaded) puts every card where React Flow will put it, and React Flow
// starts from it (Graph.tsx's defaultViewport): the hand-over cannot be seen.
// The rule, as @xyflow/system 0.0.84 applies it for a numeric padding: the padding on
// each axis is floor((size − size / (1 + padding)) / 2) px; the zoom fits the nodes'
// bounds into what is left on the tighter axis, clamped to [minZoom, maxZoom]; the
// bounds' centre goes to the container's centre; then, where a side's padding (floored
// to whole pixels) came out less than asked, the view moves by the shortfall (a pixel,
// from rounding: without it the first paint and React Flow differed by 1 px).

export interface Box { readonly x: number; readonly y: number; readonly w: number; readonly h: number }
export interface Viewport { readonly x: number; readonly y: number; readonly zoom: number }
export interface FitOptions { readonly padding: number; readonly minZoom: number; readonly maxZoom: number }

/** Graph.tsx's settings: fitViewOptions.padding, minZoom, maxZoom. */
export const GRAPH_FIT: FitOptions = { padding: 0.08, minZoom: 0.1, maxZoom: 2 };

const paddingPx = (size: number, padding: number): number => Math.floor((size - size / (1 + padding)) * 0.5);

export function fitViewport(boxes: readonly Box[], width: number, height: number, o: FitOptions = GRAPH_FIT): Viewport {
  if (boxes.length === 0 || width <= 0 || height <= 0) return { x: 0, y: 0, zoom: 1 };
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  const bw = Math.max(x1 - x0, 1);
  const bh = Math.max(y1 - y0, 1);
  const px = paddingPx(width, o.padding);
  const py = paddingPx(height, o.padding);
  const zoom = Math.min(Math.max(Math.min((width - 2 * px) / bw, (height - 2 * py) / bh), o.minZoom), o.maxZoom);
  const x = width / 2 - (x0 + bw / 2) * zoom;
  const y = height / 2 - (y0 + bh / 2) * zoom;
  const short = (got: number, asked: number): number => Math.min(Math.floor(got) - asked, 0);
  return {
    x: x - short(x0 * zoom + x, px) + short(width - ((x0 + bw) * zoom + x), px),
    y: y - short(y0 * zoom + y, py) + short(height - ((y0 + bh) * zoom + y), py),
    zoom,
  };
}
