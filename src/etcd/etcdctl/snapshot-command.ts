// `etcdctl snapshot save|status|restore` (and `etcdutl snapshot status|restore`, the
// tool etcd 3.5 moved them to). A saved snapshot is a file on the console's machine
// (its Disk, under files/), so it survives a crash of every etcd member: that is the
// point of a backup.
//
// `snapshot save` streams one member's backend (Maintenance.Snapshot): no Raft round,
// so a lagging follower hands out an older keyspace, as in etcd.
//
// `snapshot restore` in a real cluster runs on every member's host, each with its own
// --name, the full --initial-cluster and a new --data-dir; the operator then points
// etcd at the new dir and restarts it, and restarts the kube-apiservers. Here the line
// restores the whole cluster: the console records the request (`etcdctl.snapshot`) and
// the simulator plays the operator on every member's host (src/cluster/restore.ts).

import type { Disk } from '../../sim/disk';
import type { TraceBody } from '../../protocol/trace';
import type { CommandResult } from '../../sim/process';
import type { EtcdClient } from '../clientv3/etcd-client';
import type { SnapshotBlob } from '../types';
import { humanBytes, table } from './printer';
import { MvccStore } from '../server/mvcc';

type Reply = (r: CommandResult) => void;

/** A saved snapshot file: the member's keyspace plus what `snapshot status` prints. */
export interface SnapshotFile extends SnapshotBlob {
  /** crc32 of the data (etcd's status hash is a crc32 of the db). */
  readonly hash: number;
  readonly savedAt: number;
}

const FILES = 'files/';

/** "./snap.db" and "snap.db" are one file (relative to the console's working dir). */
export function fileKey(path: string): string {
  return FILES + path.replace(/^(\.\/)+/, '');
}

export function readSnapshotFile(disk: Disk, path: string): SnapshotFile | undefined {
  return disk.get<SnapshotFile>(fileKey(path));
}

/** bbolt's ErrInvalid, what etcdutl reports for a file that is not an intact
 * snapshot: the wrong shape, a keyspace that does not parse, or data whose checksum
 * is not the one saved with it. Undefined when the file is intact. */
export function snapshotFileError(f: unknown): string | undefined {
  const file = f as Partial<SnapshotFile> | null;
  if (!file || typeof file !== 'object' || typeof file.data !== 'string' || typeof file.revision !== 'number' || typeof file.hash !== 'number') return 'invalid database';
  if (crc32(file.data) !== file.hash) return 'invalid database';
  try {
    MvccStore.restore(file.data);
  } catch {
    return 'invalid database';
  }
  return undefined;
}

/** The data dir the member runs from: restoring into it is refused, as etcdutl does. */
const LIVE_DATA_DIR = '/var/lib/etcd';

export interface SnapshotEnv {
  readonly client: EtcdClient;
  readonly disk: Disk;
  readonly now: () => number;
  readonly emit: (ev: TraceBody) => void;
  /** The endpoints the command line selected (all members unless --endpoints). */
  readonly endpoints: readonly string[];
  readonly out: string;
}

