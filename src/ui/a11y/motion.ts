// prefers-reduced-motion for the drawing: a message dot steps (sender, then receiver)
// instead of gliding along its routed line. WCAG 2.3.3: motion from interaction can be turned off.

import { pointAlong, type Point } from '../graph/routes';

/** True when the reader asked the system for less motion. */
export function reducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Where a dot is drawn at fraction `k` (0…1) of its travel along the polyline `points`
 *  (src/ui/graph/routes.ts): gliding, or in two steps (its first point, then its last). */
export function dotAt(points: readonly Point[], k: number, step: boolean): Point {
  if (step) return k < 0.5 ? points[0]! : points[points.length - 1]!;
  return pointAlong(points, k);
}
