// The etcd client API's shapes, after etcd's protobufs (etcdserverpb), as plain data:
// they travel in packets between clients and members and in Raft entries.

export interface KeyValue {
  readonly key: string;
  readonly value: string;
  readonly createRevision: number;
  readonly modRevision: number;
  /** 1 on create, +1 per change; a deleted key is gone (version 0). */
  readonly version: number;
  /** 0 = no lease. */
  readonly lease: number;
}

export interface RangeRequest {
  readonly key: string;
  /** Exclusive end; "\0" = every key >= key; a prefix uses prefixEnd(prefix). */
  readonly rangeEnd?: string;
  readonly limit?: number;
  /** 0 or absent = the current revision. */
  readonly revision?: number;
  readonly keysOnly?: boolean;
  readonly countOnly?: boolean;
  /** Serve from this member's state without ReadIndex (etcdctl --consistency=s). */
  readonly serializable?: boolean;
}

export interface RangeResponse {
  readonly kvs: readonly KeyValue[];
  readonly count: number;
  readonly more: boolean;
}

export interface PutRequest {
  readonly key: string;
  readonly value: string;
  readonly lease?: number;
  readonly prevKv?: boolean;
}

export interface DeleteRangeRequest {
  readonly key: string;
  readonly rangeEnd?: string;
  readonly prevKv?: boolean;
}

export interface Compare {
  readonly target: 'VERSION' | 'CREATE' | 'MOD' | 'VALUE' | 'LEASE';
  readonly result: '=' | '!=' | '>' | '<';
  readonly key: string;
  readonly value: number | string;
}

export interface TxnRequest {
  readonly compare: readonly Compare[];
  readonly success: readonly RequestOp[];
  readonly failure: readonly RequestOp[];
}

export type RequestOp =
  | ({ readonly type: 'range' } & RangeRequest)
  | ({ readonly type: 'put' } & PutRequest)
  | ({ readonly type: 'deleteRange' } & DeleteRangeRequest)
  | ({ readonly type: 'txn' } & TxnRequest);

export type ResponseOp =
  | ({ readonly type: 'range' } & RangeResponse)
  | { readonly type: 'put'; readonly prevKv?: KeyValue }
  | { readonly type: 'deleteRange'; readonly deleted: number; readonly prevKvs?: readonly KeyValue[] }
  | { readonly type: 'txn'; readonly succeeded: boolean; readonly responses: readonly ResponseOp[] };

export interface WatchEvent {
  readonly type: 'PUT' | 'DELETE';
  readonly kv: KeyValue;
  readonly prevKv?: KeyValue;
}

/** Every answer carries a header, as in etcd. */
export interface ResponseHeader {
  readonly revision: number;
  readonly raftTerm: number;
  readonly memberId: string;
}

export interface MemberInfo {
  readonly id: string; // 16 hex digits, as etcdctl prints it
  readonly name: string;
  readonly peerURLs: readonly string[];
  readonly clientURLs: readonly string[];
  readonly isLearner: boolean;
}

export interface StatusInfo {
  readonly endpoint: string;
  readonly id: string;
  readonly version: string;
  readonly dbSize: number;
  readonly leader: string; // hex id, or "0"
  readonly isLearner: boolean;
  readonly raftTerm: number;
  readonly raftIndex: number;
  readonly raftAppliedIndex: number;
  readonly errors: readonly string[];
}

/** What a client sends on port 2379 (packet kind "etcd.request"). */
export type ClientOp =
  | RequestOp
  | { readonly type: 'compact'; readonly revision: number }
  | { readonly type: 'status' }
  | { readonly type: 'memberList' }
  /** Maintenance.Snapshot: the member's backend as it is now (no Raft round, so a
   * lagging follower hands out an older state). */
  | { readonly type: 'snapshot' }
  | MemberOp
  | LeaseOp
  | WatchCreate
  | { readonly type: 'cancelWatch'; readonly watchId: number };

/** Membership (etcd's Cluster API) and leadership transfer (Maintenance.MoveLeader).
 * Member ids are etcdctl's 16 hex digits. The checks that need the leader's view of
 * its peers (strict reconfiguration, a learner in sync) run on the leader; etcdctl
 * sends these to the member it found leading. */
