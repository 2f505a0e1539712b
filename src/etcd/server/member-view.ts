// The small picture of an etcd member the UI draws (its card and log view): role, term,
// leader, indexes, the last few log entries, and the leader's view of each follower.

import type { EtcdMemberView, LogEntryView } from '../../protocol/frames';
import type { RawNode } from '../../raft/rawnode';
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

export function memberView(node: RawNode, f: MemberFacts): EtcdMemberView {
  const s = node.status();
  const timer = node.electionTimer();
  const name = (id: number) => f.nameOf.get(id) ?? String(id);
  const lo = Math.max(s.firstIndex, s.lastIndex - (LOG_SHOWN - 1));
  const log: LogEntryView[] = (node.entries(lo, s.lastIndex + 1) ?? []).map((e) => ({ index: e.index, term: e.term, text: entryText(e) }));
  let progress: EtcdMemberView['progress'];
  if (s.progress) {
    const out: Record<string, { match: number; next: number; state: 'probe' | 'replicate' | 'snapshot' }> = {};
    for (const [id, p] of Object.entries(s.progress)) {
      if (Number(id) === f.id) continue;
      out[name(Number(id))] = { match: p.match, next: p.next, state: p.state };
    }
    progress = out;
  }
  return {
    kind: 'etcd',
    member: f.member,
    id: f.id,
    hexId: memberHexId(f.member),
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
