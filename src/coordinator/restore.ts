// The operator's side of `etcdctl snapshot restore`, which the simulator plays for the
// whole cluster at once: on every current member's host, restore the snapshot into a
// fresh data dir (--name <member> --initial-cluster <every member>), point etcd at it,
// and restart; restart the masters too, so the kube-apiservers start over on the
// restored keyspace (the Kubernetes docs: stop the apiservers, restore, restart them).

import { readSnapshotFile, snapshotFileError } from '../etcd/etcdctl/snapshot-command';
import { restoredIndex, restoredKeyspace, writeRestoredDataDir } from '../etcd/server/data-dir';
import type { Disk } from '../sim/disk';
import type { TraceEvent } from '../protocol/trace';

export interface RestoreHost {
  /** The console machine's disk, where the snapshot file is. */
  readonly fileDisk: Disk | undefined;
  readonly members: readonly { readonly name: string; readonly id: number; readonly host: string }[];
  diskOf(machine: string): Disk | undefined;
  /** Every master (its kube-apiserver must start over too). */
  readonly masters: readonly string[];
}

export type RestoreOutcome =
  | { readonly ok: true; readonly event: Extract<TraceEvent, { type: 'etcd.restore' }>; readonly restart: readonly string[] }
  | { readonly ok: false; readonly note: string };

/** Rewrites every member's data dir; the caller records the event and restarts `restart`. */
export function restoreCluster(path: string, t: number, host: RestoreHost): RestoreOutcome {
  const file = host.fileDisk ? readSnapshotFile(host.fileDisk, path) : undefined;
  if (!file) return { ok: false, note: `no snapshot file ${path} on the console's machine` };
  const broken = snapshotFileError(file);
  if (broken) return { ok: false, note: `${path}: ${broken}` };
  const members = host.members.filter((m) => host.diskOf(m.host) !== undefined);
  if (members.length === 0) return { ok: false, note: 'no etcd member to restore' };
  const mvcc = restoredKeyspace(file.data, members);
  const voters = members.map((m) => m.id);
  for (const m of members) writeRestoredDataDir(host.diskOf(m.host)!, { mvcc, voters });
  const hosts = members.map((m) => m.host);
  return {
    ok: true,
    event: { t, type: 'etcd.restore', file: path, revision: file.revision, members: members.map((m) => m.name), hosts, index: restoredIndex(members.length) },
    restart: [...new Set([...hosts, ...host.masters])],
  };
}
