// The small picture of an etcd member the UI draws (its card and log view): role, term,
// leader, indexes, the last few log entries, and the leader's view of each follower.

import type { EtcdMemberView, LogEntryView } from '../../protocol/frames';
import type { RawNode } from '../../raft/rawnode';
import type { Entry } from '../../raft/types';
import { memberHexId } from '../ids';
import { entryText } from './entry-text';

export interface MemberFacts {
  readonly member: string;
  readonly id: number;
  readonly nameOf: ReadonlyMap<number, string>;
  readonly snapshotIndex: number;
  readonly revision: number;
  readonly keys: number;
  readonly removed: boolean;
  /** Sim ms of the member's last Raft tick. */
  readonly tickAt: number;
}

/** One Raft tick: etcd's --heartbeat-interval (member.ts counts 100 ms a tick too). */
const TICK_MS = 100;

/** Log entries shown on the card (the newest). */
const LOG_SHOWN = 8;

/** An entry's line, made once per entry (entries are immutable and the log hands out the
 * same objects): the page's simulation worker takes every member's view for each frame
 * and each view history moment, and parsing the entries' JSON again each time was 4 %
 * of it at "max" (an apiserver's write carries the whole object). The same object each
 * time also lets the view history share it without comparing it. */
const entryViews = new WeakMap<Entry, LogEntryView>();
function entryView(e: Entry): LogEntryView {
  let v = entryViews.get(e);
  if (!v) entryViews.set(e, (v = { index: e.index, term: e.term, text: entryText(e) }));
  return v;
}

/** The card's log, the same array while it shows the same entries. */
const logViews = new WeakMap<RawNode, { readonly from: readonly Entry[]; readonly log: readonly LogEntryView[] }>();
function logView(node: RawNode, entries: readonly Entry[]): readonly LogEntryView[] {
  const last = logViews.get(node);
  if (last && last.from.length === entries.length && last.from.every((e, i) => e === entries[i])) return last.log;
  const log = entries.map(entryView);
  logViews.set(node, { from: entries, log });
  return log;
}

type ProgressView = NonNullable<EtcdMemberView['progress']>;

/** The leader's progress view, the same object while every follower's is the same: the
 * view history compares each moment's views with the last one's and stops at an
 * identical object. */
const progressViews = new WeakMap<RawNode, ProgressView>();
function stableProgress(node: RawNode, made: ProgressView): ProgressView {
  const last = progressViews.get(node);
  if (last !== undefined) {
    let same = Object.keys(last).length === Object.keys(made).length;
    for (const k in made) {
      const a = made[k]!;
      const b = last[k];
      if (!same || b === undefined || a.match !== b.match || a.next !== b.next || a.state !== b.state) {
        same = false;
        break;
      }
    }
    if (same) return last;
  }
  progressViews.set(node, made);
  return made;
}

/** Member ids by name (a hash of the name: the same for the member's life). */
const hexIds = new Map<string, string>();
function hexIdOf(member: string): string {
  let id = hexIds.get(member);
  if (id === undefined) {
    if (hexIds.size > 1000) hexIds.clear(); // many runs in one process: stay bounded
    hexIds.set(member, (id = memberHexId(member)));
  }
  return id;
}

export function memberView(node: RawNode, f: MemberFacts): EtcdMemberView {
  const s = node.status();
  const timer = node.electionTimer();
  const name = (id: number) => f.nameOf.get(id) ?? String(id);
  const lo = Math.max(s.firstIndex, s.lastIndex - (LOG_SHOWN - 1));
  const log = logView(node, node.entries(lo, s.lastIndex + 1) ?? []);
  let progress: EtcdMemberView['progress'];
  if (s.progress) {
    const out: Record<string, { match: number; next: number; state: 'probe' | 'replicate' | 'snapshot' }> = {};
    for (const [id, p] of Object.entries(s.progress)) {
      if (Number(id) === f.id) continue;
      out[name(Number(id))] = { match: p.match, next: p.next, state: p.state };
    }
    progress = stableProgress(node, out);
  }
  return {
    kind: 'etcd',
    member: f.member,
    id: f.id,
    hexId: hexIdOf(f.member),
    role: s.role,
    term: s.term,
    vote: s.vote ? name(s.vote) : null,
    leader: s.lead ? name(s.lead) : null,
    commit: s.commit,
    applied: s.applied,
    lastIndex: s.lastIndex,
    firstIndex: s.firstIndex,
    snapshotIndex: f.snapshotIndex,
    log,
    revision: f.revision,
    keys: f.keys,
    ...(progress ? { progress } : {}),
    ...(f.removed ? { removed: true } : {}),
    ...(timer ? { electionTimer: { elapsedMs: timer.elapsed * TICK_MS, timeoutMs: timer.timeout * TICK_MS, tickAt: f.tickAt } } : {}),
    ...(s.confState.learners.includes(f.id) ? { learner: true } : {}),
  };
}
