// The ReadIndex bookkeeping as it was before issue 10's fix, kept as a known bug the
// swarm must be able to find (member spec `inject: 'read-index-context-acks'`; never
// used otherwise). Heartbeats carry the client's context and acks are matched by it;
// `add` dedupes only pending contexts, so a duplicate of an already-answered request is
// queued again, late acks of the first round confirm it — and every read queued before
// it, which a deposed leader then answers with a stale index.

import type { ReadOnlyTracker, ReadRequest } from '../read-only';
import type { NodeId } from '../types';

interface Pending extends ReadRequest {
  readonly acks: Set<NodeId>;
}

export class ContextReadOnly implements ReadOnlyTracker {
  private queue: Pending[] = [];
  private lastAcked: string | undefined;

  add(index: number, context: string, from: NodeId): void {
    if (this.queue.some((r) => r.context === context)) return;
    this.queue.push({ index, context, from, acks: new Set() });
  }

  recvAck(from: NodeId, context: string | undefined): void {
    if (!context) return;
    this.queue.find((q) => q.context === context)?.acks.add(from);
    this.lastAcked = context;
  }

  maybeAdvance(_voters: ReadonlySet<NodeId>, quorum: number): ReadRequest[] {
    const context = this.lastAcked;
    this.lastAcked = undefined;
    const at = this.queue.findIndex((q) => q.context === context);
    if (at < 0 || this.queue[at]!.acks.size < quorum) return [];
    return this.queue.splice(0, at + 1);
  }

  heartbeatCtx(): string | undefined {
    return this.queue[this.queue.length - 1]?.context;
  }

  pending(): number {
    return this.queue.length;
  }

  reset(): void {
    this.queue = [];
    this.lastAcked = undefined;
  }
}
