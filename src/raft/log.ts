// The Raft log (etcd-io/raft log.go + log_unstable.go): stable entries live in the
// host's Storage; entries not yet persisted (and a snapshot not yet installed) are held
// here as `unstable` until the host persists them and calls stableTo.
// Invariants: firstIndex - 1 <= applied <= committed <= lastIndex.

import type { Entry, Snapshot, Storage } from './types';

export class RaftLog {
  committed: number;
  applied: number;
  /** Index of unstableEntries[0]. */
  private offset: number;
  private unstableEntries: Entry[] = [];
  private unstableSnapshot: Snapshot | undefined;

  constructor(readonly storage: Storage) {
    const first = storage.firstIndex();
    this.offset = storage.lastIndex() + 1;
    this.committed = first - 1;
    this.applied = first - 1;
  }

  firstIndex(): number {
    return this.unstableSnapshot ? this.unstableSnapshot.meta.index + 1 : this.storage.firstIndex();
  }

  lastIndex(): number {
    if (this.unstableEntries.length > 0) return this.offset + this.unstableEntries.length - 1;
    if (this.unstableSnapshot) return this.unstableSnapshot.meta.index;
    return this.storage.lastIndex();
  }

  /** The term of the entry at i, or undefined when compacted or beyond the end. */
  term(i: number): number | undefined {
    if (i < this.firstIndex() - 1 || i > this.lastIndex()) return undefined;
    if (this.unstableSnapshot && i === this.unstableSnapshot.meta.index) return this.unstableSnapshot.meta.term;
    if (i >= this.offset) return this.unstableEntries[i - this.offset]?.term;
    if (this.unstableSnapshot) return undefined; // below the snapshot being installed
    return this.storage.term(i);
  }

  lastTerm(): number {
    return this.term(this.lastIndex()) ?? 0;
  }

  matchTerm(i: number, term: number): boolean {
    return this.term(i) === term;
  }

  /** §5.4.1: a candidate's log is at least as up to date as ours. */
  isUpToDate(lastIndex: number, lastTerm: number): boolean {
    const ourTerm = this.lastTerm();
    return lastTerm > ourTerm || (lastTerm === ourTerm && lastIndex >= this.lastIndex());
  }

  /** Entries in [lo, hi), from storage then unstable, at most maxCount. */
  slice(lo: number, hi: number, maxCount = Infinity): Entry[] | undefined {
    if (lo < this.firstIndex()) return undefined; // compacted: the follower needs a snapshot
    hi = Math.min(hi, this.lastIndex() + 1, lo + maxCount);
    if (lo >= hi) return [];
    // One copy, not a copy spread into another (every MsgApp and every Ready's
    // committed entries come through here): all from storage (a fresh array, Storage's
    // contract), all unstable, or both.
    if (hi <= this.offset) return this.storage.entries(lo, hi);
    if (lo >= this.offset) return this.unstableEntries.slice(lo - this.offset, hi - this.offset);
    const out = this.storage.entries(lo, this.offset);
    for (let i = 0; i < hi - this.offset; i++) out.push(this.unstableEntries[i]!);
    return out;
  }

  /** The first entry whose index is new or whose term conflicts with ours; 0 if none. */
  findConflict(entries: readonly Entry[]): number {
    // Indexed: an empty MsgApp's entries are a shared frozen array, and for...of over
    // frozen and plain arrays at one site takes the generic, allocating iteration.
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (!this.matchTerm(e.index, e.term)) return e.index;
    }
    return 0;
  }

  /** The largest index <= i whose term is <= term: where a rejected MsgApp may match. */
  findConflictByTerm(i: number, term: number): number {
    for (; i > 0; i--) {
      const t = this.term(i);
      if (t === undefined || t <= term) return i;
    }
    return 0;
  }

  /** Follower side of AppendEntries (§5.3). Returns the last new index, or undefined
   * when the entry at `index` does not have `logTerm` (the consistency check fails). */
  maybeAppend(index: number, logTerm: number, committed: number, entries: readonly Entry[]): number | undefined {
    if (!this.matchTerm(index, logTerm)) return undefined;
    const lastNew = index + entries.length;
    const conflict = this.findConflict(entries);
    if (conflict !== 0) {
      if (conflict <= this.committed) throw new Error(`raft: entry ${conflict} conflicts with committed entry (committed ${this.committed})`);
      this.append(entries.slice(conflict - index - 1));
    }
    this.commitTo(Math.min(committed, lastNew));
    return lastNew;
  }

  append(entries: readonly Entry[]): number {
    if (entries.length === 0) return this.lastIndex();
    const after = entries[0]!.index;
    if (after - 1 < this.committed) throw new Error(`raft: appending after ${after - 1} is below committed ${this.committed}`);
    if (after === this.offset + this.unstableEntries.length) {
      this.unstableEntries.push(...entries);
    } else if (after <= this.offset) {
      // Replaces stable entries too; the host's Storage.append truncates on persist.
      this.offset = after;
      this.unstableEntries = entries.slice();
    } else {
      this.unstableEntries = this.unstableEntries.slice(0, after - this.offset).concat(entries);
    }
    return this.lastIndex();
  }

  commitTo(c: number): void {
    if (c <= this.committed) return;
    if (c > this.lastIndex()) throw new Error(`raft: commit ${c} is past the last index ${this.lastIndex()}`);
    this.committed = c;
  }

  /** Leader: commit up to maxIndex only if that entry is of the current term (§5.4.2). */
  maybeCommit(maxIndex: number, term: number): boolean {
    if (maxIndex > this.committed && this.term(maxIndex) === term) {
      this.commitTo(maxIndex);
      return true;
    }
    return false;
  }

  appliedTo(i: number): void {
    if (i === 0) return;
    if (i > this.committed || i < this.applied) throw new Error(`raft: applied(${i}) out of range [${this.applied}, ${this.committed}]`);
    this.applied = i;
  }

  hasNextCommittedEntries(): boolean {
    return this.committed > Math.max(this.applied, this.firstIndex() - 1);
  }

  nextCommittedEntries(): Entry[] {
    const lo = Math.max(this.applied + 1, this.firstIndex());
    return this.committed + 1 > lo ? this.slice(lo, this.committed + 1) ?? [] : [];
  }

  unstable(): readonly Entry[] {
    return this.unstableEntries;
  }

  pendingSnapshot(): Snapshot | undefined {
    return this.unstableSnapshot;
  }

  /** The host persisted entries up to (i, t). */
  stableTo(i: number, t: number): void {
    const at = i - this.offset;
    if (at < 0 || at >= this.unstableEntries.length || this.unstableEntries[at]!.term !== t) return;
    this.unstableEntries = this.unstableEntries.slice(at + 1);
    this.offset = i + 1;
  }

  stableSnapTo(i: number): void {
    if (this.unstableSnapshot?.meta.index === i) this.unstableSnapshot = undefined;
  }

  /** Installs a leader's snapshot: the log becomes just that point. */
  restore(s: Snapshot): void {
    this.committed = s.meta.index;
    this.unstableSnapshot = s;
    this.offset = s.meta.index + 1;
    this.unstableEntries = [];
  }

  /** The snapshot to send a follower that is too far behind. */
  snapshot(): Snapshot | undefined {
    return this.unstableSnapshot ?? this.storage.snapshot();
  }
}
