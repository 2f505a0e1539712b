// Raft's safety properties (Raft paper, Figure 3), as far as the trace lets an
// outsider see them: raft.role shows who led which term, raft.apply shows the
// committed log one entry at a time on every member. One pass, O(events).

import type { RaftCheckName } from '../protocol/verdict';
import type { TraceEvent } from '../protocol/trace';

export type { RaftCheckName } from '../protocol/verdict';


export const raftCheckNames: readonly RaftCheckName[] = [
  'election-safety', 'term-monotonic', 'state-machine-safety', 'apply-order', 'log-terms',
];

export interface RaftViolation {
  readonly check: RaftCheckName;
  readonly t: number;
  readonly message: string;
  readonly members: readonly string[];
  readonly index?: number;
  readonly term?: number;
}

export interface RaftSafetyOptions {
  /** Which machine runs a member; its machine.down / machine.up mark the member's restarts.
   * Default: from `topology`. */
  readonly memberMachine?: (member: string) => string;
  /** Default: 'external' if the trace names a machine `etcd-N`, else 'stacked'. */
  readonly topology?: 'stacked' | 'external';
  /** Accept forward jumps in a member's applied index (a snapshot installed without a
   * `raft.snapshot` trace event). Default false. */
  readonly allowApplyGaps?: boolean;
  /** Violations kept per check (default 10): one bug tends to repeat on every entry. */
  readonly maxViolationsPerCheck?: number;
}

export interface RaftSafetyResult {
  readonly ok: boolean;
  readonly violations: readonly RaftViolation[];
  /** The first leader of each term, in term order (per cluster, when a restore made a
   * new one), for summaries. */
  readonly leaders: readonly { readonly term: number; readonly member: string; readonly t: number }[];
  readonly appliesChecked: number;
  /** Highest index applied by any member. */
  readonly highestIndex: number;
}

/** Stacked topology (kubeadm default): etcd member `etcd-N` runs on `master-N`. */
export function stackedMachine(member: string): string {
  const m = /^etcd-(\d+)$/.exec(member);
  return m ? `master-${m[1]}` : member;
}

/** External topology: etcd member `etcd-N` runs on its own machine `etcd-N`. */
export function externalMachine(member: string): string {
  return member;
}

/** 'external' when any machine event or fault names a machine `etcd-N`. A heuristic: the
 * runner knows the scenario's topology and should pass it. */
export function inferTopology(events: readonly TraceEvent[]): 'stacked' | 'external' {
  // Hosts started by `member add` say nothing about the topology the run began with.
  const added = new Set(events.flatMap((ev) => (ev.type === 'etcd.member' ? [ev.host] : [])));
  const isEtcdMachine = (name: string | undefined): boolean => name !== undefined && /^etcd-\d+$/.test(name) && !added.has(name);
  for (const ev of events) {
    if ((ev.type === 'machine.down' || ev.type === 'machine.up') && isEtcdMachine(ev.machine)) return 'external';
    if (ev.type === 'fault' && ev.action !== 'member' && (isEtcdMachine(ev.target) || (ev.groups ?? []).some((g) => g.some(isEtcdMachine)))) {
      return 'external';
    }
  }
  return 'stacked';
}

interface Applied {
  readonly term: number;
  readonly data: string;
  readonly member: string;
  readonly t: number;
}

/** A trace extension this checker understands if the simulation emits it (not in
 * trace.ts yet): a member installed a snapshot, so its applied index jumps to `index`. */
interface SnapshotEvent {
  readonly t: number;
  readonly type: 'raft.snapshot';
  readonly member: string;
  readonly index: number;
}

function asSnapshot(ev: TraceEvent): SnapshotEvent | undefined {
  const loose = ev as unknown as Partial<SnapshotEvent> & { type: string };
  return loose.type === 'raft.snapshot' && typeof loose.member === 'string' && typeof loose.index === 'number'
    ? (loose as SnapshotEvent)
    : undefined;
}

const quote = (data: string): string => (data === '' ? 'the empty no-op entry' : JSON.stringify(data));

export function checkRaftSafety(events: readonly TraceEvent[], opts: RaftSafetyOptions = {}): RaftSafetyResult {
  // A member added by a membership change runs on the host of its peer URL.
  const addedOn = new Map(events.flatMap((ev) => (ev.type === 'etcd.member' && ev.action !== 'remove' ? [[ev.target, ev.host] as const] : [])));
  const stream = new RaftSafetyStream({ ...opts, topology: opts.topology ?? inferTopology(events) }, addedOn);
  for (const ev of events) stream.feed(ev);
  return stream.result();
}

