import { expect, it } from 'vitest';
import { cardsToDraw, TILES_PER_FRAME } from './card-slices';

it('draws every full card at once and the worker tiles TILES_PER_FRAME per animation frame', () => {
  const full = ['master-1', 'master-2', 'master-3', 'lb', 'client'].map((id) => ({ id, compact: false }));
  const tiles = Array.from({ length: 25 }, (_, i) => ({ id: `worker-${i + 1}`, compact: true }));
  // The layout's order puts tiles anywhere: the full cards still come first.
  const cards = [full[0]!, ...tiles.slice(0, 5), ...full.slice(1), ...tiles.slice(5)];
  expect(TILES_PER_FRAME).toBe(10);
  expect(cardsToDraw(cards, 0).map((c) => c.id)).toEqual([...full, ...tiles.slice(0, 10)].map((c) => c.id));
  expect(cardsToDraw(cards, 1)).toHaveLength(25);
  expect(cardsToDraw(cards, 2)).toHaveLength(30);
  expect(cardsToDraw(cards, 9)).toHaveLength(30);
  // A small cluster (no tiles) is drawn whole at once.
  expect(cardsToDraw(full, 0)).toEqual(full);
});
