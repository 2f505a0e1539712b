// Stable storage kept in memory, for tests and as the reference the disk-backed
// storage of the etcd member mirrors. As in etcd-io/raft, ents[0] is a dummy entry
// holding the index and term of the last compacted entry (the snapshot's), so
// term(firstIndex - 1) is always answerable: MsgApp needs the term of the entry
// preceding what it sends (§5.3 consistency check).

import type { ConfState, Entry, HardState, Snapshot, SnapshotData, Storage } from './types';

const EMPTY_HARD_STATE: HardState = { term: 0, vote: 0, commit: 0 };

export class MemoryStorage implements Storage {
  private hs: HardState = EMPTY_HARD_STATE;
  private snap: Snapshot | undefined;
  private confState: ConfState;
  /** ents[0] is the dummy; real entries follow with consecutive indexes. */
  private ents: Entry[] = [{ index: 0, term: 0, type: 'normal', data: '' }];

  constructor(confState: ConfState = { voters: [], learners: [] }) {
    this.confState = confState;
  }

  initialState(): { hardState: HardState; confState: ConfState } {
    return { hardState: this.hs, confState: this.confState };
  }

  hardState(): HardState {
    return this.hs;
  }

  setHardState(hs: HardState): void {
    this.hs = hs;
  }

  setConfState(cs: ConfState): void {
    this.confState = cs;
  }

  private get offset(): number {
    return this.ents[0]!.index;
  }

  firstIndex(): number {
    return this.offset + 1;
  }

  lastIndex(): number {
    return this.offset + this.ents.length - 1;
  }

  term(index: number): number | undefined {
    if (index < this.offset || index > this.lastIndex()) return undefined;
    return this.ents[index - this.offset]!.term;
  }

  entries(lo: number, hi: number): Entry[] {
    if (lo <= this.offset) throw new Error(`MemoryStorage.entries: ${lo} is compacted (first ${this.firstIndex()})`);
    if (hi > this.lastIndex() + 1) throw new Error(`MemoryStorage.entries: ${hi} is past the last index ${this.lastIndex()}`);
    return this.ents.slice(lo - this.offset, hi - this.offset);
  }

  snapshot(): Snapshot | undefined {
    return this.snap;
  }

  /** Appends, overwriting any conflicting suffix (entries from a deposed leader). */
  append(entries: readonly Entry[]): void {
    if (entries.length === 0) return;
    const first = this.firstIndex();
    const last = entries[0]!.index + entries.length - 1;
    if (last < first) return; // all already compacted
    const fresh = first > entries[0]!.index ? entries.slice(first - entries[0]!.index) : entries;
    const at = fresh[0]!.index - this.offset;
    if (at > this.ents.length) throw new Error(`MemoryStorage.append: gap, last ${this.lastIndex()}, appending ${fresh[0]!.index}`);
    if (at === this.ents.length) this.ents.push(...fresh); // the common case: no copy
    else this.ents = this.ents.slice(0, at).concat(fresh);
  }

  /** Replaces the whole log with a snapshot received from the leader. */
  applySnapshot(s: Snapshot): void {
    if (this.snap && s.meta.index <= this.snap.meta.index) return;
    this.snap = s;
    this.confState = s.meta.confState;
    this.ents = [{ index: s.meta.index, term: s.meta.term, type: 'normal', data: '' }];
  }

  /** Records the state machine's state at `index` (<= applied) as the snapshot. */
  createSnapshot(index: number, confState: ConfState, data: SnapshotData): Snapshot {
    const term = this.term(index);
    if (term === undefined) throw new Error(`MemoryStorage.createSnapshot: no entry ${index}`);
    this.snap = { meta: { index, term, confState }, data };
    return this.snap;
  }

  /** Discards entries before `index` (which becomes the dummy). */
  compact(index: number): void {
    if (index <= this.offset) return;
    if (index > this.lastIndex()) throw new Error(`MemoryStorage.compact: ${index} is past the last index`);
    const term = this.term(index)!;
    this.ents = [{ index, term, type: 'normal', data: '' }, ...this.ents.slice(index - this.offset + 1)];
  }
}
