// Stands in for the apiserver's watches of Events served from etcd (src/kube/apiserver/
// storage-watches.ts) in the page's workers: only the dashboard's Events informer and
// kubectl open one, and both come with the console's part (lazy-console.ts), so the
// apiserver builds its StorageWatches at the first such watch, after the part loaded.

import { consoleModules } from '../lazy-console';
import { realClass } from './optional-processes';

type StorageWatchesModule = typeof import('../../kube/apiserver/storage-watches');

export const StorageWatches = realClass<StorageWatchesModule['StorageWatches']>(() => consoleModules().storageWatches.StorageWatches);
