// The graph's dotted background, drawn as React Flow's <Background gap={24} /> draws its
// dots (a circle of radius zoom / 2 in each gap × zoom cell, the grid moving with the
// viewport), but as a CSS background on a plain box instead of an <svg> sized 100 %.
//
// Why: Chromium lays an <svg> root of percentage size out again whenever its containing
// block is laid out, and treats that as a size change: the whole svg is repainted and
// every tile under it rasterized again, though nothing moved. The graph's box is laid
// out again whenever a sibling changes (the Pending tray's pods, several times a second
// during a rollout), so React Flow's background repainted and re-rasterized the whole
// graph pane (about 12 of the root layer's 256-px tiles, every card's text over them)
// on most data frames at 30 workers. A box whose size did not change is not repainted.
// The dots themselves are a tiny SVG image, so they look as the pattern's did.

import { useStore, type ReactFlowState } from '@xyflow/react';
import { dotBackgroundStyle, type DotGrid } from './dot-background';

const transformOf = (s: ReactFlowState) => s.transform;

export function DotBackground(grid: DotGrid) {
  const transform = useStore(transformOf);
  return <div className="react-flow__background react-flow__container graph-dots" data-testid="rf__background" style={dotBackgroundStyle(grid, transform)} />;
}
