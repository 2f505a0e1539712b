// The etcd layer's public API: the server (member, MVCC, lessor, watch, membership),
// the clientv3-like client and the KV workload, etcdctl / etcdutl with the console client.
export { EtcdMember, type EtcdMemberSpec } from './server/member';
export { EtcdClient } from './clientv3/etcd-client';
export { KvWorkloadClient, kvRequest, type KvWorkloadSpec } from './clientv3/kv-workload';
export { ConsoleClient, type ConsoleSpec } from './etcdctl/console-client';
export { MvccStore, MvccError, prefixEnd, ERR_COMPACTED, ERR_FUTURE_REV } from './server/mvcc';
export { DiskStorage } from './server/disk-storage';
export { runEtcdctl, formatMemberList, formatStatus, table } from './etcdctl/etcdctl';
export { entryText, describeOp } from './server/entry-text';
export { memberHexId, leaseHex } from './ids';
export * from './types';
