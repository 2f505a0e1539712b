// Who leads etcd, as the trace says: the last raft.role of each member, so that faults
// can target `etcd-leader` and summaries can name leaders. A member whose machine is
// down has no role.

import type { RaftRole, TraceEvent } from '../protocol/trace';

export class RoleTracker {
  private readonly roles = new Map<string, { role: RaftRole; term: number }>();

  /** memberHost: etcd member name → machine name. */
  constructor(private readonly memberHost: ReadonlyMap<string, string>) {}

  observe(ev: TraceEvent): void {
    if (ev.type === 'raft.role') this.roles.set(ev.member, { role: ev.role, term: ev.term });
  }

  machineDown(machine: string): void {
    for (const [member, host] of this.memberHost) if (host === machine) this.roles.delete(member);
  }

  /** A member removed from the cluster no longer leads anything. */
  forget(member: string): void {
    this.roles.delete(member);
  }

  roleOf(member: string): { role: RaftRole; term: number } | undefined {
    return this.roles.get(member);
  }

  /** The live leader with the highest term (a deposed leader that has not heard of the
   * new term yet may still think it leads an older one). */
  leader(): { member: string; host: string; term: number } | undefined {
    let best: { member: string; host: string; term: number } | undefined;
    for (const [member, r] of this.roles) {
      if (r.role !== 'leader') continue;
      if (!best || r.term > best.term) best = { member, host: this.memberHost.get(member)!, term: r.term };
    }
    return best;
  }
}
