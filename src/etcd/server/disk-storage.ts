// Raft's stable storage on the machine's Disk (etcd's WAL + snap directories): the
// in-memory log of MemoryStorage, rebuilt from the disk at boot, with every change
// written through — hard state, conf state, snapshot, one record per log entry.
//
// Etcd data: the MVCC store is not written per apply. On a restart the member restores
// it from the Raft snapshot and re-applies the committed log after it (RaftConfig.applied
// = the snapshot's index). That gives the same state etcd gets from its bolt db plus WAL
// replay, with one less thing to keep consistent; the cost is re-applying entries, which
// the trace shows as raft.apply events after machine.up (the checkers allow exactly that).

import { MemoryStorage } from '../../raft/memory-storage';
import type { ConfState, Entry, HardState, Snapshot, SnapshotData } from '../../raft/types';
import type { Disk } from '../../sim/disk';
import { RAFT_CONF as CONF, RAFT_HARD as HARD, RAFT_LOG as LOG, RAFT_SNAP as SNAP } from './data-dir';

const key = (i: number) => LOG + i;

export class DiskStorage extends MemoryStorage {
  private booted = false;

  constructor(
    private readonly disk: Disk,
    bootstrap: ConfState,
  ) {
    super(disk.get<ConfState>(CONF) ?? bootstrap);
    const snap = disk.get<Snapshot>(SNAP);
    if (snap) super.applySnapshot(snap);
    const base = snap?.meta.index ?? 0;
    const onDisk = disk.keys(LOG).map((k) => disk.get<Entry>(k)!);
    // Entries up to the snapshot are not loaded (the log restarts after it), so the ones
    // kept for slow followers before the crash are dead weight: removed now, as etcd's
    // WAL files before the snapshot are released. Without this every restart left up to
    // catchUpEntries of them behind for good.
    for (const e of onDisk) if (e.index <= base) disk.delete(key(e.index));
    super.append(onDisk.filter((e) => e.index > base).sort((a, b) => a.index - b.index)); // keys are unpadded: order by index
    const hs = disk.get<HardState>(HARD);
    if (hs) super.setHardState(hs);
    if (!disk.has(CONF)) disk.put(CONF, this.initialState().confState);
    this.booted = true;
  }

  override setHardState(hs: HardState): void {
    super.setHardState(hs);
    if (this.booted) this.disk.put(HARD, hs);
  }

  override setConfState(cs: ConfState): void {
    super.setConfState(cs);
    this.disk.put(CONF, cs);
  }

  /** Appends, deleting a conflicting suffix from the disk too. */
  override append(entries: readonly Entry[]): void {
    const oldLast = this.lastIndex();
    super.append(entries);
    if (!this.booted) return;
    const newLast = this.lastIndex();
    for (let i = newLast + 1; i <= oldLast; i++) this.disk.delete(key(i));
    const first = this.firstIndex();
    for (let i = 0; i < entries.length; i++) {
      const e = entries[i]!;
      if (e.index >= first) this.disk.put(key(e.index), e);
    }
  }

  override applySnapshot(s: Snapshot): void {
    const [first, last] = [this.firstIndex(), this.lastIndex()];
    super.applySnapshot(s);
    if (!this.booted || this.snapshot() !== s) return;
    for (let i = first; i <= last; i++) this.disk.delete(key(i));
    this.disk.put(SNAP, s);
    this.disk.put(CONF, s.meta.confState);
  }

  /** Records the state machine at `index` and drops the entries before `keepFrom`
   * (etcd keeps some for slow followers after a snapshot). */
  snapshotAndCompact(index: number, data: SnapshotData, keepFrom: number): Snapshot {
    const snap = super.createSnapshot(index, this.initialState().confState, data);
    this.disk.put(SNAP, snap);
    const upTo = Math.min(keepFrom - 1, index);
    const first = this.firstIndex();
    if (upTo >= first) {
      super.compact(upTo);
      for (let i = first; i <= upTo; i++) this.disk.delete(key(i));
    }
    return snap;
  }
}
