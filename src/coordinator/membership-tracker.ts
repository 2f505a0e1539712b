// The operator's bookkeeping of etcd membership (operator.ts acts on it): who is a
// member, where, and whether it votes, from the trace's `etcd.member` events (emitted
// by every member for the same entry; counted once per entry). After `member add`
// commits it says to start etcd on the new host with the cluster as it is then
// (--initial-cluster-state=existing); after `member remove`, to retire an etcd host.

import type { TraceEvent } from '../protocol/trace';
import type { EtcdMemberSpec } from '../etcd/server/member';
import type { MachineSpec } from '../sim/process';

type MemberEvent = Extract<TraceEvent, { type: 'etcd.member' }>;

interface Member {
  readonly id: number;
  readonly host: string;
  learner: boolean;
}

export type MembershipAction =
  | { readonly kind: 'start'; readonly spec: MachineSpec }
  | { readonly kind: 'retire'; readonly machine: string; readonly member: string }
  | { readonly kind: 'stopped'; readonly machine: string; readonly member: string };

export class MembershipTracker {
  private readonly members = new Map<string, Member>();
  private readonly acted = new Set<number>();
  private readonly template: EtcdMemberSpec | undefined;

  constructor(machines: readonly MachineSpec[]) {
    for (const m of machines) {
      for (const p of m.processes as EtcdMemberSpec[]) {
        if (p.kind !== 'etcd') continue;
        this.template ??= p;
        this.members.set(p.member, { id: p.id, host: m.name, learner: false });
      }
    }
  }

  /** Voting members now (what chaos counts to stay within the failures tolerated). */
  get voters(): number {
    let n = 0;
    for (const m of this.members.values()) if (!m.learner) n++;
    return n;
  }

  /** The members now, in the order they joined (what a restore rebuilds the cluster of). */
  current(): { readonly name: string; readonly id: number; readonly host: string }[] {
    return [...this.members].map(([name, m]) => ({ name, id: m.id, host: m.host }));
  }

  /** A restore made a new cluster of every current member, all voters, whose log
   * starts over: entry indexes seen before mean nothing now. */
  restored(): void {
    for (const m of this.members.values()) m.learner = false;
    this.acted.clear();
  }

  /** What to do for a committed membership change, once per entry; `machineKind` says
   * what runs on a host (undefined: no such machine yet). */
  observe(ev: MemberEvent, machineKind: (name: string) => MachineSpec['kind'] | undefined): MembershipAction | undefined {
    if (this.acted.has(ev.index)) return undefined;
    this.acted.add(ev.index);
    if (ev.action === 'promote') {
      const m = this.members.get(ev.target);
      if (m) m.learner = false;
      return undefined;
    }
    if (ev.action === 'remove') {
      const m = this.members.get(ev.target);
      this.members.delete(ev.target);
      if (!m) return undefined;
      return machineKind(m.host) === 'etcd' ? { kind: 'retire', machine: m.host, member: ev.target } : { kind: 'stopped', machine: m.host, member: ev.target };
    }
    const learner = ev.action === 'add-learner';
    this.members.set(ev.target, { id: ev.id, host: ev.host, learner });
    const kind = machineKind(ev.host);
    // Only a new host (or an etcd host whose member was removed) gets a fresh etcd; a
    // master or worker named by mistake keeps its processes and the member stays
    // unstarted, as it would if nobody started it.
    if (!this.template || (kind !== undefined && kind !== 'etcd')) return undefined;
    const peers = [...this.members].map(([name, m]) => ({ id: m.id, name, host: m.host, ...(m.learner ? { learner: true } : {}) }));
    const etcd: EtcdMemberSpec = { ...this.template, member: ev.target, id: ev.id, peers };
    return { kind: 'start', spec: { name: ev.host, kind: 'etcd', processes: [etcd] } };
  }
}
