// Roles over a whole trace (what the swarm and the tests ask after the fact): who led
// at a time, from raft.role and machine.down events. RoleTracker does the same live.
import type { TraceEvent } from '../protocol/trace';

/** The last role and term of each member at time t (inclusive), from the trace, with
 * members whose machine went down (and did not come back) left out. */
export function rolesAt(events: readonly TraceEvent[], t: number, memberHost: (m: string) => string): Map<string, { role: string; term: number }> {
  const roles = new Map<string, { role: string; term: number }>();
  for (const ev of events) {
    if (ev.t > t) break;
    if (ev.type === 'raft.role') roles.set(ev.member, { role: ev.role, term: ev.term });
    if (ev.type === 'machine.down') for (const m of [...roles.keys()]) if (memberHost(m) === ev.machine) roles.delete(m);
  }
  return roles;
}

/** Live leaders at time t whose term is the highest term any live member knows. */
export function currentLeaders(events: readonly TraceEvent[], t: number, memberHost: (m: string) => string): string[] {
  const roles = rolesAt(events, t, memberHost);
  const maxTerm = Math.max(0, ...[...roles.values()].map((r) => r.term));
  return [...roles].filter(([, r]) => r.role === 'leader' && r.term === maxTerm).map(([m]) => m);
}

export const stacked = (member: string): string => member.replace(/^etcd-/, 'master-');
