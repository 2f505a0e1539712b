// prefers-reduced-motion for the drawing: a message dot steps (sender, then receiver)
// instead of gliding along its edge. WCAG 2.3.3: motion from interaction can be turned off.

/** True when the reader asked the system for less motion. */
export function reducedMotion(): boolean {
  return typeof window !== 'undefined' && window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

/** Where a dot is drawn at fraction `k` (0…1) of its travel: gliding, or in two steps. */
export function dotAt(seg: { x1: number; y1: number; x2: number; y2: number }, k: number, step: boolean): { x: number; y: number } {
  if (step) return k < 0.5 ? { x: seg.x1, y: seg.y1 } : { x: seg.x2, y: seg.y2 };
  return { x: seg.x1 + (seg.x2 - seg.x1) * k, y: seg.y1 + (seg.y2 - seg.y1) * k };
}
