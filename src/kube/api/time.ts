// Kubernetes timestamps (RFC 3339, second precision: "2026-01-01T00:03:05Z") on the sim
// clock. Sim time 0 is SIM_EPOCH; the conversion is plain arithmetic (no Date: the
// simulation core never reads the wall clock, and this keeps it that way).

/** 2026-01-01T00:00:00Z in Unix seconds. */
const SIM_EPOCH_UNIX_S = 1_767_225_600;

/** Days since 1970-01-01 → civil date (Howard Hinnant's days_from_civil, inverted). */
function civil(days: number): [number, number, number] {
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** Sim ms → Unix milliseconds (event names). */
export function unixMillis(simMs: number): number {
  return SIM_EPOCH_UNIX_S * 1000 + simMs;
}

/** Sim ms → Unix seconds (token claims iat/exp). */
export function unixSeconds(simMs: number): number {
  return SIM_EPOCH_UNIX_S + Math.floor(simMs / 1000);
}

/** The last second timestamp() wrote, and its text: the processes ask for the same
 * second over and over (every status, Event and condition of a tick), and building the
 * text each time was 2 % of the 100-worker rollout. A pure function of the second, so
 * sharing it between machines changes nothing. */
let lastUnix = NaN;
let lastText = '';

/** Sim ms → "2026-01-01T00:03:05Z". */
export function timestamp(simMs: number): string {
  const unix = SIM_EPOCH_UNIX_S + Math.floor(simMs / 1000);
  if (unix === lastUnix) return lastText;
  lastText = formatUnix(unix);
  lastUnix = unix;
  return lastText;
}

function formatUnix(unix: number): string {
  const days = Math.floor(unix / 86_400);
  const secs = unix - days * 86_400;
  const [y, mo, d] = civil(days);
  return `${y}-${pad(mo)}-${pad(d)}T${pad(Math.floor(secs / 3600))}:${pad(Math.floor((secs % 3600) / 60))}:${pad(secs % 60)}Z`;
}

/** Sim ms → RFC 3339 with microseconds, as Lease renewTime/acquireTime (MicroTime). */
export function microTimestamp(simMs: number): string {
  return `${timestamp(simMs).slice(0, -1)}.${pad((simMs % 1000) * 1000, 6)}Z`;
}

/** "2026-01-01T00:03:05Z" (or with a fraction) → sim ms; NaN when malformed. */
export function parseTimestamp(s: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?Z$/.exec(s);
  if (!m) return NaN;
  const days = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  const unix = days * 86_400 + Number(m[4]) * 3600 + Number(m[5]) * 60 + Number(m[6]);
  const frac = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  return (unix - SIM_EPOCH_UNIX_S) * 1000 + frac;
}

/** Sim ms → the UTC calendar fields a cron schedule matches (weekday 0 = Sunday). */
export function calendarOf(simMs: number): { year: number; month: number; day: number; hour: number; minute: number; weekday: number } {
  const unix = SIM_EPOCH_UNIX_S + Math.floor(simMs / 1000);
  const days = Math.floor(unix / 86_400);
  const secs = unix - days * 86_400;
  const [year, month, day] = civil(days);
  // 1970-01-01 was a Thursday.
  return { year, month, day, hour: Math.floor(secs / 3600), minute: Math.floor((secs % 3600) / 60), weekday: (((days + 4) % 7) + 7) % 7 };
}
