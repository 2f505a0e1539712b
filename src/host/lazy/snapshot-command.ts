// Stands in for src/etcd/etcdctl/snapshot-command.ts in the page's workers
// (lazy-console.ts): `etcdctl snapshot save|restore|status` and the operator's restore
// that follows a `snapshot restore`. Both start from a console line or a scenario step,
// which the coordinator hands the simulation only once the console's part is loaded.

import { consoleModules } from '../lazy-console';

type SnapshotCommand = typeof import('../../etcd/etcdctl/snapshot-command');

export const runSnapshot: SnapshotCommand['runSnapshot'] = (...args) => consoleModules().snapshot.runSnapshot(...args);
export const readSnapshotFile: SnapshotCommand['readSnapshotFile'] = (...args) => consoleModules().snapshot.readSnapshotFile(...args);
export const snapshotFileError: SnapshotCommand['snapshotFileError'] = (...args) => consoleModules().snapshot.snapshotFileError(...args);
