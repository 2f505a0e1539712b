// ReadIndex bookkeeping on the leader (etcd-io/raft read_only.go, ReadOnlySafe, as of
// commit 63903dd): a read records the commit index at the time it arrived, then the
// leader confirms it is still the leader by a heartbeat round (§6.4).
//
// Heartbeats do not carry the client's context: they carry the read's position in this
// leader's sequence of reads (1, 2, 3…, a decimal string). A follower echoes it; an ack
// of position p confirms every read up to p, and once a quorum of voters acked p those
// reads may be served. Matching acks by the client's context instead (as before) let a
// duplicate of an already-answered request be queued again and confirmed by late acks
// of the first round — together with every read queued before it, which a deposed
// leader then answered with a stale index (etcd-io/raft TestReadOnlyDuplicateRequest).

import { quorumAck } from './quorum';
import type { NodeId } from './types';

export interface ReadRequest {
  readonly index: number;
  /** The client's context, handed back in the ReadState. */
  readonly context: string;
  /** Who asked: the leader itself or a follower that forwarded MsgReadIndex. */
  readonly from: NodeId;
}

/** What the leader needs of ReadIndex bookkeeping (ReadOnly; the swarm's bug injection
 * swaps in the pre-fix one, testing/context-read-only.ts). */
export interface ReadOnlyTracker {
  add(index: number, context: string, from: NodeId): void;
  recvAck(from: NodeId, context: string | undefined): void;
  maybeAdvance(voters: ReadonlySet<NodeId>, quorum: number): readonly ReadRequest[];
  heartbeatCtx(): string | undefined;
  pending(): number;
  reset(): void;
}

export class ReadOnly implements ReadOnlyTracker {
  /** Highest position each peer acknowledged. */
  private acks = new Map<NodeId, number>();
  private unconfirmed: ReadRequest[] = [];
  /** Reads confirmed so far (removed from the front of `unconfirmed`). */
  private confirmed = 0;

  add(index: number, context: string, from: NodeId): void {
    this.unconfirmed.push({ index, context, from });
  }

  /** Records an ack of a heartbeat context (ignored unless it is a position). */
  recvAck(from: NodeId, context: string | undefined): void {
    if (!context) return;
    const position = Number(context);
    if (!Number.isSafeInteger(position) || position <= 0) return;
    if (position > (this.acks.get(from) ?? 0)) this.acks.set(from, position);
  }

  /** Removes and returns the reads a quorum of `voters` has confirmed. */
  maybeAdvance(voters: ReadonlySet<NodeId>, quorum: number): readonly ReadRequest[] {
    // The quorum-th highest acked position among voters (etcd: CommittedIndex over acks).
    const position = quorumAck(voters, quorum, this.acks);
    if (position <= this.confirmed) return NO_READS;
    const done = this.unconfirmed.splice(0, position - this.confirmed);
    this.confirmed = position;
    return done;
  }

  /** The context a heartbeat carries to confirm every read pending now, if any. */
  heartbeatCtx(): string | undefined {
    if (this.unconfirmed.length === 0) return undefined;
    return String(this.confirmed + this.unconfirmed.length);
  }

  pending(): number {
    return this.unconfirmed.length;
  }

  reset(): void {
    this.acks = new Map();
    this.unconfirmed = [];
    this.confirmed = 0;
  }
}

/** What maybeAdvance returns when no read is confirmed (shared; never mutated). */
const NO_READS: readonly ReadRequest[] = Object.freeze([]);
