// The graph's dots as a CSS background (DotBackground.tsx says why), for React Flow's
// graph and the first paint alike (FirstPaint.tsx): no React Flow import here, so the
// first paint's chunk stays without it.

import type { CSSProperties } from 'react';

export interface DotGrid {
  readonly gap: number;
  readonly colour: string;
}

/** The background's CSS for a viewport (x, y, zoom): what React Flow's dot pattern
 * draws, cell by cell (pattern origin at x mod cell - cell / 2, a dot at (r, r)). */
export function dotBackgroundStyle(grid: DotGrid, [x, y, zoom]: readonly [number, number, number]): CSSProperties {
  const cell = grid.gap * zoom || 1;
  const r = zoom / 2;
  const dot = `<svg xmlns='http://www.w3.org/2000/svg' width='${cell}' height='${cell}'><circle cx='${r}' cy='${r}' r='${r}' fill='${grid.colour}'/></svg>`;
  return {
    backgroundImage: `url("data:image/svg+xml,${encodeURIComponent(dot)}")`,
    backgroundSize: `${cell}px ${cell}px`,
    backgroundPosition: `${(x % cell) - cell / 2}px ${(y % cell) - cell / 2}px`,
  };
}
