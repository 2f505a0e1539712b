// The ported etcd-io/raft tests that fail today only because src/raft still differs from
// etcd-io/raft in one of the nine ways issue 10 lists. Each is registered through
// `etcdTest` (../testing/etcd-test.ts), which skips it while its name is here. The tests themselves are the faithful
// port: when the fixes land (branch raft-fix), empty this list and they must pass.
//
// To see them fail against today's code: RAFT_DEVIATIONS=run npx vitest run src/raft/etcd-suite

/** Go test name (with `/case` for a table case run by t.Run) → deviation number in issue
 * 10, or, for a deviation the port found that issue 10 does not list, what differs. */
export const KNOWN_DEVIATIONS: Readonly<Record<string, number | string>> = {
  TestReadOnlyDuplicateRequest: 1,
  TestLeaderTransferBack: 2,
  TestLeaderTransferRemoveNode: 3,
  TestRemoveNode: 4,
  TestRemoveLearner: 4,
  TestAddLearner: 5,
  'TestFastLogRejection/case 0': 6,
  'TestFastLogRejection/case 1': 6,
  'TestFastLogRejection/case 6': 6,
  'TestLeaderAppResp/case 3': 7,
  TestMsgAppFlowControlRecvHeartbeat: 8,
  TestRestore: 9,
  // Found by the port, not in issue 10:
  'TestStateTransition/case 3':
    'invalid role transitions are not refused: src/raft/raft.ts becomeLeader (line 151) accepts a follower, becomeCandidate (142) and becomePreCandidate (132) a leader; etcd panics (raft.go "invalid transition"). Unreachable from src/raft\'s own paths today',
};
