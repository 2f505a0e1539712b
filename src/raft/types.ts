// The Raft core's public types, in the shape of etcd-io/raft (raftpb + rawnode.go).
// The core does no I/O: the host calls step()/tick(), then takes a Ready, persists
// `entries` and `hardState` BEFORE sending `messages` (Raft §5.1: a server must persist
// before answering an RPC), applies `committedEntries`, and calls advance().

import type { ReadOnlyTracker } from './read-only';

/** A member's id inside Raft. etcd member `etcd-N` has id N. 0 means "none". */
export type NodeId = number;

export type EntryType = 'normal' | 'confchange';

export interface Entry {
  readonly term: number;
  readonly index: number;
  readonly type: EntryType;
  /** Opaque to Raft. An empty string is the no-op a new leader appends (§8). */
  readonly data: EntryData;
}

/** An entry's payload: a string, or an immutable plain object the state machine
 * proposes as it is instead of serializing it (as SnapshotData: it must survive
 * structuredClone, which is how it crosses worker boundaries). etcd's entries carry a
 * protobuf; what matters to Raft is only that the payload is opaque and immutable. */
export type EntryData = string | Readonly<object>;

/** Persisted before any message that depends on it is sent (Figure 2, "Persistent state"). */
export interface HardState {
  readonly term: number;
  /** 0 when this node has not voted in `term`. */
  readonly vote: NodeId;
  /** commit <= lastIndex. Persisted so a restart does not re-deliver less than it knew. */
  readonly commit: number;
}

export interface ConfState {
  readonly voters: readonly NodeId[];
  readonly learners: readonly NodeId[];
}

export interface SnapshotMeta {
  readonly index: number;
  readonly term: number;
  readonly confState: ConfState;
}

export interface Snapshot {
  readonly meta: SnapshotMeta;
  /** The state machine's state at meta.index (opaque to Raft): a serialized string, or
   * an immutable plain object the state machine shares instead of serializing it on
   * every snapshot (it must survive structuredClone: it crosses worker boundaries). */
  readonly data: SnapshotData;
}

export type SnapshotData = string | Readonly<object>;

export type MessageType =
  | 'MsgHup' // local: start an election (tick-driven or forced)
  | 'MsgBeat' // local: leader sends heartbeats
  | 'MsgProp' // proposal (local, or forwarded by a follower to the leader)
  | 'MsgApp'
  | 'MsgAppResp'
  | 'MsgVote'
  | 'MsgVoteResp'
  | 'MsgPreVote'
  | 'MsgPreVoteResp'
  | 'MsgHeartbeat'
  | 'MsgHeartbeatResp'
  | 'MsgSnap'
  | 'MsgReadIndex' // local, or forwarded by a follower to the leader
  | 'MsgReadIndexResp'
  | 'MsgTransferLeader'
  | 'MsgTimeoutNow'
  | 'MsgUnreachable' // local: the host's transport could not reach `from`
  | 'MsgSnapStatus'; // local: whether the snapshot sent to `from` arrived (reject: it did not)

export interface Message {
  readonly type: MessageType;
  readonly from: NodeId;
  readonly to: NodeId;
  readonly term: number;
  /** MsgApp: index of the entry preceding `entries`; MsgAppResp: the index matched or rejected. */
  readonly index?: number;
  /** MsgApp: term of the entry at `index`. MsgVote: the candidate's last log term. */
  readonly logTerm?: number;
  readonly entries?: readonly Entry[];
  /** MsgApp / MsgHeartbeat: the leader's commit index (min with what the follower matches). */
  readonly commit?: number;
  readonly reject?: boolean;
  /** MsgAppResp when rejecting: the follower's last index, a hint to skip back faster. */
  readonly rejectHint?: number;
  readonly snapshot?: Snapshot;
  /** ReadIndex and heartbeat context: identifies a read request across the round. */
  readonly context?: string;
}

/** A linearizable read that may now be served once `applied >= index` (§6.4, ReadIndex). */
export interface ReadState {
  readonly index: number;
  readonly context: string;
}

