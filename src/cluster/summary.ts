// A short human summary of a trace: leaders per term, faults, KV operations. Pure.

import type { TraceEvent } from '../protocol/trace';
import { formatSimTime } from '../sim/duration';

export interface TraceSummary {
  readonly leaders: readonly { readonly term: number; readonly member: string; readonly t: number }[];
  readonly faults: readonly string[];
  readonly kv: { readonly invoked: number; readonly ok: number; readonly fail: number; readonly info: number };
  readonly lastT: number;
}

export function summarize(events: readonly TraceEvent[]): TraceSummary {
  const leaders: { term: number; member: string; t: number }[] = [];
  const seenTerms = new Set<number>();
  const faults: string[] = [];
  const kv = { invoked: 0, ok: 0, fail: 0, info: 0 };
  for (const ev of events) {
    switch (ev.type) {
      case 'raft.role':
        if (ev.role === 'leader' && !seenTerms.has(ev.term)) {
          seenTerms.add(ev.term);
          leaders.push({ term: ev.term, member: ev.member, t: ev.t });
        }
        break;
      case 'fault': {
        const what = ev.groups ? ev.groups.map((g) => `[${g.join(', ')}]`).join(' | ') : ev.rate !== undefined ? String(ev.rate) : (ev.target ?? '');
        faults.push(`${formatSimTime(ev.t).padStart(7)}  ${ev.action} ${what}${ev.via ? ` (${ev.via})` : ''}${ev.note ? ` — ${ev.note}` : ''}`);
        break;
      }
      case 'kv.invoke':
        kv.invoked++;
        break;
      case 'kv.ok':
        kv.ok++;
        break;
      case 'kv.fail':
        kv.fail++;
        break;
      case 'kv.info':
        kv.info++;
        break;
    }
  }
  leaders.sort((a, b) => a.term - b.term);
  return { leaders, faults, kv, lastT: events.length ? events[events.length - 1]!.t : 0 };
}

export function formatSummary(s: TraceSummary): string {
  const lines: string[] = [];
  lines.push(`leaders (${s.leaders.length} term${s.leaders.length === 1 ? '' : 's'} with a leader):`);
  const shown = s.leaders.length > 12 ? [...s.leaders.slice(0, 6), undefined, ...s.leaders.slice(-5)] : s.leaders;
  for (const l of shown) lines.push(l ? `  term ${String(l.term).padEnd(4)} ${l.member} from ${formatSimTime(l.t)}` : `  … ${s.leaders.length - 11} more`);
  lines.push(`faults (${s.faults.length}):`);
  const faults = s.faults.length > 20 ? [...s.faults.slice(0, 10), `  … ${s.faults.length - 15} more`, ...s.faults.slice(-5)] : s.faults;
  for (const f of faults) lines.push(`  ${f}`);
  lines.push(`kv: ${s.kv.invoked} invoked, ${s.kv.ok} ok, ${s.kv.fail} failed, ${s.kv.info} unknown (timeout / leader lost)`);
  return lines.join('\n');
}
