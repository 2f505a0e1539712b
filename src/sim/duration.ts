// Durations in scenario files and URLs are strings with a unit ("250ms", "10s", "2m"),
// and simulation time is integer milliseconds everywhere inside.

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Parses "250ms" / "10s" / "1.5s" / "2m" / "1h" to integer milliseconds, or returns an
 * error message that says what was expected. */
export function parseDuration(text: unknown): { ms: number } | { error: string } {
  if (typeof text !== 'string') {
    return { error: `expected a duration string with a unit such as "250ms", "10s" or "2m", got ${JSON.stringify(text)}` };
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/.exec(text);
  if (!m) return { error: `expected a duration with a unit such as "250ms", "10s" or "2m", got "${text}"` };
  return { ms: Math.round(Number(m[1]) * UNIT_MS[m[2]!]!) };
}

/** 61_500 → "61.5s"; used in summaries and the event log. */
export function formatSimTime(ms: number): string {
  return `${(ms / 1000).toFixed(ms % 1000 === 0 ? 0 : ms % 100 === 0 ? 1 : 3)}s`;
}
