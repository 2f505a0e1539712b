// Duplicate suppression for request/response traffic. The simulated network can
// deliver a packet twice (a fault the Raft layer must survive, and does), but a client's
// RPC travels over a TCP connection, which never hands the server the same request
// twice. A server keeps the ids of recent requests and drops a repeat — otherwise a
// duplicated compare-and-swap would be applied twice and the client could see the
// second outcome.

export class SeenRequests {
  private readonly seen = new Set<string>();
  /** The remembered ids in arrival order, as a ring: the oldest is forgotten first. */
  private readonly order: (string | undefined)[];
  private next = 0;

  constructor(private readonly capacity = 8192) {
    this.order = new Array<string | undefined>(capacity).fill(undefined);
  }

  /** True when this request was already delivered (drop it); remembers it otherwise. */
  repeat(key: string): boolean {
    if (this.seen.has(key)) return true;
    this.seen.add(key);
    const oldest = this.order[this.next];
    if (oldest !== undefined) this.seen.delete(oldest);
    this.order[this.next] = key;
    this.next = (this.next + 1) % this.capacity;
    return false;
  }
}
