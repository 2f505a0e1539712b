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
};

/** Transcript files under ./testdata whose expected output (etcd's) this core does not
 * print today: a number is a deviation of issue 10 alone; a string names every reason
 * (such a file still fails once issue 10's fixes land). */
export const KNOWN_TRANSCRIPT_DEVIATIONS: Readonly<Record<string, number | string>> = {
  'replicate_pause.txt': `not modelled: ${NOT_MODELLED.syncSelfAck}`,
  'single_node.txt': `not modelled: ${NOT_MODELLED.syncSelfAck}`,
  'confchange_v1_add_single.txt': `not modelled: ${NOT_MODELLED.syncSelfAck}`,
};
