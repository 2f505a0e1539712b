// The leader's view of one follower (etcd-io/raft tracker/progress.go): how far its
// log is known to match (`match`), what to send next (`next`), and how to send:
//   probe     — one MsgApp per heartbeat until the follower's match is found;
//   replicate — pipelined MsgApps, at most maxInflightMsgs unacknowledged; with the
//               window full, one empty MsgApp per heartbeat response (so a window
//               whose messages were all lost still drains);
//   snapshot  — the entries it needs were compacted; wait for the snapshot to land
//               (next = pendingSnapshot + 1).
// Invariant: match < next. `sentCommit` (the highest commit index sent to it) lets the
// leader skip MsgApps that could not move the follower's commit (canBumpCommit).

export type ProgressState = 'probe' | 'replicate' | 'snapshot';

export class Progress {
  match = 0;
  next: number;
  state: ProgressState = 'probe';
  /** The MsgApp flow is throttled (etcd MsgAppFlowPaused): in probe a MsgApp is out,
   * in replicate the inflight window is full. A heartbeat response clears it, so one
   * more MsgApp goes out per heartbeat interval. */
  msgAppFlowPaused = false;
  pendingSnapshot = 0;
  /** Highest commit index in flight to the follower (etcd sentCommit). Lowered when the
   * leader learns the follower may not have what was sent (probe, rejection). */
  sentCommit = 0;
  /** Heard from within the last election timeout (CheckQuorum). */
  recentActive = false;
  /** Last indexes of MsgApps in flight (replicate only), oldest first. */
  private inflights: number[] = [];

  constructor(
    next: number,
    private readonly maxInflight: number,
    /** Flipped in place when a conf change promotes or demotes the member. */
    public isLearner = false,
  ) {
    this.next = next;
  }

  becomeProbe(): void {
    // After a snapshot, resume right after it: the follower has at least that much.
    this.next = this.state === 'snapshot' ? Math.max(this.match + 1, this.pendingSnapshot + 1) : this.match + 1;
    this.reset('probe');
    this.sentCommit = Math.min(this.sentCommit, this.next - 1);
  }

  becomeReplicate(): void {
    this.next = this.match + 1;
    this.reset('replicate');
  }

  becomeSnapshot(index: number): void {
    this.reset('snapshot');
    this.pendingSnapshot = index;
    // The snapshot carries everything up to index, its commit included.
    this.next = index + 1;
    this.sentCommit = index;
  }

  private reset(state: ProgressState): void {
    this.state = state;
    this.msgAppFlowPaused = false;
    this.pendingSnapshot = 0;
    this.inflights = [];
  }

  /** An acknowledgement up to n. Returns whether match moved. */
  maybeUpdate(n: number): boolean {
    let updated = false;
    if (this.match < n) {
      this.match = n;
      updated = true;
      this.msgAppFlowPaused = false;
    }
    this.next = Math.max(this.next, n + 1);
    return updated;
  }

  /** A MsgApp went out carrying entries up to `last` (undefined: an empty one). In
   * replicate, assume they will land; a full window pauses the flow. In probe, a MsgApp
   * with entries pauses it until answered (etcd: only non-empty ones do). */
  sentEntries(last: number | undefined): void {
    if (this.state === 'replicate') {
      if (last !== undefined) {
        this.next = last + 1;
        this.inflights.push(last);
      }
      this.msgAppFlowPaused = this.inflightFull();
    } else if (this.state === 'probe' && last !== undefined) {
      this.msgAppFlowPaused = true;
    }
  }

  /** Whether sending commit index `commit` may move the follower's commit: only if it is
   * new and the commit sent so far does not already reach next - 1 (etcd CanBumpCommit). */
  canBumpCommit(commit: number): boolean {
    return commit > this.sentCommit && this.sentCommit < this.next - 1;
  }

  /** A MsgAppResp rejecting `rejected` (the index the leader sent as prev). `hint` is
   * the follower's best guess of where the logs may match. Returns false when stale. */
  maybeDecrTo(rejected: number, hint: number): boolean {
    if (this.state === 'replicate') {
      if (rejected <= this.match) return false; // stale rejection
      this.next = this.match + 1;
      this.sentCommit = Math.min(this.sentCommit, this.next - 1); // it probably was not applied
      return true;
    }
    if (this.next - 1 !== rejected) return false; // not the probe we are waiting on
    this.next = Math.max(Math.min(rejected, hint + 1), this.match + 1, 1);
    this.sentCommit = Math.min(this.sentCommit, this.next - 1);
    this.msgAppFlowPaused = false;
    return true;
  }

  freeInflightsUpTo(index: number): void {
    this.inflights = this.inflights.filter((i) => i > index);
  }

  inflightFull(): boolean {
    return this.inflights.length >= this.maxInflight;
  }

  isPaused(): boolean {
    switch (this.state) {
      case 'probe':
      case 'replicate':
        return this.msgAppFlowPaused;
      case 'snapshot':
        return true;
    }
  }
}
