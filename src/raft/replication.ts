// The leader's side: log replication with probe/replicate progress (§5.3), commit by
// counting only current-term entries (§5.4.2), ReadIndex (§6.4), leadership transfer.

import type { Raft } from './raft';
import type { Entry, Message, NodeId } from './types';

export function stepLeader(r: Raft, m: Message): boolean {
  switch (m.type) {
    case 'MsgBeat':
      bcastHeartbeat(r);
      return true;
    case 'MsgProp':
      return propose(r, m);
    case 'MsgReadIndex':
      return readIndex(r, m);
    case 'MsgTransferLeader':
      transferLeader(r, m.from);
      return true;
  }
  const pr = r.prs.get(m.from);
  if (!pr) return true;
  switch (m.type) {
    case 'MsgAppResp': {
      pr.recentActive = true;
      const index = m.index ?? 0;
      if (m.reject) {
        if (pr.maybeDecrTo(index, m.rejectHint ?? index)) {
          if (pr.state === 'replicate') pr.becomeProbe();
          sendAppend(r, m.from);
        }
        return true;
      }
      const wasPaused = pr.isPaused();
      if (pr.maybeUpdate(index)) {
        if (pr.state === 'probe') pr.becomeReplicate();
        else if (pr.state === 'snapshot' && pr.match >= pr.pendingSnapshot) {
          pr.becomeProbe();
          pr.becomeReplicate();
        } else if (pr.state === 'replicate') pr.freeInflightsUpTo(index);
        if (r.maybeCommit()) {
          releasePendingReads(r);
          bcastAppend(r);
        } else if (wasPaused) {
          sendAppend(r, m.from);
        }
        // Keep the pipeline full while there is more to send.
        while (maybeSendAppend(r, m.from, false));
        if (m.from === r.leadTransferee && pr.match === r.log.lastIndex()) sendTimeoutNow(r, m.from);
      }
      return true;
    }
    case 'MsgHeartbeatResp': {
      pr.recentActive = true;
      pr.probeSent = false;
      if (pr.state === 'replicate' && pr.inflightFull()) pr.freeFirstInflight();
      if (pr.match < r.log.lastIndex()) sendAppend(r, m.from);
      if (m.context) onReadAck(r, m.from, m.context);
      return true;
    }
    default:
      return true;
  }
}

function propose(r: Raft, m: Message): boolean {
  const entries = m.entries ?? [];
  if (entries.length === 0) return false;
  if (!r.prs.has(r.id)) return false; // removed from the cluster
  if (r.leadTransferee !== 0) return false; // etcd: no proposals during a transfer
  const out: Entry[] = entries.map((e, i) => {
    if (e.type !== 'confchange') return e;
    if (r.pendingConfIndex > r.log.applied) {
      // One membership change at a time: drop this one (as etcd, an empty entry).
      return { ...e, type: 'normal', data: '' };
    }
    r.pendingConfIndex = r.log.lastIndex() + i + 1;
    return e;
  });
  r.appendEntries(out);
  bcastAppend(r);
  return true;
}

/** §6.4 ReadIndex, ReadOnlySafe: remember the commit index, confirm leadership with a
 * heartbeat round, serve once a quorum acked. */
function readIndex(r: Raft, m: Message): boolean {
  const requester: NodeId = m.from === 0 || m.from === r.id ? r.id : m.from;
  const context = m.context ?? '';
  if (r.voters.size === 1 && r.voters.has(r.id)) {
    respondRead(r, requester, r.log.committed, context);
    return true;
  }
  if (!r.committedEntryInCurrentTerm()) {
    // Until its no-op commits, a new leader does not know the true commit index.
    r.pendingReads.push(m);
    return true;
  }
  r.readOnly.add(r.log.committed, context, requester);
  onReadAck(r, r.id, context);
  bcastHeartbeat(r, context);
  return true;
}

function onReadAck(r: Raft, from: NodeId, context: string): void {
  if (r.readOnly.recvAck(from, context) < r.quorum()) return;
  for (const req of r.readOnly.advance(context)) respondRead(r, req.from, req.index, req.context);
}

function respondRead(r: Raft, to: NodeId, index: number, context: string): void {
  if (to === r.id) r.readStates.push({ index, context });
  else r.send({ type: 'MsgReadIndexResp', to, index, context });
}

function releasePendingReads(r: Raft): void {
  if (r.pendingReads.length === 0 || !r.committedEntryInCurrentTerm()) return;
  const pending = r.pendingReads;
  r.pendingReads = [];
  for (const m of pending) readIndex(r, m);
}

function transferLeader(r: Raft, target: NodeId): void {
  const pr = r.prs.get(target);
  if (!pr || pr.isLearner) return;
  if (r.leadTransferee === target || target === r.id) return;
  r.leadTransferee = target;
  // The transfer must finish within an election timeout or it is aborted (tickHeartbeat).
  r.electionElapsed = 0;
  if (pr.match === r.log.lastIndex()) sendTimeoutNow(r, target);
  else sendAppend(r, target);
}

function sendTimeoutNow(r: Raft, to: NodeId): void {
  r.send({ type: 'MsgTimeoutNow', to });
}

export function sendAppend(r: Raft, to: NodeId): void {
  maybeSendAppend(r, to, true);
}

/** Sends entries (or a snapshot) to `to` if its progress allows. Returns whether a
 * message was sent. */
export function maybeSendAppend(r: Raft, to: NodeId, sendIfEmpty: boolean): boolean {
  const pr = r.prs.get(to);
  if (!pr || to === r.id || pr.isPaused()) return false;
  const prevIndex = pr.next - 1;
  const prevTerm = r.log.term(prevIndex);
  const entries = r.log.slice(pr.next, r.log.lastIndex() + 1, r.cfg.maxEntriesPerMsg);
  if (prevTerm === undefined || entries === undefined) {
    // The entries it needs were compacted away: send the snapshot (InstallSnapshot).
    if (!pr.recentActive) return false;
    const snapshot = r.log.snapshot();
    if (!snapshot) return false;
    r.send({ type: 'MsgSnap', to, snapshot });
    pr.becomeSnapshot(snapshot.meta.index);
    return true;
  }
  if (entries.length === 0 && !sendIfEmpty) return false;
  r.send({ type: 'MsgApp', to, index: prevIndex, logTerm: prevTerm, entries, commit: r.log.committed });
  if (entries.length > 0) pr.sentEntries(entries[entries.length - 1]!.index);
  // In probe, one message at a time until it is answered or a heartbeat comes back.
  if (pr.state === 'probe') pr.probeSent = true;
  return true;
}

export function bcastAppend(r: Raft): void {
  for (const id of r.peers()) sendAppend(r, id);
}

export function bcastHeartbeat(r: Raft, context?: string): void {
  const ctx = context ?? r.readOnly.lastPendingContext();
  for (const id of r.peers()) {
    const pr = r.prs.get(id)!;
    // Never tell a follower to commit past what it is known to hold.
    r.send({ type: 'MsgHeartbeat', to: id, commit: Math.min(pr.match, r.log.committed), context: ctx });
  }
}
