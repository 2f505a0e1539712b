// The viewport React Flow's fitView gives (pan x, y and zoom), computed from the layout
// and the container's size, so the graph's first paint (FirstPaint.tsx, drawn before
// React Flow has loaded) puts every card where React Flow will put it, and React Flow
// starts from it (Graph.tsx's defaultViewport): the hand-over cannot be seen.
// The rule, as @xyflow/system 0.0.84 applies it: a side's padding is
// floor((size − size / (1 + padding)) / 2) px for a fraction, floor(n) for 'npx'; the zoom fits the nodes'
// bounds into what is left on the tighter axis, clamped to [minZoom, maxZoom]; the
// bounds' centre goes to the container's centre; then, where a side's padding (floored
// to whole pixels) came out less than asked, the view moves by the shortfall (a pixel,
// from rounding: without it the first paint and React Flow differed by 1 px).

export interface Box { readonly x: number; readonly y: number; readonly w: number; readonly h: number }
export interface Viewport { readonly x: number; readonly y: number; readonly zoom: number }
/** A side's padding as React Flow takes it: a fraction (0.08) or pixels ('56px'). */
export type PaddingValue = number | `${number}px`;
export interface SidePaddings { readonly top: PaddingValue; readonly right: PaddingValue; readonly bottom: PaddingValue; readonly left: PaddingValue }
export interface FitOptions { readonly padding: PaddingValue | SidePaddings; readonly minZoom: number; readonly maxZoom: number }

/** Graph.tsx's settings: fitViewOptions.padding, minZoom, maxZoom. */
export const GRAPH_FIT: FitOptions = { padding: 0.08, minZoom: 0.1, maxZoom: 2 };

/** The overlay switches (Pod network, Services), one above the other in the graph's
 * bottom-right corner (network.css: right 8 px, bottom 8 px; 137 × 78 px in presenter
 * type, 125 × 70 else). */
export const SWITCHES_ZONE = { right: 8, bottom: 8, w: 146, h: 82 };

/** The padding to fit with: GRAPH_FIT's, unless that fit would put a card under the
 * overlay switches (rows of worker cards across the whole width reach the corner);
 * then a strip along the bottom or the right side is kept clear, whichever leaves the
 * cards larger. A cluster that leaves the corner free (HA: a short worker row, centred)
 * keeps every pixel for its cards' text (presenter mode at 1280×720: ≥ 12 px). */
export function fitPadding(boxes: readonly Box[], width: number, height: number, switches: boolean): FitOptions['padding'] {
  const p = GRAPH_FIT.padding;
  if (!switches || typeof p !== 'number') return p;
  const vp = fitViewport(boxes, width, height);
  const zx0 = width - SWITCHES_ZONE.right - SWITCHES_ZONE.w;
  const zy0 = height - SWITCHES_ZONE.bottom - SWITCHES_ZONE.h;
  const under = boxes.some((b) => {
    const x0 = b.x * vp.zoom + vp.x, y0 = b.y * vp.zoom + vp.y;
    return x0 < width - SWITCHES_ZONE.right && x0 + b.w * vp.zoom > zx0 && y0 < height - SWITCHES_ZONE.bottom && y0 + b.h * vp.zoom > zy0;
  });
  if (!under) return p;
  const bottom: SidePaddings = { top: p, right: p, bottom: `${SWITCHES_ZONE.bottom + SWITCHES_ZONE.h + 8}px`, left: p };
  const right: SidePaddings = { top: p, right: `${SWITCHES_ZONE.right + SWITCHES_ZONE.w + 8}px`, bottom: p, left: p };
  const zoom = (q: SidePaddings) => fitViewport(boxes, width, height, { ...GRAPH_FIT, padding: q }).zoom;
  return zoom(right) > zoom(bottom) ? right : bottom;
}

const paddingPx = (size: number, padding: PaddingValue): number =>
  typeof padding === 'number' ? Math.floor((size - size / (1 + padding)) * 0.5) : Math.floor(parseFloat(padding));

/** The graph's fit: fitViewport with fitPadding's padding. */
export function fitGraph(boxes: readonly Box[], width: number, height: number, switches: boolean): Viewport {
  return fitViewport(boxes, width, height, { ...GRAPH_FIT, padding: fitPadding(boxes, width, height, switches) });
}

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
  const p = o.padding;
  const sides = typeof p === 'object' ? p : { top: p, right: p, bottom: p, left: p };
  const top = paddingPx(height, sides.top);
  const bottom = paddingPx(height, sides.bottom);
  const left = paddingPx(width, sides.left);
  const right = paddingPx(width, sides.right);
  const zoom = Math.min(Math.max(Math.min((width - left - right) / bw, (height - top - bottom) / bh), o.minZoom), o.maxZoom);
  const x = width / 2 - (x0 + bw / 2) * zoom;
  const y = height / 2 - (y0 + bh / 2) * zoom;
  const short = (got: number, asked: number): number => Math.min(Math.floor(got) - asked, 0);
  return {
    x: x - short(x0 * zoom + x, left) + short(width - ((x0 + bw) * zoom + x), right),
    y: y - short(y0 * zoom + y, top) + short(height - ((y0 + bh) * zoom + y), bottom),
    zoom,
  };
}
