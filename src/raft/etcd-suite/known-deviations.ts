// Where src/raft differs from etcd-io/raft, as the ported suite sees it, in one list.
// A ported test (or transcript) named here is skipped with the reason: a deviation the
// port found that issue 10 does not list (FOUND), or something the project does not model
// (NOT_MODELLED). Issue 10's nine deviations and the transport reports (MsgUnreachable,
// MsgSnapStatus) are fixed; their tests run unchanged. Registered through ../testing/etcd-test.ts and interaction.test.ts.
//
// To see them fail against today's code: RAFT_DEVIATIONS=run npx vitest run src/raft/etcd-suite

/** Deviations the port found that issue 10 does not list (line numbers as of this branch). */
export const FOUND = {
  boot: 'RawNode boot HardState: src/raft/rawnode.ts constructor (line 25) takes prevHard from storage, etcd NewRawNode from the raft (rn.prevHardSt = r.hardState()), so a node booted from a snapshot hands out one extra Ready that only repeats its commit. Harmless; the transcript env works around it (BOOT_HARDSTATE_SHIM)',
  transitions:
    "invalid role transitions are not refused: src/raft/raft.ts becomeLeader (line 151) accepts a follower, becomeCandidate (142) and becomePreCandidate (132) a leader; etcd panics (raft.go \"invalid transition\"). Unreachable from src/raft's own paths today",
  selfActive: "the leader's own progress is never marked recently active (src/raft/raft.ts reset, line 114, and becomeLeader, 157); etcd's becomeLeader sets RecentActive on itself, so its `status` does not show the leader \"inactive\"",
  snapNext: 'Progress.becomeSnapshot keeps next (src/raft/progress.ts line 41); etcd sets Next = snapshot index + 1',
  emptyAppend:
    "a follower that was paused gets an empty MsgApp when it acks (src/raft/replication.ts line 43, `else if (wasPaused) sendAppend`); etcd sends one only when it can move the follower's commit (Progress.CanBumpCommit, sentCommit)",
  newPeerNext: "a new peer's progress starts at next = lastIndex + 1 (src/raft/raft.ts applyConfState, line 384); etcd's at lastIndex, so its first probe carries the last entry",
  confChangeBcast:
    'a conf change applied on the leader sends every follower a MsgApp, empty or not (src/raft/raft.ts applyConfChange, line 411: both branches bcastAppend); etcd sends only what there is to send (maybeSendAppend with sendIfEmpty=false)',
  snapshotLeave:
    "a follower in snapshot state leaves it only by acking at or past the pending snapshot (src/raft/replication.ts line 36); etcd also as soon as the leader's log can serve it from its match (pr.Match+1 >= firstIndex), so one that caught up another way (another member's snapshot, a late ack) is not left waiting. With no MsgSnapStatus either, a lost MsgSnap leaves the follower paused until the leader changes",
} as const;

/** Things the project deliberately does not model, where a test or script relies on them. */
export const NOT_MODELLED = {
  syncSelfAck:
    'the leader counts its own append, and a candidate its own vote, at once; etcd does after the storage write (self-addressed messages delivered after the Ready), so here a single node leads and commits within one Ready',
} as const;

/** Go test name (with `/case N` for a table case) → deviation number in issue 10, or, for
 * a deviation the port found that issue 10 does not list, what differs. */
export const KNOWN_DEVIATIONS: Readonly<Record<string, number | string>> = {
  // Found by the port, not in issue 10:
  'RawNode boot HardState': FOUND.boot,
  'TestStateTransition/case 3': FOUND.transitions,
  'Leave snapshot state once the log can serve the follower': FOUND.snapshotLeave,
};

/** Transcript files under ./testdata whose expected output (etcd's) this core does not
 * print today: a number is a deviation of issue 10 alone; a string names every reason
 * (such a file still fails once issue 10's fixes land). */
export const KNOWN_TRANSCRIPT_DEVIATIONS: Readonly<Record<string, number | string>> = {
  'lagging_commit.txt': FOUND.selfActive,
  'slow_follower_after_compaction.txt': FOUND.selfActive,
  'snapshot_succeed_via_app_resp.txt': `${FOUND.selfActive}; ${FOUND.snapNext}; ${FOUND.emptyAppend}`,
  'confchange_v1_remove_leader.txt': FOUND.confChangeBcast,
  'probe_and_replicate.txt': FOUND.emptyAppend,
  'replicate_pause.txt': `${FOUND.selfActive}; not modelled: ${NOT_MODELLED.syncSelfAck}`,
  'single_node.txt': `not modelled: ${NOT_MODELLED.syncSelfAck}`,
  'confchange_v1_add_single.txt': `not modelled: ${NOT_MODELLED.syncSelfAck}; ${FOUND.newPeerNext}; ${FOUND.emptyAppend}`,
  'snapshot_succeed_via_app_resp_behind.txt': `${FOUND.snapshotLeave}; ${FOUND.selfActive}`,
  'heartbeat_resp_recovers_from_probing.txt': FOUND.selfActive,
};
