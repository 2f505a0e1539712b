// The graph's first paint (FirstPaint.tsx) mounts a large cluster's cards over several
// animation frames: at 30 workers mounting every card in React's first render was one
// task of 60-95 ms of main thread (issue 14: no long task over 50 ms, the page's first
// second included). The full cards (masters, etcd hosts, the balancer, the client: the
// first leader is drawn on them) come at once, the worker tiles after them.

import type { Placed } from './layout';

/** Worker tiles mounted per animation frame after the full cards. */
export const TILES_PER_FRAME = 10;

/** The cards to draw `frames` animation frames after the first: every full card, then
 * the worker tiles in the layout's order, `TILES_PER_FRAME` more per frame. */
export function cardsToDraw<C extends Pick<Placed, 'compact'>>(cards: readonly C[], frames: number): C[] {
  const tiles = cards.filter((c) => c.compact);
  return [...cards.filter((c) => !c.compact), ...tiles.slice(0, (frames + 1) * TILES_PER_FRAME)];
}
