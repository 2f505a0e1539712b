// What a member does when Raft's soft state changes (etcd's handling of rd.SoftState
// in etcdserver/raft.go and the leader-changed notifications in server.go): trace the
// role and term, promote or demote the lessor, fail the requests waiting on an old
// leader, end require-leader watches when there is no leader.

import type { RawNode } from '../../raft/rawnode';
import type { Runtime } from '../../sim/process';
import { ERR } from '../types';
import type { Lessor } from './lessor';
import type { MembershipOps } from './membership';
import type { MvccStore } from './mvcc';
import type { WaitingRequests } from './waiting-requests';
import type { WatchHub } from './watch-hub';

/** The member's parts a change of role or leader touches. */
export interface RoleChangesHost {
  readonly rt: Runtime;
  /** The member's name, as the trace spells it. */
  readonly member: string;
  readonly nameOf: ReadonlyMap<number, string>;
  readonly lessor: Lessor;
  readonly membership: MembershipOps;
  readonly waiting: WaitingRequests;
  readonly watches: WatchHub;
  node(): RawNode;
  /** The state machine: replaced when a snapshot is applied, so read it each time. */
  mvcc(): MvccStore;
}

export class RoleChanges {
  private lastRole = '';
  private lastTerm = -1;
  private lastLead = 0;

  constructor(private readonly m: RoleChangesHost) {}

  /** raft.role when the role or term changed; the lessor follows the leadership. */
  noteRoleChange(): void {
    const s = this.m.node();
    if (s.role !== this.lastRole || s.term !== this.lastTerm) {
      // etcd's lessor Promote: a new leader extends every lease by its TTL; a leader that
      // steps down forgets the deadlines.
      if (s.role === 'leader' && this.lastRole !== 'leader') this.m.lessor.promote(this.m.mvcc().leases);
      if (s.role !== 'leader' && this.lastRole === 'leader') this.m.lessor.demote();
      this.lastRole = s.role;
      this.lastTerm = s.term;
      this.m.rt.emit({ type: 'raft.role', member: this.m.member, role: s.role, term: s.term, ...(s.lead ? { lead: this.m.nameOf.get(s.lead) } : {}) });
    }
  }

  /** After the applies: requests waiting on the old leader fail, watches move. */
  noteLeaderChange(): void {
    const s = this.m.node();
    if (s.lead !== this.lastLead) this.m.membership.leaderIs(s.lead);
    if (s.lead !== this.lastLead) {
      // etcd fails waiting reads with ErrLeaderChanged; a proposal in flight may still
      // commit, so its client learns only that the outcome is unknown.
      if (this.lastLead !== 0) this.m.waiting.failAll(ERR.leaderChanged);
      // Watches opened with require-leader (kube-apiserver's) end when the member loses
      // its leader, so the client moves to a member that has one.
      if (s.lead === 0) this.m.watches.cancelAll(ERR.noLeader, this.m.mvcc().rev);
      this.lastLead = s.lead;
    }
  }
}
