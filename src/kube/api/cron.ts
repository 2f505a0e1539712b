// A CronJob's schedule: the standard five fields (minute hour day-of-month month
// day-of-week) and the @descriptors, as robfig/cron v3's ParseStandard reads them (the
// parser kube-apiserver validates with and the cronjob controller schedules with), with
// its error texts. Times are sim milliseconds on the UTC calendar of the sim clock.

import { calendarOf } from './time';

export interface Schedule {
  readonly minute: ReadonlySet<number>;
  readonly hour: ReadonlySet<number>;
  readonly dom: ReadonlySet<number>;
  readonly month: ReadonlySet<number>;
  readonly dow: ReadonlySet<number>;
  /** A `*` (or `?`) day field: then the other day field alone decides. */
  readonly domStar: boolean;
  readonly dowStar: boolean;
}

interface Bounds {
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTHS = Object.fromEntries(['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'].map((m, i) => [m, i + 1]));
const DAYS = Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d, i) => [d, i]));
const FIELDS: readonly Bounds[] = [{ min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 }, { min: 1, max: 12, names: MONTHS }, { min: 0, max: 6, names: DAYS }];

const DESCRIPTORS: Readonly<Record<string, string>> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

class CronError extends Error {}

function atoi(s: string): number {
  if (!/^[+-]?\d+$/.test(s)) throw new CronError(`failed to parse int from ${s}: strconv.Atoi: parsing ${JSON.stringify(s)}: invalid syntax`);
  const n = Number(s);
  if (n < 0) throw new CronError(`negative number (${n}) not allowed: ${s}`);
  return n;
}

function intOrName(s: string, b: Bounds): number {
  const named = b.names?.[s.toLowerCase()];
  return named !== undefined ? named : atoi(s);
}

/** One comma-separated part: `*`, `?`, `a`, `a-b`, each with an optional `/step`. */
function range(expr: string, b: Bounds, out: Set<number>): boolean {
  const [rangeAndStep, ...more] = expr.split('/');
  if (more.length > 1) throw new CronError(`too many slashes: ${expr}`);
  const lowAndHigh = rangeAndStep!.split('-');
  let start: number;
  let end: number;
  let star = false;
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    [start, end, star] = [b.min, b.max, true];
  } else {
    start = intOrName(lowAndHigh[0]!, b);
    if (lowAndHigh.length === 1) end = start;
    else if (lowAndHigh.length === 2) end = intOrName(lowAndHigh[1]!, b);
    else throw new CronError(`too many hyphens: ${expr}`);
  }
  let step = 1;
  if (more.length === 1) {
    step = atoi(more[0]!);
    // `N/step` means N to the maximum.
    if (lowAndHigh.length === 1 && !star) end = b.max;
    if (step > 1) star = false;
  }
  if (start < b.min) throw new CronError(`beginning of range (${start}) below minimum (${b.min}): ${expr}`);
  if (end > b.max) throw new CronError(`end of range (${end}) above maximum (${b.max}): ${expr}`);
  if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${expr}`);
  if (step === 0) throw new CronError(`step of range should be a positive number: ${expr}`);
  for (let v = start; v <= end; v += step) out.add(v);
  return star && step === 1;
}

function field(text: string, b: Bounds): { values: Set<number>; star: boolean } {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) star = range(part, b, values) || star;
  return { values, star };
}

/** The schedule, or robfig/cron's error text. */
export function parseSchedule(spec: string): Schedule | { error: string } {
  let text = spec.trim();
  if (text === '') return { error: 'empty spec string' };
  // CRON_TZ= / TZ= prefixes name a zone; the sim has only UTC.
  const tz = /^(?:CRON_)?TZ=(\S+)\s+/.exec(text);
  if (tz) {
    if (tz[1] !== 'UTC' && tz[1] !== 'Etc/UTC') return { error: `provided bad location ${tz[1]}: unknown time zone ${tz[1]}` };
    text = text.slice(tz[0].length);
  }
  if (text.startsWith('@')) {
    const d = DESCRIPTORS[text];
    if (!d) return { error: `unrecognized descriptor: ${text}` };
    text = d;
  }
  const parts = text.split(/\s+/);
  if (parts.length !== 5) return { error: `expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]` };
  try {
    const [mi, h, dom, mo, dow] = parts.map((p, i) => field(p, FIELDS[i]!)) as [ReturnType<typeof field>, ReturnType<typeof field>, ReturnType<typeof field>, ReturnType<typeof field>, ReturnType<typeof field>];
    // Day 7 is Sunday too in many crons, but not in robfig's (max 6): it was refused above.
    return { minute: mi.values, hour: h.values, dom: dom.values, month: mo.values, dow: dow.values, domStar: dom.star, dowStar: dow.star };
  } catch (e) {
    if (e instanceof CronError) return { error: e.message };
    throw e;
  }
}

const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

function dayMatches(s: Schedule, c: ReturnType<typeof calendarOf>): boolean {
  if (!s.month.has(c.month)) return false;
  const dom = s.dom.has(c.day);
  const dow = s.dow.has(c.weekday);
  return s.domStar || s.dowStar ? dom && dow : dom || dow;
}

/** The first scheduled minute strictly after `afterMs`, or undefined when none comes in
 * five years (robfig gives up there too: "Feb 30" never fires). */
export function nextTime(s: Schedule, afterMs: number): number | undefined {
  let t = (Math.floor(afterMs / MINUTE) + 1) * MINUTE;
  const limit = t + 5 * 366 * DAY;
  while (t < limit) {
    const c = calendarOf(t);
    if (!dayMatches(s, c)) {
      // Skip to the next midnight.
      t += DAY - (c.hour * 60 + c.minute) * MINUTE;
      continue;
    }
    if (s.hour.has(c.hour) && s.minute.has(c.minute)) return t;
    t += MINUTE;
  }
  return undefined;
}
