// The etcd layer's public API.
export { EtcdMember, type EtcdMemberSpec } from './member';
export { EtcdClient } from './client';
export { KvWorkloadClient, ConsoleClient, kvRequest, type KvWorkloadSpec, type ConsoleSpec } from './kv-client';
export { MvccStore, MvccError, prefixEnd, ERR_COMPACTED, ERR_FUTURE_REV } from './mvcc';
export { DiskStorage } from './disk-storage';
export { runEtcdctl, formatMemberList, formatStatus, table } from './etcdctl';
export { memberHexId, entryText, describeOp } from './describe';
export * from './types';
