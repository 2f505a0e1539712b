// Raft's stable storage on the machine's Disk (etcd's WAL + snap directories): the hard
// state, the conf state, the snapshot, and one record per log entry. An in-memory index
// (rebuilt from the disk at boot) answers Raft's reads; every change is written through.
//
// Etcd data: the MVCC store is not written per apply. On a restart the member restores
// it from the Raft snapshot and re-applies the committed log after it (RaftConfig.applied
// = the snapshot's index). That gives the same state etcd gets from its bolt db plus WAL
// replay, with one less thing to keep consistent; the cost is re-applying entries, which
// the trace shows as raft.apply events after machine.up (the checkers allow exactly that).

import type { Disk } from '../sim/disk';
import type { ConfState, Entry, HardState, Snapshot, Storage } from '../raft/types';

const HARD = 'raft/hardstate';
const CONF = 'raft/confstate';
const SNAP = 'raft/snapshot';
const LOG = 'raft/log/';
const key = (i: number) => LOG + String(i).padStart(12, '0');

export class DiskStorage implements Storage {
  private hs: HardState;
  private cs: ConfState;
  private snap: Snapshot | undefined;
  /** ents[0] is a dummy at the snapshot's index/term (see MemoryStorage). */
  private ents: Entry[];

  constructor(
    private readonly disk: Disk,
    bootstrap: ConfState,
  ) {
    this.hs = disk.get<HardState>(HARD) ?? { term: 0, vote: 0, commit: 0 };
    this.cs = disk.get<ConfState>(CONF) ?? bootstrap;
    this.snap = disk.get<Snapshot>(SNAP);
    const base = this.snap ? { index: this.snap.meta.index, term: this.snap.meta.term } : { index: 0, term: 0 };
    this.ents = [{ ...base, type: 'normal', data: '' }];
    for (const k of disk.keys(LOG)) {
      const e = disk.get<Entry>(k)!;
      if (e.index > base.index) this.ents.push(e);
    }
    if (!disk.has(CONF)) disk.put(CONF, this.cs);
  }

  initialState(): { hardState: HardState; confState: ConfState } {
    return { hardState: this.hs, confState: this.cs };
  }

  setHardState(hs: HardState): void {
    this.hs = hs;
    this.disk.put(HARD, hs);
  }

  setConfState(cs: ConfState): void {
    this.cs = cs;
    this.disk.put(CONF, cs);
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
    if (lo <= this.offset || hi > this.lastIndex() + 1) throw new Error(`DiskStorage.entries(${lo}, ${hi}) outside (${this.offset}, ${this.lastIndex()}]`);
    return this.ents.slice(lo - this.offset, hi - this.offset);
  }

  snapshot(): Snapshot | undefined {
    return this.snap;
  }

  /** Appends, deleting a conflicting suffix from the disk first. */
  append(entries: readonly Entry[]): void {
    if (entries.length === 0) return;
    const fresh = entries.filter((e) => e.index > this.offset);
    if (fresh.length === 0) return;
    const at = fresh[0]!.index;
    if (at === this.lastIndex() + 1) this.ents.push(...fresh); // the common case: no copy
    else {
      for (let i = at; i <= this.lastIndex(); i++) this.disk.delete(key(i));
      this.ents = this.ents.slice(0, at - this.offset).concat(fresh);
    }
    for (const e of fresh) this.disk.put(key(e.index), e);
  }

  applySnapshot(s: Snapshot): void {
    if (this.snap && s.meta.index <= this.snap.meta.index) return;
    for (let i = this.firstIndex(); i <= this.lastIndex(); i++) this.disk.delete(key(i));
    this.snap = s;
    this.disk.put(SNAP, s);
    this.setConfState(s.meta.confState);
    this.ents = [{ index: s.meta.index, term: s.meta.term, type: 'normal', data: '' }];
  }

  /** Records the state machine at `index` and drops the entries before `keepFrom`. */
  createSnapshot(index: number, data: string, keepFrom: number): Snapshot {
    const term = this.term(index);
    if (term === undefined) throw new Error(`DiskStorage.createSnapshot: no entry ${index}`);
    this.snap = { meta: { index, term, confState: this.cs }, data };
    this.disk.put(SNAP, this.snap);
    const upTo = Math.min(keepFrom - 1, index);
    if (upTo > this.offset) {
      for (let i = this.firstIndex(); i <= upTo; i++) this.disk.delete(key(i));
      this.ents = [{ index: upTo, term: this.term(upTo)!, type: 'normal', data: '' }, ...this.ents.slice(upTo - this.offset + 1)];
    }
    return this.snap;
  }
}
