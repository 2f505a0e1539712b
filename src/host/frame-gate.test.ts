import { describe, expect, it } from 'vitest';
import { DRAWN_WAIT_MAX_MS, FrameGate } from './frame-gate';

describe('FrameGate', () => {
  it('is always open for a page that never says it drew', () => {
    const g = new FrameGate();
    g.posted(0);
    expect(g.open(1)).toBe(true);
    g.posted(1);
    expect(g.open(2)).toBe(true);
  });

  it('once the page says it draws, holds the next frame until the last one is drawn or the wait runs out', () => {
    const g = new FrameGate();
    g.drawn();
    g.posted(100);
    expect(g.open(116)).toBe(false);
    expect(g.waitMs(116)).toBe(DRAWN_WAIT_MAX_MS - 16);
    g.drawn();
    expect(g.open(117)).toBe(true);
    g.posted(120);
    expect(g.open(120 + DRAWN_WAIT_MAX_MS - 1)).toBe(false);
    expect(g.open(120 + DRAWN_WAIT_MAX_MS)).toBe(true); // a hidden tab still gets frames
  });
});
