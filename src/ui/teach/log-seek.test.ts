import { describe, expect, it } from 'vitest';
import { formatClock } from '../panels/TimeControls';
import { seekTargetOfLine } from './log-seek';

describe("a log line's seek target", () => {
  it('lands just before the line, so what the line tells has not happened yet', () => {
    expect(seekTargetOfLine({ t: 12_340 })).toBe(12_339);
    expect(seekTargetOfLine({ t: 12_340 })).toBeLessThan(12_340);
  });
  it("reads as the line's time on the clock, to its last tenth of a second", () => {
    // One ms can cross a rounding edge (12.350 s shows 12.4 s or 12.3 s): at most 0.1 s.
    for (const t of [12_300, 12_340, 12_350, 12_351, 9_999, 100]) {
      const shown = Number(formatClock(seekTargetOfLine({ t })).replace(' s', ''));
      expect(Math.abs(shown - Number(formatClock(t).replace(' s', '')))).toBeLessThanOrEqual(0.1 + 1e-9);
    }
    expect(formatClock(seekTargetOfLine({ t: 12_340 }))).toBe(formatClock(12_340));
  });
  it('never goes before the start', () => {
    expect(seekTargetOfLine({ t: 0 })).toBe(0);
  });
});
