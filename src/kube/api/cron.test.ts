import { describe, expect, it } from 'vitest';
import { nextTime, parseSchedule, type Schedule } from './cron';
import { parseTimestamp, timestamp } from './time';

const parsed = (s: string): Schedule => {
  const p = parseSchedule(s);
  if ('error' in p) throw new Error(p.error);
  return p;
};
const next = (s: string, after: string) => timestamp(nextTime(parsed(s), parseTimestamp(after))!);

describe('cron schedules (robfig/cron ParseStandard)', () => {
  it('finds the next minute each field allows, on the sim clock (UTC)', () => {
    expect(next('*/1 * * * *', '2026-01-01T00:00:30Z')).toBe('2026-01-01T00:01:00Z');
    expect(next('*/15 * * * *', '2026-01-01T00:15:00Z')).toBe('2026-01-01T00:30:00Z');
    expect(next('0 9 * * 1-5', '2026-01-02T10:00:00Z')).toBe('2026-01-05T09:00:00Z'); // Fri → Mon
    expect(next('30 2 1 FEB *', '2026-01-01T00:00:00Z')).toBe('2026-02-01T02:30:00Z');
    expect(next('@hourly', '2026-01-01T00:00:00Z')).toBe('2026-01-01T01:00:00Z');
    // Both day fields restricted: either one matches (Jan 3 is a Saturday, Jan 5 a Monday).
    expect(next('0 0 5 * 6', '2026-01-01T00:00:00Z')).toBe('2026-01-03T00:00:00Z');
  });

  it('refuses what robfig/cron refuses, in its words', () => {
    expect(parseSchedule('61 * * *')).toEqual({ error: 'expected exactly 5 fields, found 4: [61 * * *]' });
    expect(parseSchedule('61 * * * *')).toEqual({ error: 'end of range (61) above maximum (59): 61' });
    expect(parseSchedule('x * * * *')).toEqual({ error: 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax' });
    expect(parseSchedule('5-1 * * * *')).toEqual({ error: 'beginning of range (5) beyond end of range (1): 5-1' });
    expect(parseSchedule('*/0 * * * *')).toEqual({ error: 'step of range should be a positive number: */0' });
    expect(parseSchedule('@sometimes')).toEqual({ error: 'unrecognized descriptor: @sometimes' });
  });

  it('a date that never comes gives no next time', () => {
    expect(nextTime(parsed('0 0 30 2 *'), 0)).toBeUndefined();
  });
});
