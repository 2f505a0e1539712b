// etcd's periodic auto-compaction (`--auto-compaction-mode=periodic
// --auto-compaction-retention=<d>`, server/etcdserver/api/v3compactor/periodic.go):
// every retention/10 (at most 6 min) it records the current revision; once a whole
// retention has passed since it started (or since its last compaction, from then on
// every min(retention, 1 h)) it compacts to the revision recorded one retention ago.
// Only the leader's compactor runs (etcd pauses it on followers); the compaction is an
// ordinary Raft request, so every member compacts at the same index.

const HOUR_MS = 3_600_000;

export class PeriodicCompactor {
  private readonly retryMs: number;
  private readonly compactEveryMs: number;
  /** Revisions recorded every retryMs; revs[0] is the one about a retention ago. */
  private readonly revs: number[] = [];
  private readonly keep: number;
  private nextRecord: number;
  private lastSuccess: number;
  private waitMs: number;

  constructor(retentionMs: number, now: number) {
    const capped = Math.min(retentionMs, HOUR_MS);
    this.retryMs = Math.max(1, Math.floor(capped / 10));
    this.compactEveryMs = capped;
    this.keep = Math.floor(retentionMs / this.retryMs) + 1;
    this.nextRecord = now;
    this.lastSuccess = now;
    this.waitMs = retentionMs; // the first compaction waits a whole retention
  }

  /** Called on every tick; returns the revision to compact to, when one is due. */
  tick(now: number, rev: number, leader: boolean): number | undefined {
    if (now < this.nextRecord) return undefined;
    this.revs.push(rev);
    if (this.revs.length > this.keep) this.revs.shift();
    this.nextRecord = now + this.retryMs;
    if (!leader || now - this.lastSuccess < this.waitMs) return undefined;
    this.waitMs = this.compactEveryMs;
    this.lastSuccess = now;
    return this.revs[0]!;
  }
}
