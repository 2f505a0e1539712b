import { describe, expect, it } from 'vitest';
import { Pace } from './pacing';

describe('Pace', () => {
  it('a late turn is caught up, not dropped', () => {
    const pace = new Pace(2000);
    pace.reanchor(0, 0);
    expect(pace.target(100, 10)).toBe(1000);
    // The turn at wall 100 got only to sim 400: the next turn's target still counts
    // from the anchor, so the 600 ms owed are run then.
    pace.behind(400, 100, 10);
    expect(pace.target(116, 10)).toBe(1160);
  });

  it('forgives debt beyond the limit (a stall it could not help)', () => {
    const pace = new Pace(2000);
    pace.reanchor(0, 0);
    // 10 s of wall at 1× with nothing run: at most 2 s are owed afterwards.
    pace.behind(0, 10_000, 1);
    expect(pace.target(10_000, 1)).toBe(2000);
    expect(pace.target(10_016, 1)).toBe(2016);
  });

  it('speed 0 is as fast as possible', () => {
    expect(new Pace().target(5, 0)).toBe(Infinity);
  });
});