export type MemberOp =
  | { readonly type: 'memberAdd'; readonly name: string; readonly host: string; readonly learner: boolean }
  | { readonly type: 'memberRemove'; readonly id: string }
  | { readonly type: 'memberPromote'; readonly id: string }
  | { readonly type: 'moveLeader'; readonly id: string };

/** Leases (etcd's lessor). Grant and revoke go through Raft; keep-alive and
 * time-to-live are answered by the leader, which alone tracks the deadlines. */
export type LeaseOp =
  | { readonly type: 'leaseGrant'; readonly ttl: number }
  | { readonly type: 'leaseRevoke'; readonly id: number }
  | { readonly type: 'leaseKeepAlive'; readonly id: number }
  | { readonly type: 'leaseTimeToLive'; readonly id: number; readonly keys?: boolean }
  | { readonly type: 'leaseList' };

export interface LeaseInfo {
  readonly id: number;
  /** Granted TTL, seconds. */
  readonly ttl: number;
  /** Seconds left (time-to-live, keep-alive); -1 when unknown. */
  readonly remaining?: number;
  readonly keys?: readonly string[];
}

/** Watch [key, rangeEnd) from startRevision (inclusive; 0 = from now). The client picks
 * watchId (unique per client endpoint). Events arrive as "etcd.watch" packets. */
export interface WatchCreate {
  readonly type: 'watch';
  readonly watchId: number;
  readonly key: string;
  readonly rangeEnd?: string;
  readonly startRevision?: number;
  readonly prevKv?: boolean;
}

/** A "etcd.watch" packet: events of one watch, a progress notification (no events), or
 * the watch's cancellation (with the reason, e.g. a compacted start revision). */
export interface WatchResponse {
  readonly watchId: number;
  /** 1, 2, 3… per watch: a gRPC stream is ordered (TCP); the simulated network is not,
   * so the client puts messages back in order by this number. */
  readonly seq: number;
  readonly revision: number;
  readonly events: readonly WatchEvent[];
  readonly canceled?: boolean;
  readonly cancelReason?: string;
  readonly compactRevision?: number;
}

export interface ClientRequest {
  readonly reqId: number;
  readonly op: ClientOp;
}

/** A member's keyspace as `etcdctl snapshot save` receives it. */
export interface SnapshotBlob {
  readonly member: string;
  readonly revision: number;
  /** MvccStore.serialize(). */
  readonly data: string;
  /** Bytes, as the bolt db would be (MvccStore.dbSizeBytes). */
  readonly size: number;
  /** Every stored key revision (bolt's key count). */
  readonly totalKeys: number;
}

export type ClientResult =
  | { readonly ok: true; readonly header: ResponseHeader; readonly response?: ResponseOp; readonly members?: readonly MemberInfo[]; readonly status?: StatusInfo; readonly lease?: LeaseInfo; readonly leases?: readonly number[]; readonly member?: MemberInfo; readonly transfer?: { readonly from: string; readonly to: string }; readonly snapshot?: SnapshotBlob }
  | { readonly ok: false; readonly error: string };

/** What a member answers (packet kind "etcd.response"). */
export type ClientResponse = { readonly reqId: number } & ClientResult;

export const ETCD_VERSION = '3.5.17';

export const ERR = {
  noLeader: 'etcdserver: no leader',
  leaderChanged: 'etcdserver: leader changed',
  timeout: 'etcdserver: request timed out',
  deadline: 'context deadline exceeded',
  notLeader: 'etcdserver: not leader',
  leaseNotFound: 'etcdserver: requested lease not found',
  stopped: 'etcdserver: server stopped',
  /** A host whose etcd has exited: the kernel refuses the connection (the request never
   * reached a server, so a client may send it elsewhere). */
  refused: 'connection refused',
  peerURLExists: 'etcdserver: Peer URLs already exists',
  tooManyLearners: 'etcdserver: too many learner members in cluster',
  unhealthy: 'etcdserver: unhealthy cluster',
  notEnoughStarted: 'etcdserver: re-configuration failed due to not enough started members',
  memberNotFound: 'etcdserver: member not found',
  notLearner: 'etcdserver: can only promote a learner member',
  learnerNotReady: 'etcdserver: can only promote a learner member which is in sync with leader',
  badTransferee: 'etcdserver: bad leader transferee',
  transferTimeout: 'etcdserver: request timed out, leader transfer took too long',
} as const;
