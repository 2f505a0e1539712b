// etcd's Cluster API and MoveLeader on one member: the checks etcd makes before it
// proposes a membership change (strict reconfiguration, at most one learner, a learner
// must be in sync to be promoted) and the leadership transfer's wait. The change itself
// is a Raft conf-change entry; it takes effect when applied (member.ts).

import type { RawNode } from '../../raft/rawnode';
import type { ConfChangeType } from '../../raft/types';
import type { Runtime } from '../../sim/process';
import { memberHexId } from '../ids';
import type { Waiter } from './waiter';
import { ERR, type ClientResult, type MemberInfo, type MemberOp } from '../types';

/** What a conf-change entry carries besides the raft id: who asked (to answer them)
 * and, for an add, the new member's name and host. */
export interface ConfContext {
  readonly proposal?: string;
  readonly name?: string;
  readonly host?: string;
  /** What the change means, fixed when proposed: every member (and every replay after a
   * restart) must describe the entry the same way, whatever its config is by then. */
  readonly action?: 'add' | 'add-learner' | 'promote' | 'remove';
}

export interface MembershipHost {
  readonly id: number;
  /** The election timeout: a peer heard from within it counts as started. */
  readonly electionMs: number;
  node(): RawNode;
  readonly nameOf: ReadonlyMap<number, string>;
  readonly hostOf: ReadonlyMap<number, string>;
  respond(w: Waiter, r: ClientResult): void;
  header(): { revision: number; raftTerm: number; memberId: string };
  propose(w: Waiter, cc: { readonly type: ConfChangeType; readonly nodeId: number; readonly action: NonNullable<ConfContext['action']>; readonly meta?: { name: string; host: string } }): void;
  memberInfo(id: number): MemberInfo;
}

/** etcd's readyPercent: a learner is in sync when its match is ≥ 90 % of the leader's. */
const LEARNER_READY = 0.9;

export class MembershipOps {
  private readonly lastHeard = new Map<number, number>();
  private transfer: { readonly w: Waiter; readonly from: string; readonly to: number } | undefined;

  constructor(
    private readonly rt: Runtime,
    private readonly host: MembershipHost,
  ) {}

  /** A Raft message arrived from `from` (etcd: the peer's stream is active). */
  heard(from: number): void {
    this.lastHeard.set(from, this.rt.now());
  }

  handle(w: Waiter, op: MemberOp, members: readonly MemberInfo[]): void {
    const h = this.host;
    const cs = h.node().status().confState;
    const idOf = (hex: string): number | undefined => {
      for (const id of [...cs.voters, ...cs.learners]) if (memberHexId(h.nameOf.get(id) ?? '') === hex) return id;
      return undefined;
    };
    const fail = (error: string) => h.respond(w, { ok: false, error });

    switch (op.type) {
      case 'memberAdd': {
        if (members.some((m) => m.peerURLs.includes(`https://${op.host}:2380`))) return fail(ERR.peerURLExists);
        if (op.learner && cs.learners.length >= 1) return fail(ERR.tooManyLearners);
        // Strict reconfiguration: the started voters must still be a quorum of the
        // bigger cluster (the new member has not started yet).
        if (!op.learner && this.startedVoters() < quorum(cs.voters.length + 1)) return fail(ERR.unhealthy);
        let nodeId = this.rt.rng.int(1_000, 2 ** 31);
        while (cs.voters.includes(nodeId) || cs.learners.includes(nodeId)) nodeId++;
        return h.propose(w, { type: op.learner ? 'addLearner' : 'addNode', nodeId, action: op.learner ? 'add-learner' : 'add', meta: { name: op.name, host: op.host } });
      }
      case 'memberRemove': {
        const id = idOf(op.id);
        if (id === undefined) return fail(ERR.memberNotFound);
        if (cs.voters.includes(id)) {
          const started = this.startedVoters() - (this.isStarted(id) ? 1 : 0);
          if (started < quorum(cs.voters.length - 1)) return fail(ERR.notEnoughStarted);
        }
        return h.propose(w, { type: 'removeNode', nodeId: id, action: 'remove' });
      }
      case 'memberPromote': {
        const id = idOf(op.id);
        if (id === undefined) return fail(ERR.memberNotFound);
        if (!cs.learners.includes(id)) return fail(ERR.notLearner);
        const s = h.node().status();
        if (s.role !== 'leader' || !s.progress) return fail(ERR.notLeader);
        const learnerMatch = s.progress[id]?.match ?? 0;
        if (learnerMatch < s.lastIndex * LEARNER_READY) return fail(ERR.learnerNotReady);
        return h.propose(w, { type: 'addNode', nodeId: id, action: 'promote' });
      }
      case 'moveLeader': {
        const s = h.node().status();
        if (s.role !== 'leader') return fail(ERR.notLeader);
        const id = idOf(op.id);
        if (id === undefined || !cs.voters.includes(id)) return fail(ERR.badTransferee);
        const from = memberHexId(h.nameOf.get(h.id) ?? '');
        if (id === h.id) return h.respond(w, { ok: true, header: h.header(), transfer: { from, to: from } });
        if (this.transfer) return fail(ERR.timeout);
        this.transfer = { w, from, to: id };
        h.node().transferLeader(id);
        return;
      }
    }
  }

  /** The member's leader changed: a transfer in progress is done when it is the target. */
  leaderIs(lead: number): void {
    const t = this.transfer;
    if (!t || lead !== t.to) return;
    this.transfer = undefined;
    this.host.respond(t.w, { ok: true, header: this.host.header(), transfer: { from: t.from, to: memberHexId(this.host.nameOf.get(t.to) ?? '') } });
  }

  expire(now: number): void {
    const t = this.transfer;
    if (t && t.w.deadline <= now) {
      this.transfer = undefined;
      this.host.respond(t.w, { ok: false, error: ERR.transferTimeout });
    }
  }

  private isStarted(id: number): boolean {
    if (id === this.host.id) return true;
    const t = this.lastHeard.get(id);
    return t !== undefined && this.rt.now() - t < this.host.electionMs;
  }

  private startedVoters(): number {
    return this.host.node().status().confState.voters.filter((id) => this.isStarted(id)).length;
  }
}

function quorum(n: number): number {
  return Math.floor(n / 2) + 1;
}
