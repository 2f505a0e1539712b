import { describe, expect, it } from 'vitest';
import { dotAt } from './motion';

const seg = { x1: 0, y1: 0, x2: 100, y2: 50 };

describe('dotAt', () => {
  it('glides along the edge normally', () => {
    expect(dotAt(seg, 0.25, false)).toEqual({ x: 25, y: 12.5 });
  });
  it('under reduced motion takes only the two ends', () => {
    const seen = new Set([0, 0.1, 0.3, 0.49, 0.5, 0.7, 0.99].map((k) => JSON.stringify(dotAt(seg, k, true))));
    expect([...seen]).toEqual([JSON.stringify({ x: 0, y: 0 }), JSON.stringify({ x: 100, y: 50 })]);
  });
});
