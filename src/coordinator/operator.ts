// The operator the simulator plays, after the fact, for what etcdctl asked of etcd:
// start etcd on a new member's host once `member add` commits, retire a removed
// member's etcd host, and carry out `snapshot restore` on every member's host. It acts
// once the window that asked is over, so a member's own events of that window come
// before its machine.down / machine.up in the trace.

import type { TraceEvent } from '../protocol/trace';
import type { MachineSpec } from '../sim/process';
import type { ClusterControl } from './cluster-control';
import { MembershipTracker, type MembershipAction } from './membership-tracker';
import { restoreCluster } from './restore';

/** The machine whose console wrote the snapshot files (`etcdctl snapshot save`). */
const CLIENT_MACHINE = 'client';

const NONE: readonly string[] = [];

export class Operator {
  private readonly membership: MembershipTracker;
  private readonly changes: MembershipAction[] = [];
  private readonly restores: string[] = [];

  constructor(
    machines: readonly MachineSpec[],
    private readonly host: ClusterControl,
  ) {
    this.membership = new MembershipTracker(machines);
  }

  /** Voting members now (chaos stays within the failures they tolerate). */
  get voters(): number {
    return this.membership.voters;
  }

  /** Notes what a trace event asks of the operator. */
  observe(ev: TraceEvent): void {
    if (ev.type === 'etcd.member') {
      const action = this.membership.observe(ev, (name) => this.host.kindOf(name));
      if (action) this.changes.push(action);
    } else if (ev.type === 'etcdctl.snapshot' && ev.action === 'restore') this.restores.push(ev.file);
  }

  /** Acts on the membership changes of the window just committed; returns the snapshot
   * files to restore (the caller schedules them for the next window's start). */
  afterWindow(): readonly string[] {
    // Runs after every window: nothing allocated when nothing changed (almost always).
    if (this.changes.length > 0) for (const a of this.changes.splice(0)) this.reconfigure(a);
    return this.restores.length > 0 ? this.restores.splice(0) : NONE;
  }

  /** `etcdctl snapshot restore`: every member's data dir rebuilt from the file, then the
   * member hosts and the masters restart (src/cluster/restore.ts). */
  restore(file: string): void {
    const h = this.host;
    const masters = h.machines().filter((m) => h.kindOf(m) === 'master');
    const out = restoreCluster(file, h.now(), { fileDisk: h.diskOf(CLIENT_MACHINE), members: this.membership.current(), diskOf: (m) => h.diskOf(m), masters });
    if (!out.ok) return h.record({ t: h.now(), type: 'fault', action: 'restore', target: file, note: out.note });
    this.membership.restored();
    h.record(out.event);
    for (const name of out.restart) {
      if (h.isUp(name)) h.crash(name);
      h.boot(name);
    }
  }

  private reconfigure(a: MembershipAction): void {
    const h = this.host;
    if (a.kind === 'start') {
      // A fresh data dir: a member that joins starts empty and catches up from the leader.
      if (h.isUp(a.spec.name)) h.crash(a.spec.name);
      h.install(a.spec);
      h.facts.memberMoved((a.spec.processes[0] as { member: string }).member, a.spec.name);
      h.boot(a.spec.name);
      return;
    }
    h.facts.forget(a.member);
    if (a.kind === 'stopped') return; // a stacked master keeps running without its member
    if (h.isUp(a.machine)) h.crash(a.machine);
    h.facts.memberMoved(a.member, undefined);
    h.retire(a.machine);
  }
}
