// Stands in for src/etcd/etcdctl/etcdctl.ts in the page's workers (lazy-console.ts).

import { consoleModules } from '../lazy-console';

type Etcdctl = typeof import('../../etcd/etcdctl/etcdctl');

export const runEtcdctl: Etcdctl['runEtcdctl'] = (...args) => consoleModules().etcdctl.runEtcdctl(...args);
export const formatMemberList: Etcdctl['formatMemberList'] = (...args) => consoleModules().etcdctl.formatMemberList(...args);
export const formatStatus: Etcdctl['formatStatus'] = (...args) => consoleModules().etcdctl.formatStatus(...args);
export const table: Etcdctl['table'] = (...args) => consoleModules().etcdctl.table(...args);
