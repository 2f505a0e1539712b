import { describe, expect, it } from 'vitest';
import { dotBackgroundStyle } from './dot-background';

const GRID = { gap: 24, colour: '#d8d8d0' };

describe('dotBackgroundStyle', () => {
  it('tiles one dot per gap × zoom cell, as React Flow’s dot pattern', () => {
    const s = dotBackgroundStyle(GRID, [0, 0, 0.5]);
    expect(s.backgroundSize).toBe('12px 12px');
    const svg = decodeURIComponent(String(s.backgroundImage).replace(/^url\("data:image\/svg\+xml,|"\)$/g, ''));
    // A circle of radius zoom / 2 at (r, r) in a cell of 12 px, in the grid's colour.
    expect(svg).toContain("width='12' height='12'");
    expect(svg).toContain("<circle cx='0.25' cy='0.25' r='0.25' fill='#d8d8d0'/>");
  });

  it('moves the grid with the viewport: origin at x mod cell - cell / 2 (the pattern’s translate)', () => {
    expect(dotBackgroundStyle(GRID, [100, 30, 1]).backgroundPosition).toBe('-8px -6px');
    expect(dotBackgroundStyle(GRID, [-30, 0, 2]).backgroundPosition).toBe('-54px -24px');
  });

  it('never makes a cell of zero size at zoom 0', () => {
    expect(dotBackgroundStyle(GRID, [5, 5, 0]).backgroundSize).toBe('1px 1px');
  });
});
