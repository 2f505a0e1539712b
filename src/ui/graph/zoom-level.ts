// The graph's level of detail (the worker tiles' zoom levels), in a tiny store of its
// own instead of React Flow's: the tiles are drawn by the first paint (FirstPaint.tsx)
// before React Flow has loaded, and by React Flow after (Graph.tsx keeps this store in
// step with its viewport). A tile re-renders only when the level changes, not on every
// pan or zoom.

import { create } from 'zustand';

export type ZoomLevel = 'far' | 'dots' | 'detail';

/** Below this zoom a tile shows a count instead of dots; from DETAIL_ZOOM it adds the
 * phases. */
export const DOTS_ZOOM = 0.3;
export const DETAIL_ZOOM = 1.2;

export const levelOf = (zoom: number): ZoomLevel => (zoom < DOTS_ZOOM ? 'far' : zoom >= DETAIL_ZOOM ? 'detail' : 'dots');

export const zoomLevel = create<{ readonly level: ZoomLevel }>(() => ({ level: 'dots' }));

/** Sets the level for `zoom` (no update when it stays the same). */
export function setZoom(zoom: number): void {
  const level = levelOf(zoom);
  if (zoomLevel.getState().level !== level) zoomLevel.setState({ level });
}
