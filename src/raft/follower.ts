// The follower's and candidate's step functions (etcd-io/raft stepFollower /
// stepCandidate): forward proposals and reads to the leader, accept AppendEntries,
// heartbeats and snapshots (§5.3), count votes (§5.2).

import type { Raft } from './raft';
import type { Message } from './types';

export function stepFollower(r: Raft, m: Message): boolean {
  switch (m.type) {
    case 'MsgProp':
      if (r.lead === 0) return false; // etcd: ErrProposalDropped
      r.msgs.push({ ...m, to: r.lead, from: r.id, term: 0 }); // forwarded to the leader
      return true;
    case 'MsgApp':
    case 'MsgHeartbeat':
    case 'MsgSnap':
      r.electionElapsed = 0;
      r.lead = m.from;
      handleFromLeader(r, m);
      return true;
    case 'MsgTransferLeader':
      if (r.lead === 0) return false;
      r.msgs.push({ ...m, to: r.lead, term: 0 });
      return true;
    case 'MsgTimeoutNow':
      // The leader chose us: campaign now, skipping PreVote (etcd campaignTransfer).
      r.hup(true);
      return true;
    case 'MsgReadIndex':
      if (r.lead === 0) return false; // no leader: the read is dropped, the caller times out
      r.msgs.push({ ...m, to: r.lead, from: m.from === 0 ? r.id : m.from, term: 0 });
      return true;
    case 'MsgReadIndexResp':
      r.readStates.push({ index: m.index ?? 0, context: m.context ?? '' });
      return true;
    default:
      return true;
  }
}

export function stepCandidate(r: Raft, m: Message): boolean {
  switch (m.type) {
    case 'MsgProp':
    case 'MsgReadIndex':
      return false;
    case 'MsgApp':
    case 'MsgHeartbeat':
    case 'MsgSnap':
      r.becomeFollower(m.term, m.from); // a leader of our term exists (§5.2)
      handleFromLeader(r, m);
      return true;
    case 'MsgPreVoteResp':
      if (r.role === 'precandidate') r.onVoteResponse(m);
      return true;
    case 'MsgVoteResp':
      if (r.role === 'candidate') r.onVoteResponse(m);
      return true;
    default:
      return true;
  }
}

/** A follower handles what only a leader sends. */
function handleFromLeader(r: Raft, m: Message): void {
  if (m.type === 'MsgApp') handleAppendEntries(r, m);
  else if (m.type === 'MsgHeartbeat') handleHeartbeat(r, m);
  else handleSnapshot(r, m);
}

function handleAppendEntries(r: Raft, m: Message): void {
  const index = m.index ?? 0;
  if (index < r.log.committed) {
    r.send({ type: 'MsgAppResp', to: m.from, index: r.log.committed });
    return;
  }
  const lastNew = r.log.maybeAppend(index, m.logTerm ?? 0, m.commit ?? 0, m.entries ?? []);
  if (lastNew !== undefined) {
    r.send({ type: 'MsgAppResp', to: m.from, index: lastNew });
    return;
  }
  // Reject with a hint: the largest index that may match, so the leader can skip back
  // over a whole divergent term at once instead of one entry per round trip.
  const hint = r.log.findConflictByTerm(Math.min(index, r.log.lastIndex()), m.logTerm ?? 0);
  r.send({ type: 'MsgAppResp', to: m.from, index, reject: true, rejectHint: hint, logTerm: r.log.term(hint) ?? 0 });
}

function handleHeartbeat(r: Raft, m: Message): void {
  r.log.commitTo(Math.min(m.commit ?? 0, r.log.lastIndex()));
  r.send({ type: 'MsgHeartbeatResp', to: m.from, context: m.context });
}

function handleSnapshot(r: Raft, m: Message): void {
  const s = m.snapshot;
  if (!s) return;
  if (s.meta.index <= r.log.committed) {
    r.send({ type: 'MsgAppResp', to: m.from, index: r.log.committed });
    return;
  }
  if (r.log.matchTerm(s.meta.index, s.meta.term)) {
    // We already have that entry: just fast-forward the commit index.
    r.log.commitTo(s.meta.index);
    r.send({ type: 'MsgAppResp', to: m.from, index: r.log.committed });
    return;
  }
  r.log.restore(s);
  r.applyConfState(s.meta.confState);
  r.send({ type: 'MsgAppResp', to: m.from, index: r.log.lastIndex() });
}
