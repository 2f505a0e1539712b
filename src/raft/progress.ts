// The leader's view of one follower (etcd-io/raft tracker/progress.go): how far its
// log is known to match (`match`), what to send next (`next`), and how to send:
//   probe     — one MsgApp per heartbeat until the follower's match is found;
//   replicate — pipelined MsgApps, at most maxInflightMsgs unacknowledged;
//   snapshot  — the entries it needs were compacted; wait for the snapshot to land.
// Invariant: match < next.

export type ProgressState = 'probe' | 'replicate' | 'snapshot';

export class Progress {
  match = 0;
  next: number;
  state: ProgressState = 'probe';
  /** Probe only: a MsgApp is out; wait for its answer or the next heartbeat. */
  probeSent = false;
  pendingSnapshot = 0;
  /** Heard from within the last election timeout (CheckQuorum). */
  recentActive = false;
  /** Last indexes of MsgApps in flight (replicate only), oldest first. */
  private inflights: number[] = [];

  constructor(
    next: number,
    private readonly maxInflight: number,
    readonly isLearner = false,
  ) {
    this.next = next;
  }

  becomeProbe(): void {
    // After a snapshot, resume right after it: the follower has at least that much.
    this.next = this.state === 'snapshot' ? Math.max(this.match + 1, this.pendingSnapshot + 1) : this.match + 1;
    this.reset('probe');
  }

  becomeReplicate(): void {
    this.next = this.match + 1;
    this.reset('replicate');
  }

  becomeSnapshot(index: number): void {
    this.reset('snapshot');
    this.pendingSnapshot = index;
  }

  private reset(state: ProgressState): void {
    this.state = state;
    this.probeSent = false;
    this.pendingSnapshot = 0;
    this.inflights = [];
  }

  /** An acknowledgement up to n. Returns whether match moved. */
  maybeUpdate(n: number): boolean {
    let updated = false;
    if (this.match < n) {
      this.match = n;
      updated = true;
      this.probeSent = false;
    }
    this.next = Math.max(this.next, n + 1);
    return updated;
  }

  /** Replicate: entries up to `last` were sent; assume they will land. */
  sentEntries(last: number): void {
    if (this.state === 'replicate') {
      this.next = last + 1;
      this.inflights.push(last);
    }
  }

  /** A MsgAppResp rejecting `rejected` (the index the leader sent as prev). `hint` is
   * the follower's best guess of where the logs may match. Returns false when stale. */
  maybeDecrTo(rejected: number, hint: number): boolean {
    if (this.state === 'replicate') {
      if (rejected <= this.match) return false; // stale rejection
      this.next = this.match + 1;
      return true;
    }
    if (this.next - 1 !== rejected) return false; // not the probe we are waiting on
    this.next = Math.max(Math.min(rejected, hint + 1), this.match + 1, 1);
    this.probeSent = false;
    return true;
  }

  freeInflightsUpTo(index: number): void {
    this.inflights = this.inflights.filter((i) => i > index);
  }

  freeFirstInflight(): void {
    this.inflights.shift();
  }

  inflightFull(): boolean {
    return this.inflights.length >= this.maxInflight;
  }

  isPaused(): boolean {
    switch (this.state) {
      case 'probe':
        return this.probeSent;
      case 'replicate':
        return this.inflightFull();
      case 'snapshot':
        return true;
    }
  }
}