/** The Raft checks one event at a time, for a trace that never ends (the page's live
 * verdict): the same rules as checkRaftSafety, with the state kept between calls.
 * Memory is bounded: entries more than `retainIndexes` below the highest applied index
 * are forgotten (a member replays at most from its last snapshot, far closer). */
export class RaftSafetyStream {
  private readonly base: (member: string) => string;
  private readonly cap: number;
  private readonly violations: RaftViolation[] = [];
  private readonly counts = new Map<RaftCheckName, number>();
  private readonly leaderOf = new Map<number, { member: string; t: number }>();
  private readonly termOf = new Map<string, number>();
  private readonly down = new Set<string>(); // machines currently down
  private readonly downCount = new Map<string, number>(); // machine → machine.down events so far
  private readonly downsAtLastApply = new Map<string, number>(); // member → downCount of its machine at its last apply
  private readonly lastApplied = new Map<string, number>(); // member → last index applied (or snapshot index)
  private readonly byIndex = new Map<number, Applied>();
  private readonly changesSeen = new Set<number>(); // membership-change entries already seen applied
  private readonly pastLeaders: { term: number; member: string; t: number }[] = []; // of clusters before a restore
  private appliesChecked = 0;
  private highestIndex = 0;
  private lowestKept = 1;

  constructor(
    private readonly opts: RaftSafetyOptions = {},
    /** Member → host for members added by membership changes; filled as events come
     * when not given. */
    private readonly addedOn: Map<string, string> = new Map(),
    private readonly retainIndexes = Infinity,
  ) {
    this.base = opts.memberMachine ?? (opts.topology === 'external' ? externalMachine : stackedMachine);
    this.cap = opts.maxViolationsPerCheck ?? 10;
  }

  private memberMachine(member: string): string {
    return this.addedOn.get(member) ?? this.base(member);
  }

  private report(v: RaftViolation): void {
    const c = this.counts.get(v.check) ?? 0;
    this.counts.set(v.check, c + 1);
    if (c < this.cap) this.violations.push(v);
  }

  feed(ev: TraceEvent): void {
    const snap = asSnapshot(ev);
    if (snap) {
      this.lastApplied.set(snap.member, Math.max(this.lastApplied.get(snap.member) ?? 0, snap.index));
      return;
    }
    switch (ev.type) {
      case 'machine.down':
        this.down.add(ev.machine);
        this.downCount.set(ev.machine, (this.downCount.get(ev.machine) ?? 0) + 1);
        break;
      case 'machine.up':
        this.down.delete(ev.machine);
        break;
      case 'etcd.restore':
        // A new cluster from a snapshot: terms start over at 1 and the log after
        // `index`; what the old cluster did says nothing about the new one.
        for (const [term, l] of this.leaderOf) this.pastLeaders.push({ term, member: l.member, t: l.t });
        this.leaderOf.clear();
        this.termOf.clear();
        this.byIndex.clear();
        this.changesSeen.clear();
        this.downsAtLastApply.clear();
        for (const m of ev.members) this.lastApplied.set(m, ev.index);
        break;
      case 'etcd.member':
        if (ev.action !== 'remove' && !this.addedOn.has(ev.target)) this.addedOn.set(ev.target, ev.host);
        // A member added (again) starts with an empty data dir: term 0, nothing applied.
        // Only the first apply of the change counts; the member itself applies it too.
        if (this.changesSeen.has(ev.index)) break;
        this.changesSeen.add(ev.index);
        if (ev.action === 'add' || ev.action === 'add-learner') {
          this.termOf.delete(ev.target);
          this.lastApplied.delete(ev.target);
          this.downsAtLastApply.delete(ev.target);
        }
        break;
      case 'raft.role': {
        const before = this.termOf.get(ev.member);
        if (before !== undefined && ev.term < before) {
          this.report({
            check: 'term-monotonic', t: ev.t, members: [ev.member], term: ev.term,
            message: `${ev.member}'s term went back from ${before} to ${ev.term} at ${ev.t}ms (the term must be persisted and only grow).`,
          });
        }
        this.termOf.set(ev.member, Math.max(before ?? 0, ev.term));
        if (ev.role !== 'leader') break;
        const first = this.leaderOf.get(ev.term);
        if (first === undefined) this.leaderOf.set(ev.term, { member: ev.member, t: ev.t });
        else if (first.member !== ev.member) {
          this.report({
            check: 'election-safety', t: ev.t, members: [first.member, ev.member], term: ev.term,
            message: `two leaders in term ${ev.term}: ${first.member} (since ${first.t}ms) and ${ev.member} (at ${ev.t}ms).`,
          });
        }
        break;
      }
      case 'raft.apply': {
        this.appliesChecked++;
        this.highestIndex = Math.max(this.highestIndex, ev.index);
        this.checkApplyOrder(ev);
        this.checkSameEntry(ev);
        this.forgetOld();
        break;
      }
      default:
        break;
    }
  }

