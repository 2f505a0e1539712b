// What the coordinator knows from the trace as it is recorded: the last raft.role of
// each member (so faults can target `etcd-leader` and summaries can name leaders), the
// holder of each Kubernetes Lease (`scheduler-leader`…), and which machine runs each
// etcd member. A member whose machine is down has no role.

import type { RaftRole, TraceEvent } from '../protocol/trace';

export class TraceFacts {
  private readonly roles = new Map<string, { role: RaftRole; term: number }>();
  /** Lease ("kube-system/kube-scheduler") → the machine holding it, as the trace last said. */
  private readonly leaseHolders = new Map<string, string>();
  /** etcd member name → machine name. */
  private readonly memberHost = new Map<string, string>();

  /** Notes a raft.role or lease.holder event; false for any other event. */
  observe(ev: TraceEvent): boolean {
    if (ev.type === 'raft.role') this.roles.set(ev.member, { role: ev.role, term: ev.term });
    else if (ev.type === 'lease.holder') this.leaseHolders.set(ev.lease, ev.holder);
    else return false;
    return true;
  }

  machineDown(machine: string): void {
    for (const [member, host] of this.memberHost) if (host === machine) this.roles.delete(member);
  }

  /** Where a member runs now (undefined: it left the cluster). */
  memberMoved(member: string, machine: string | undefined): void {
    if (machine === undefined) this.memberHost.delete(member);
    else this.memberHost.set(member, machine);
  }

  /** A member removed from the cluster no longer leads anything. */
  forget(member: string): void {
    this.roles.delete(member);
  }

  roleOf(member: string): { role: RaftRole; term: number } | undefined {
    return this.roles.get(member);
  }

  /** Members that are pre-candidate or candidate now (an election is on). */
  electing(): string[] {
    const out: string[] = [];
    for (const [member, r] of this.roles) if (r.role === 'precandidate' || r.role === 'candidate') out.push(member);
    return out;
  }

  hostOfMember(member: string): string | undefined {
    return this.memberHost.get(member);
  }

  /** The machine that last took a Lease (kube-system/kube-scheduler…). */
  leaseHolder(lease: string): string | undefined {
    return this.leaseHolders.get(lease);
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
