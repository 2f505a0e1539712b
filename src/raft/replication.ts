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
    case 'MsgAppResp':
      onAppResp(r, m);
      return true;
    case 'MsgHeartbeatResp': {
      pr.recentActive = true;
      pr.msgAppFlowPaused = false;
      // With a full window this sends an empty MsgApp, so a window whose messages were
      // all lost still drains (etcd since 42419da; a heartbeat response no longer frees
      // a slot). A caught-up follower left in probe (after MsgUnreachable) gets an empty
      // one too: its answer moves it back to replicate.
      if (pr.match < r.log.lastIndex() || pr.state === 'probe') sendAppend(r, m.from);
      if (m.context) {
        r.readOnly.recvAck(m.from, m.context);
        for (const req of r.readOnly.maybeAdvance(r.voters, r.quorum())) respondRead(r, req.from, req.index, req.context);
      }
      return true;
    }
    case 'MsgSnapStatus':
      // The host's transport tells whether the snapshot it carried arrived (etcd
      // ReportSnapshot). Either way, probe; after a failure, from the match, so the
      // next heartbeat response sends the snapshot again.
      if (pr.state !== 'snapshot') return true;
      if (m.reject) pr.pendingSnapshot = 0;
      pr.becomeProbe();
      // Success: wait for the follower's MsgAppResp; failure: a heartbeat interval.
      pr.msgAppFlowPaused = true;
      return true;
    case 'MsgUnreachable':
      // The transport could not reach the peer: MsgApps sent optimistically are
      // probably lost, so stop pipelining and probe (etcd ReportUnreachable).
      if (pr.state === 'replicate') pr.becomeProbe();
      return true;
    default:
      return true;
  }
}

function onAppResp(r: Raft, m: Message): void {
  const pr = r.prs.get(m.from)!;
  pr.recentActive = true;
  const index = m.index ?? 0;
  if (m.reject) {
    let nextProbe = m.rejectHint ?? index;
    // The follower's term at the hint: no index of ours whose term is above it can
    // match, so skip back over them at once, probing at most once per term of our log
    // (etcd's leader-side findConflictByTerm; logTerm 0 means unknown).
    if ((m.logTerm ?? 0) > 0) nextProbe = r.log.findConflictByTerm(nextProbe, m.logTerm!);
    if (pr.maybeDecrTo(index, nextProbe)) {
      if (pr.state === 'replicate') pr.becomeProbe();
      sendAppend(r, m.from);
    }
    return;
  }
  // A probing follower that acks exactly its match (an empty MsgApp after
  // MsgUnreachable, say) is found: move it to replicate too.
  if (!pr.maybeUpdate(index) && !(pr.match === index && pr.state === 'probe')) return;
  if (pr.state === 'probe') pr.becomeReplicate();
  else if (pr.state === 'snapshot' && pr.match + 1 >= r.log.firstIndex()) {
    // The log can serve it from its match on, whichever snapshot (or late ack) got it
    // there, even one below the pending snapshot (etcd: PendingSnapshot is not
    // consulted). Through probe, which accounts for the snapshot, to replicate.
    pr.becomeProbe();
    pr.becomeReplicate();
  } else if (pr.state === 'replicate') pr.freeInflightsUpTo(index);
  if (r.maybeCommit()) {
    releasePendingReads(r);
    bcastAppend(r);
  } else if (pr.canBumpCommit(r.log.committed)) {
    // It may lack the latest commit index: tell it now rather than at the next heartbeat.
    sendAppend(r, m.from);
  }
  // Keep the pipeline full while there is more to send.
  while (maybeSendAppend(r, m.from, false));
  if (m.from === r.leadTransferee && pr.match === r.log.lastIndex()) sendTimeoutNow(r, m.from);
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
  // The leader acks its own heartbeat round.
  r.readOnly.recvAck(r.id, r.readOnly.heartbeatCtx());
  bcastHeartbeat(r);
  return true;
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
  if (r.leadTransferee !== 0) {
    // A second request for the same target does not extend the first one's timeout.
    if (r.leadTransferee === target) return;
    // Any other request (back to this leader included) cancels the transfer under way,
    // so proposals flow again at once (etcd TestLeaderTransferBack).
    r.abortLeaderTransfer();
  }
  if (target === r.id) return;
  r.leadTransferee = target;
  // The transfer must finish within an election timeout or it is aborted (tickHeartbeat).
  r.electionElapsed = 0;
  if (pr.match === r.log.lastIndex()) sendTimeoutNow(r, target);
  else sendAppend(r, target);
}

function sendTimeoutNow(r: Raft, to: NodeId): void {
  r.send({ type: 'MsgTimeoutNow', to });
}

const NO_ENTRIES: readonly Entry[] = Object.freeze([]);

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
  // A throttled replicate (full window) sends only empty MsgApps: one per heartbeat
  // response, whose answer frees the window even if every message in it was lost.
  const throttled = pr.state === 'replicate' && pr.inflightFull();
  const entries = throttled ? NO_ENTRIES : r.log.slice(pr.next, r.log.lastIndex() + 1, r.cfg.maxEntriesPerMsg);
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
  pr.sentEntries(entries.length > 0 ? entries[entries.length - 1]!.index : undefined);
  pr.sentCommit = r.log.committed;
  return true;
}

export function bcastAppend(r: Raft): void {
  for (const id of r.peers()) sendAppend(r, id);
}

export function bcastHeartbeat(r: Raft): void {
  // While reads wait, every heartbeat carries the position that confirms all of them.
  const ctx = r.readOnly.heartbeatCtx();
  for (const id of r.peers()) {
    const pr = r.prs.get(id)!;
    // Never tell a follower to commit past what it is known to hold.
    const commit = Math.min(pr.match, r.log.committed);
    r.send({ type: 'MsgHeartbeat', to: id, commit, context: ctx });
    pr.sentCommit = commit;
  }
}
