import { describe, expect, it } from 'vitest';
import { dotAt } from './motion';

const line = [{ x: 0, y: 0 }, { x: 100, y: 50 }];
// A routed line: under a row, then up a free column (src/ui/graph/routes.ts).
const routed = [{ x: 0, y: 0 }, { x: 0, y: 40 }, { x: 60, y: 40 }, { x: 60, y: 0 }];

describe('dotAt', () => {
  it('glides along the edge normally', () => {
    expect(dotAt(line, 0.25, false)).toEqual({ x: 25, y: 12.5 });
  });
  it('follows a routed line around the cards', () => {
    expect(dotAt(routed, 0.5, false)).toEqual({ x: 30, y: 40 });
  });
  it('under reduced motion takes only the two ends', () => {
    for (const pts of [line, routed]) {
      const seen = new Set([0, 0.1, 0.3, 0.49, 0.5, 0.7, 0.99].map((k) => JSON.stringify(dotAt(pts, k, true))));
      expect([...seen]).toEqual([JSON.stringify(pts[0]), JSON.stringify(pts[pts.length - 1])]);
    }
  });
});
