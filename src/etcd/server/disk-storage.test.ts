import { describe, expect, it } from 'vitest';
import { Disk } from '../../sim/disk';
import { DiskStorage } from './disk-storage';

const e = (index: number, term: number, data = `e${index}`) => ({ index, term, type: 'normal' as const, data });

describe('DiskStorage (Raft stable storage on a machine disk)', () => {
  it('appends, truncates a conflicting suffix, and survives a reboot from the same disk', () => {
    const disk = new Disk();
    const st = new DiskStorage(disk, { voters: [1, 2, 3], learners: [] });
    expect([st.firstIndex(), st.lastIndex()]).toEqual([1, 0]);
    st.append([e(1, 1), e(2, 1), e(3, 1)]);
    st.append([e(3, 2, 'x'), e(4, 2)]); // a new leader replaced entry 3
    st.setHardState({ term: 2, vote: 3, commit: 2 });
    expect(st.entries(1, 5).map((x) => `${x.index}:${x.term}`)).toEqual(['1:1', '2:1', '3:2', '4:2']);
    const again = new DiskStorage(disk, { voters: [9], learners: [] });
    expect(again.initialState()).toEqual({ hardState: { term: 2, vote: 3, commit: 2 }, confState: { voters: [1, 2, 3], learners: [] } });
    expect(again.entries(1, 5)).toEqual(st.entries(1, 5));
    expect(again.term(3)).toBe(2);
    expect(again.term(0)).toBe(0);
    expect(again.term(5)).toBeUndefined();
  });

  it('a snapshot replaces the log and compaction keeps entries for slow followers', () => {
    const disk = new Disk();
    const st = new DiskStorage(disk, { voters: [1], learners: [] });
    st.append([e(1, 1), e(2, 1), e(3, 1), e(4, 1)]);
    st.snapshotAndCompact(3, 'state@3', 2);
    expect(st.firstIndex()).toBe(2);
    expect(st.snapshot()!.meta).toMatchObject({ index: 3, term: 1 });
    st.applySnapshot({ meta: { index: 10, term: 3, confState: { voters: [1, 2], learners: [] } }, data: 'state@10' });
    expect([st.firstIndex(), st.lastIndex(), st.term(10)]).toEqual([11, 10, 3]);
    const again = new DiskStorage(disk, { voters: [1], learners: [] });
    expect(again.snapshot()!.data).toBe('state@10');
    expect(again.initialState().confState.voters).toEqual([1, 2]);
    expect(disk.keys('raft/log/')).toEqual([]);
  });

  it('a reboot removes the entries up to the snapshot that were kept for slow followers', () => {
    const disk = new Disk();
    const st = new DiskStorage(disk, { voters: [1], learners: [] });
    st.append(Array.from({ length: 100 }, (_, i) => e(i + 1, 1)));
    st.snapshotAndCompact(80, 'state@80', 61); // keeps 61..100 for followers
    expect(disk.keys('raft/log/')).toHaveLength(40);
    const again = new DiskStorage(disk, { voters: [1], learners: [] });
    expect([again.firstIndex(), again.lastIndex()]).toEqual([81, 100]);
    expect(disk.keys('raft/log/').map((k) => Number(k.slice('raft/log/'.length))).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => 81 + i));
    // Many restarts and snapshots later the disk holds only the live log.
    let cur = again;
    for (let round = 1; round <= 20; round++) {
      const from = cur.lastIndex() + 1;
      cur.append(Array.from({ length: 50 }, (_, i) => e(from + i, 1)));
      cur.snapshotAndCompact(cur.lastIndex() - 10, `state@${round}`, cur.lastIndex() - 30);
      cur = new DiskStorage(disk, { voters: [1], learners: [] });
    }
    expect(disk.keys('raft/log/')).toHaveLength(10);
  });
});
