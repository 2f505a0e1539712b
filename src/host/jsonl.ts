import { traceLine, type TraceEvent } from '../protocol/trace';

/** The trace as JSON Lines: one event per line, each line ending with a newline. */
export function traceToJsonl(events: readonly TraceEvent[]): string {
  let out = '';
  for (const ev of events) out += traceLine(ev) + '\n';
  return out;
}
