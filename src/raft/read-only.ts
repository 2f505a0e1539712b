// ReadIndex bookkeeping on the leader (etcd-io/raft read_only.go, ReadOnlySafe): a read
// records the commit index at the time it arrived, then the leader confirms it is still
// the leader by a heartbeat round carrying the read's context; once a quorum acked, the
// read (and every read queued before it) may be served at that index (§6.4).

import type { NodeId } from './types';

export interface ReadRequest {
  readonly index: number;
  readonly context: string;
  /** Who asked: the leader itself or a follower that forwarded MsgReadIndex. */
  readonly from: NodeId;
  readonly acks: Set<NodeId>;
}

export class ReadOnly {
  private queue: ReadRequest[] = [];

  add(index: number, context: string, from: NodeId): void {
    if (this.queue.some((r) => r.context === context)) return;
    this.queue.push({ index, context, from, acks: new Set() });
  }

  /** Records an ack; returns the number of acks for that context (0 if unknown). */
  recvAck(id: NodeId, context: string): number {
    const r = this.queue.find((q) => q.context === context);
    if (!r) return 0;
    r.acks.add(id);
    return r.acks.size;
  }

  /** Removes and returns every request up to and including `context`. */
  advance(context: string): ReadRequest[] {
    const at = this.queue.findIndex((q) => q.context === context);
    if (at < 0) return [];
    return this.queue.splice(0, at + 1);
  }

  lastPendingContext(): string | undefined {
    return this.queue[this.queue.length - 1]?.context;
  }

  reset(): void {
    this.queue = [];
  }
}
