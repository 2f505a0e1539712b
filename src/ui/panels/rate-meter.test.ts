import { describe, expect, it } from 'vitest';
import { RateMeter } from './rate-meter';

describe('RateMeter', () => {
  it('smooths over the window: one slow second moves the rate a little, not to its own value', () => {
    const m = new RateMeter(3000);
    let sim = 0;
    let rate: number | undefined;
    for (let wall = 0; wall <= 3000; wall += 500) rate = m.sample(wall, (sim = wall * 10));
    expect(rate).toBe(10);
    // One second at 1× instead of 10×.
    m.sample(3500, sim + 500);
    rate = m.sample(4000, sim + 1000);
    expect(rate).toBeGreaterThan(6);
    expect(rate).toBeLessThan(10);
  });
  it('has no rate before two samples, and starts afresh after a reset', () => {
    const m = new RateMeter();
    expect(m.sample(0, 0)).toBeUndefined();
    expect(m.sample(1000, 2000)).toBe(2);
    m.reset();
    expect(m.sample(5000, 9000)).toBeUndefined();
  });
});
