// How Raft shows outside the member: the packet kind of each message type (what the UI
// animates) and the trace events for votes and notes from the Raft core.

import type { RaftEvent } from '../../raft/types';
import type { Runtime } from '../../sim/process';

/** "raft.MsgApp": the packet kind the UI animates, one string per message type. */
const raftKinds = new Map<string, string>();
export function raftKind(type: string): string {
  let k = raftKinds.get(type);
  if (k === undefined) raftKinds.set(type, (k = `raft.${type}`));
  return k;
}

export function raftEventTrace(e: RaftEvent, m: string, nameOf: ReadonlyMap<number, string>, rt: Runtime): void {
  if (e.kind === 'vote' && e.granted) rt.emit({ type: 'raft.vote', member: m, for: nameOf.get(e.to) ?? String(e.to), term: e.term, pre: e.pre });
  else if (e.kind === 'election-timeout') rt.emit({ type: 'raft.note', member: m, term: e.term, note: 'election-timeout' });
  else if (e.kind === 'checkquorum-stepdown') rt.emit({ type: 'raft.note', member: m, term: e.term, note: 'checkquorum' });
  else if (e.kind === 'transfer-aborted') rt.emit({ type: 'raft.note', member: m, term: e.term, note: 'transfer-aborted' });
}