export function runSnapshot(tool: 'etcdctl' | 'etcdutl', rest: readonly string[], flags: ReadonlyMap<string, string>, env: SnapshotEnv, reply: Reply): void {
  const [sub, ...args] = rest;
  const deprecated = tool === 'etcdctl' && sub !== 'save' ? `Deprecated: Use \`etcdutl snapshot ${sub}\` instead.\n\n` : '';
  switch (sub) {
    case 'save':
      if (tool === 'etcdutl') return reply({ ok: false, error: 'Error: unknown command "save" for "etcdutl snapshot"\n(etcdutl works on files; a live member\'s snapshot is taken with etcdctl snapshot save)' });
      if (args.length !== 1) return reply({ ok: false, error: 'Error: snapshot save expects one argument' });
      return save(args[0]!, env, reply);
    case 'status': {
      if (args.length !== 1) return reply({ ok: false, error: 'Error: snapshot status requires exactly one argument' });
      const file = readSnapshotFile(env.disk, args[0]!);
      if (!file) return reply({ ok: false, error: `${deprecated}Error: stat ${args[0]}: no such file or directory` });
      const broken = snapshotFileError(file);
      if (broken) return reply({ ok: false, error: `${deprecated}Error: ${broken}` });
      return reply({ ok: true, output: deprecated + formatSnapshotStatus(file, env.out) });
    }
    case 'restore': {
      if (args.length !== 1) return reply({ ok: false, error: 'Error: snapshot restore requires exactly one argument' });
      const path = args[0]!;
      const file = readSnapshotFile(env.disk, path);
      if (!file) return reply({ ok: false, error: `${deprecated}Error: stat ${path}: no such file or directory` });
      const broken = snapshotFileError(file);
      if (broken) return reply({ ok: false, error: `${deprecated}Error: ${broken}` });
      const dataDir = flags.get('data-dir') ?? '<member>.etcd';
      if (dataDir.replace(/\/+$/, '') === LIVE_DATA_DIR) return reply({ ok: false, error: `${deprecated}Error: data-dir "${LIVE_DATA_DIR}" exists\n(that is the data dir etcd runs from; restore into a new one, e.g. --data-dir=/var/lib/etcd-from-backup)` });
      const filledIn = ['name', 'initial-cluster', 'initial-advertise-peer-urls'].filter((f) => flags.has(f));
      env.emit({ type: 'etcdctl.snapshot', action: 'restore', file: path, revision: file.revision, dataDir });
      const quoted = (o: Record<string, string>) => JSON.stringify(o).replace(/":/g, '": ').replace(/,"/g, ', "');
      const lines = [
        `info\tsnapshot/v3_snapshot.go:260\trestoring snapshot\t${quoted({ path, 'wal-dir': `${dataDir}/member/wal`, 'data-dir': dataDir, 'snap-dir': `${dataDir}/member/snap` })}`,
        `info\tsnapshot/v3_snapshot.go:287\trestored snapshot\t${quoted({ path, 'wal-dir': `${dataDir}/member/wal`, 'data-dir': dataDir, 'snap-dir': `${dataDir}/member/snap` })}`,
        '',
        `The simulator now plays the operator on every member's host: it restores ${path} there`,
        `(--name <member> --initial-cluster <every member> --data-dir ${dataDir}), points etcd at`,
        'the new data dir and restarts the host, as the Kubernetes docs advise for the kube-apiservers too.',
        `The new cluster starts at revision ${file.revision} with a fresh Raft log (term 1); see the event log.`,
        ...(filledIn.length > 0 ? [`(--${filledIn.join(', --')}: filled in per member by the simulator; the values given were not used)`] : []),
      ];
      return reply({ ok: true, output: deprecated + lines.join('\n') });
    }
    default:
      return reply({ ok: false, error: `Error: unknown command "${sub ?? ''}" for "${tool} snapshot"\nAvailable commands: ${tool === 'etcdctl' ? 'save, ' : ''}status, restore` });
  }
}

function save(path: string, env: SnapshotEnv, reply: Reply): void {
  if (env.endpoints.length !== 1) {
    const eps = env.endpoints.map((e) => `https://${e}:2379`).join(' ');
    return reply({ ok: false, error: `Error: snapshot must be requested to one selected node, not multiple [${eps}]\n(pick one member, e.g. --endpoints=https://${env.endpoints[0] ?? 'etcd-1'}:2379)` });
  }
  const endpoint = env.endpoints[0]!;
  const started = env.now();
  const url = `https://${endpoint}:2379`;
  env.client.request({ type: 'snapshot' }, (r) => {
    if (!r.ok) return reply({ ok: false, error: `Error: ${r.error}` });
    if (!r.snapshot) return reply({ ok: false, error: 'Error: the member sent no snapshot' });
    const file: SnapshotFile = { ...r.snapshot, hash: crc32(r.snapshot.data), savedAt: env.now() };
    env.disk.put(fileKey(path), file);
    env.emit({ type: 'etcdctl.snapshot', action: 'save', file: path, revision: file.revision, member: file.member });
    const log = (o: Record<string, string>) => JSON.stringify({ level: 'info', ...o });
    reply({
      ok: true,
      output: [
        log({ msg: 'created temporary db file', path: `${path}.part` }),
        log({ msg: 'fetching snapshot', endpoint: url }),
        log({ msg: 'fetched snapshot', endpoint: url, size: humanBytes(file.size), took: `${Math.max(1, env.now() - started)}ms` }),
        log({ msg: 'saved', path }),
        `Snapshot saved at ${path}`,
      ].join('\n'),
    });
  }, endpoint);
}

export function formatSnapshotStatus(f: SnapshotFile, out: string): string {
  if (out === 'json') return JSON.stringify({ hash: f.hash, revision: f.revision, totalKey: f.totalKeys, totalSize: f.size });
  const row = [f.hash.toString(16), String(f.revision), String(f.totalKeys), humanBytes(f.size)];
  if (out === 'table') return table(['HASH', 'REVISION', 'TOTAL KEYS', 'TOTAL SIZE'], [row]);
  return row.join(', ');
}

let crcTable: Uint32Array | undefined;

/** CRC-32 (IEEE) of a string's UTF-16 code units, as a status hash. */
export function crc32(text: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = crcTable[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