  private forgetOld(): void {
    const keepFrom = this.highestIndex - this.retainIndexes;
    if (keepFrom <= this.lowestKept + 1000) return; // in steps, not per apply
    for (let i = this.lowestKept; i < keepFrom; i++) this.byIndex.delete(i);
    this.lowestKept = keepFrom;
  }

  private checkApplyOrder(ev: Extract<TraceEvent, { type: 'raft.apply' }>): void {
    const machine = this.memberMachine(ev.member);
    const at = { t: ev.t, members: [ev.member], index: ev.index, term: ev.term };
    if (this.down.has(machine)) {
      this.report({ ...at, check: 'apply-order', message: `${ev.member} applied index ${ev.index} at ${ev.t}ms while its machine ${machine} was down.` });
    }
    const last = this.lastApplied.get(ev.member) ?? 0;
    const downs = this.downCount.get(machine) ?? 0;
    const restarted = downs > (this.downsAtLastApply.get(ev.member) ?? 0);
    if (ev.index <= last && !restarted) {
      this.report({
        ...at, check: 'apply-order',
        message: `${ev.member} applied index ${ev.index} at ${ev.t}ms but had already applied up to ${last}, without restarting in between.`,
      });
    } else if (ev.index > last + 1 && !this.opts.allowApplyGaps) {
      const skipped = ev.index === last + 2 ? `index ${last + 1}` : `indexes ${last + 1}..${ev.index - 1}`;
      this.report({ ...at, check: 'apply-order', message: `${ev.member} applied index ${ev.index} at ${ev.t}ms but skipped ${skipped}.` });
    }
    this.lastApplied.set(ev.member, ev.index);
    this.downsAtLastApply.set(ev.member, downs);
  }

  private checkSameEntry(ev: Extract<TraceEvent, { type: 'raft.apply' }>): void {
    const { byIndex } = this;
    const report = (v: RaftViolation) => this.report(v);
    const at = { t: ev.t, index: ev.index, term: ev.term };
    const seen = byIndex.get(ev.index);
    if (seen !== undefined) {
      if (seen.term !== ev.term || seen.data !== ev.data) {
        const who = seen.member === ev.member ? `${ev.member} itself` : seen.member;
        report({
          ...at, check: 'state-machine-safety', members: [seen.member, ev.member],
          message: `divergent logs at index ${ev.index}: ${ev.member} applied ${quote(ev.data)} (term ${ev.term}) at ${ev.t}ms, but ${who} had applied ${quote(seen.data)} (term ${seen.term}) there at ${seen.t}ms.`,
        });
      }
      return;
    }
    byIndex.set(ev.index, { term: ev.term, data: ev.data, member: ev.member, t: ev.t });
    // Terms never decrease along a log (a leader only appends entries of its own term
    // after the ones it has), so committed entries carry non-decreasing terms.
    const before = byIndex.get(ev.index - 1);
    if (before !== undefined && before.term > ev.term) {
      report({
        ...at, check: 'log-terms', members: [ev.member],
        message: `index ${ev.index} was committed with term ${ev.term}, lower than term ${before.term} of index ${ev.index - 1} before it.`,
      });
    }
    const after = byIndex.get(ev.index + 1);
    if (after !== undefined && after.term < ev.term) {
      report({
        ...at, check: 'log-terms', members: [ev.member],
        message: `index ${ev.index} was committed with term ${ev.term}, higher than term ${after.term} of index ${ev.index + 1} after it.`,
      });
    }
    // Only a leader creates entries, stamped with its term. Term 1 is exempt: etcd's
    // bootstrap writes the initial membership entries at term 1 before any election.
    if (ev.term > 1 && !this.leaderOf.has(ev.term)) {
      report({
        ...at, check: 'log-terms', members: [ev.member],
        message: `index ${ev.index} has term ${ev.term}, but no member had been leader in term ${ev.term}.`,
      });
    }
  }

  result(): RaftSafetyResult {
    const leaders = [...this.pastLeaders, ...[...this.leaderOf.entries()].sort(([a], [b]) => a - b).map(([term, l]) => ({ term, member: l.member, t: l.t }))];
    return { ok: this.violations.length === 0, violations: [...this.violations], leaders, appliesChecked: this.appliesChecked, highestIndex: this.highestIndex };
  }
}
