// Text forms of messages, entries, Readies and progress in the shape of etcd-io/raft's
// util.go (DescribeMessage, DescribeEntry, DescribeReady) and tracker (Progress.String),
// so the transcripts under ../etcd-suite/testdata read like etcd's own.

import type { Progress } from '../progress';
import type { ConfChange, ConfState, Entry, HardState, Message, Ready, Snapshot, SoftState } from '../types';

const ROLE: Record<SoftState['role'], string> = {
  follower: 'StateFollower',
  precandidate: 'StatePreCandidate',
  candidate: 'StateCandidate',
  leader: 'StateLeader',
};

export function describeRole(role: SoftState['role']): string {
  return ROLE[role];
}

/** Go's %q for the ASCII data the scripts use. */
function quote(s: string): string {
  return JSON.stringify(s);
}

/** etcd's ConfChangesToString: v2 adds voter 2, l2 learner 2, r2 removes 2. */
export function describeConfChange(cc: ConfChange): string {
  const prefix = cc.type === 'addNode' ? 'v' : cc.type === 'addLearner' ? 'l' : 'r';
  return `${prefix}${cc.nodeId}`;
}

export function describeEntry(e: Entry): string {
  const data = dataString(e);
  if (e.type === 'confchange') {
    let formatted: string;
    try {
      formatted = describeConfChange(JSON.parse(data) as ConfChange);
    } catch {
      formatted = `undecodable ${quote(data)}`;
    }
    return `${e.term}/${e.index} EntryConfChange ${formatted}`;
  }
  return `${e.term}/${e.index} EntryNormal ${quote(data)}`;
}

/** An entry's data as text (the ported tests propose strings; an object payload is
 * shown as its JSON). */
export function dataString(e: Entry): string {
  return typeof e.data === 'string' ? e.data : JSON.stringify(e.data);
}

export function describeEntries(ents: readonly Entry[]): string {
  return ents.map((e) => describeEntry(e) + '\n').join('');
}

function goList(ids: readonly number[]): string {
  return `[${ids.join(' ')}]`;
}

export function describeConfState(cs: ConfState): string {
  return `Voters:${goList(cs.voters)} VotersOutgoing:[] Learners:${goList(cs.learners)} LearnersNext:[] AutoLeave:false`;
}

export function describeSnapshot(s: Snapshot): string {
  return `Index:${s.meta.index} Term:${s.meta.term} ConfState:${describeConfState(s.meta.confState)}`;
}

export function describeMessage(m: Message, indent = ''): string {
  let out = `${indent}${m.from}->${m.to} ${m.type} Term:${m.term} Log:${m.logTerm ?? 0}/${m.index ?? 0}`;
  if (m.reject) out += ` Rejected (Hint: ${m.rejectHint ?? 0})`;
  if (m.commit) out += ` Commit:${m.commit}`;
  const ents = m.entries ?? [];
  if (ents.length === 1) out += ` Entries:[${describeEntry(ents[0]!)}]`;
  else if (ents.length > 1) out += ` Entries:[${ents.map((e) => `\n${indent}  ${describeEntry(e)}`).join('')}\n${indent}]`;
  if (m.snapshot) out += `\n${indent}  Snapshot: ${describeSnapshot(m.snapshot)}`;
  // Not in etcd's text (its ReadIndex context rides in an entry): shown so reads can be followed.
  if (m.context) out += ` Context:${quote(m.context)}`;
  return out;
}

export function describeHardState(hs: HardState): string {
  return `Term:${hs.term}${hs.vote !== 0 ? ` Vote:${hs.vote}` : ''} Commit:${hs.commit}`;
}

/** etcd's DescribeReady; `mustSync` as etcd's MustSync (entries, or a new term or vote). */
export function describeReady(rd: Ready, mustSync: boolean): string {
  let buf = '';
  if (rd.softState) buf += `Lead:${rd.softState.lead} State:${describeRole(rd.softState.role)}\n`;
  if (rd.hardState) buf += `HardState ${describeHardState(rd.hardState)}\n`;
  if (rd.readStates.length > 0) buf += `ReadStates ${rd.readStates.map((r) => `{Index:${r.index} RequestCtx:${quote(r.context)}}`).join(' ')}\n`;
  if (rd.entries.length > 0) buf += `Entries:\n${describeEntries(rd.entries)}`;
  if (rd.snapshot) buf += `Snapshot ${describeSnapshot(rd.snapshot)}\n`;
  if (rd.committedEntries.length > 0) buf += `CommittedEntries:\n${describeEntries(rd.committedEntries)}`;
  if (rd.messages.length > 0) buf += `Messages:\n${rd.messages.map((m) => describeMessage(m) + '\n').join('')}`;
  return buf.length > 0 ? `Ready MustSync=${mustSync}:\n${buf}` : '<empty Ready>\n';
}

const PR_STATE = { probe: 'StateProbe', replicate: 'StateReplicate', snapshot: 'StateSnapshot' } as const;

/** etcd's Progress.String. */
export function describeProgress(pr: Progress): string {
  let out = `${PR_STATE[pr.state]} match=${pr.match} next=${pr.next}`;
  if (pr.isLearner) out += ' learner';
  if (pr.isPaused()) out += ' paused';
  if (pr.pendingSnapshot > 0) out += ` pendingSnap=${pr.pendingSnapshot}`;
  if (!pr.recentActive) out += ' inactive';
  const inflight = (pr as unknown as { inflights: number[] }).inflights.length;
  if (inflight > 0) out += ` inflight=${inflight}${pr.inflightFull() ? '[full]' : ''}`;
  return out;
}
