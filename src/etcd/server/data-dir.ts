// An etcd member's data dir on its machine's Disk (etcd's member/wal and member/snap),
// in one place: the keys DiskStorage and the member write, and what
// `etcdutl snapshot restore` writes into a fresh one. Other processes on a stacked
// master (containerd, kubelet) keep their own prefixes, so a restore can swap this
// data dir and leave theirs alone.

import type { ConfState, HardState, Snapshot } from '../../raft/types';
import type { Disk } from '../../sim/disk';
import { MvccStore } from './mvcc';

export const RAFT_HARD = 'raft/hardstate';
export const RAFT_CONF = 'raft/confstate';
export const RAFT_SNAP = 'raft/snapshot';
export const RAFT_LOG = 'raft/log/';
/** The index of the last membership change applied to the config on disk. */
export const CONF_INDEX = 'etcd/conf-index';
/** Set once the member learns it was removed: it stays stopped across reboots. */
export const REMOVED = 'etcd/removed';

const PREFIXES = ['raft/', 'etcd/'];

/** What a restored data dir starts from: the snapshot's keyspace and the members of the
 * new cluster (every one a voter, as `--initial-cluster` lists them). */
export interface RestoredDataDir {
  /** The MVCC store as MvccStore.serialize() wrote it, members already rewritten. */
  readonly mvcc: string;
  readonly voters: readonly number[];
}

/** etcd's restore writes one membership entry per member at term 1 and a snapshot at
 * the last of them; the member boots with that snapshot applied and an empty log, so
 * the new cluster's first election is for term 2. */
export function restoredIndex(members: number): number {
  return members;
}

/** Replaces the etcd data dir on `disk` with a restored one. */
export function writeRestoredDataDir(disk: Disk, dir: RestoredDataDir): void {
  for (const prefix of PREFIXES) for (const key of disk.keys(prefix)) disk.delete(key);
  const index = restoredIndex(dir.voters.length);
  const confState: ConfState = { voters: [...dir.voters], learners: [] };
  const snapshot: Snapshot = { meta: { index, term: 1, confState }, data: dir.mvcc };
  const hard: HardState = { term: 1, vote: 0, commit: index };
  disk.put(RAFT_SNAP, snapshot);
  disk.put(RAFT_CONF, confState);
  disk.put(RAFT_HARD, hard);
  disk.put(CONF_INDEX, index);
}

/** The restored keyspace: the snapshot's keys, revision and leases, with the member
 * list of the new cluster (etcd's restore trims the old membership from the backend). */
export function restoredKeyspace(mvcc: string, members: readonly { readonly id: number; readonly name: string; readonly host: string }[]): string {
  const store = MvccStore.restore(mvcc);
  store.members.clear();
  store.removed.clear();
  for (const m of members) store.members.set(m.id, { name: m.name, host: m.host, published: true });
  return store.serialize();
}