export interface SoftState {
  readonly lead: NodeId;
  readonly role: 'follower' | 'precandidate' | 'candidate' | 'leader';
}

export interface Ready {
  /** Set when changed since the last Ready. */
  readonly softState?: SoftState;
  /** Set when changed since the last Ready; persist before sending messages. */
  readonly hardState?: HardState;
  /** Entries to append to stable storage (may overwrite a conflicting suffix). */
  readonly entries: readonly Entry[];
  /** A snapshot to persist and restore from (received by MsgSnap). */
  readonly snapshot?: Snapshot;
  /** Committed entries to apply to the state machine, in order. */
  readonly committedEntries: readonly Entry[];
  /** Messages to send after persisting. */
  readonly messages: readonly Message[];
  readonly readStates: readonly ReadState[];
}

/** Durable state read at boot; the host keeps it on the machine's disk. */
export interface Storage {
  initialState(): { hardState: HardState; confState: ConfState };
  /** Entries in [lo, hi), as a fresh array (the caller may keep it and append to it). */
  entries(lo: number, hi: number): Entry[];
  term(index: number): number | undefined;
  firstIndex(): number;
  lastIndex(): number;
  snapshot(): Snapshot | undefined;
}

export interface RaftConfig {
  readonly id: NodeId;
  /** Voters at bootstrap, when storage is empty. */
  readonly peers: readonly NodeId[];
  /** etcd: 10 ticks of 100 ms. A follower's timeout is random in [e, 2e). */
  readonly electionTicks: number;
  /** etcd: 1 tick. */
  readonly heartbeatTicks: number;
  readonly preVote: boolean;
  readonly checkQuorum: boolean;
  /** etcd: 512. */
  readonly maxInflightMsgs: number;
  /** Entries per MsgApp. */
  readonly maxEntriesPerMsg: number;
  /** Index already applied by the state machine (restored at boot). */
  readonly applied: number;
  /** Random integer in [lo, hi), from the member's seeded stream. */
  readonly randomInt: (lo: number, hi: number) => number;
  /** Narration hook (see RaftEvent); optional. */
  readonly onEvent?: (e: RaftEvent) => void;
  /** Tests only: replaces the ReadIndex bookkeeping (the swarm's bug injection). */
  readonly readOnly?: () => ReadOnlyTracker;
}

export type ConfChangeType = 'addNode' | 'addLearner' | 'removeNode';

/** Carried JSON-encoded in the data of an entry of type 'confchange'. */
export interface ConfChange {
  readonly type: ConfChangeType;
  readonly nodeId: NodeId;
  /** Opaque to Raft: etcd puts the member's name and peer URL here. */
  readonly context?: string;
}

/** What happened inside Raft, for narration and the event log. Never needed for safety. */
export type RaftEvent =
  | { readonly kind: 'election-timeout'; readonly term: number; readonly pre: boolean }
  | { readonly kind: 'became'; readonly role: SoftState['role']; readonly term: number; readonly lead: NodeId }
  | { readonly kind: 'vote'; readonly to: NodeId; readonly term: number; readonly pre: boolean; readonly granted: boolean }
  | { readonly kind: 'checkquorum-stepdown'; readonly term: number }
  | { readonly kind: 'higher-term'; readonly from: NodeId; readonly term: number; readonly msgType: MessageType }
  | { readonly kind: 'transfer-aborted'; readonly to: NodeId; readonly term: number };

export interface ProgressView {
  readonly match: number;
  readonly next: number;
  readonly state: 'probe' | 'replicate' | 'snapshot';
  readonly recentActive: boolean;
}

export interface RaftStatus {
  readonly id: NodeId;
  readonly term: number;
  readonly vote: NodeId;
  readonly commit: number;
  readonly applied: number;
  readonly lead: NodeId;
  readonly role: SoftState['role'];
  readonly lastIndex: number;
  readonly firstIndex: number;
  readonly confState: ConfState;
  /** Leader only: per peer id. */
  readonly progress?: Readonly<Record<number, ProgressView>>;
  readonly leadTransferee: NodeId;
}
