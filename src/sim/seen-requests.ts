// Duplicate suppression for request/response traffic. The simulated network can
// deliver a packet twice (a fault the Raft layer must survive, and does), but a client's
// RPC travels over a TCP connection, which never hands the server the same request
// twice. A server keeps the ids of recent requests and drops a repeat — otherwise a
// duplicated compare-and-swap would be applied twice and the client could see the
// second outcome.
//
// A request is (host, port, connection, id). The server remembers the last `capacity`
// requests it accepted. Each is kept per host and per port and connection with its
// acceptance number, and is remembered while that number is among the last
// `capacity`: a lookup checks the age, and a sweep every `capacity` acceptances drops
// what has aged out (and connections left with nothing). Clients number their requests
// upwards, so an id above a connection's highest is new without a lookup. (A ring of
// ids with a set per connection, each acceptance evicting the oldest, cost two more
// hash operations per request: 2 % of a 100-worker rollout.)

/** One (host, port, connection)'s remembered ids. */
interface Channel {
  readonly host: string;
  readonly key: number;
  /** id → its acceptance number. */
  readonly ids: Map<number, number>;
  /** The highest id accepted (while the channel is remembered). */
  max: number;
}

export class SeenRequests {
  /** host → (port, connection) → its channel. */
  private readonly seen = new Map<string, Map<number, Channel>>();
  /** Requests accepted so far: the next acceptance number. */
  private accepted = 0;

  constructor(private readonly capacity = 8192) {}

  /** True when this request was already delivered (drop it); remembers it otherwise.
   * `conn`: the load balancer's connection, when the request came through one. */
  repeat(host: string, port: number, conn: number | undefined, id: number): boolean {
    let byChannel = this.seen.get(host);
    if (!byChannel) this.seen.set(host, (byChannel = new Map()));
    // Ports are below 65 536; connections are counters (undefined: none).
    const key = (conn === undefined ? 0 : conn + 1) * 65_536 + port;
    let ch = byChannel.get(key);
    if (!ch) byChannel.set(key, (ch = { host, key, ids: new Map(), max: -Infinity }));
    if (id > ch.max) ch.max = id;
    else {
      const at = ch.ids.get(id);
      if (at !== undefined && at >= this.accepted - this.capacity) return true;
    }
    ch.ids.set(id, this.accepted++);
    if (this.accepted % this.capacity === 0) this.forgetAged();
    return false;
  }

  /** Drops the ids no longer among the last `capacity` accepted, and the channels and
   * hosts left with none (connections come and go). */
  private forgetAged(): void {
    const oldest = this.accepted - this.capacity;
    for (const [host, byChannel] of this.seen) {
      for (const [key, ch] of byChannel) {
        for (const [id, at] of ch.ids) if (at < oldest) ch.ids.delete(id);
        if (ch.ids.size === 0) byChannel.delete(key);
      }
      if (byChannel.size === 0) this.seen.delete(host);
    }
  }

  /** Channels remembered (for tests: forgotten connections do not pile up). */
  get channels(): number {
    let n = 0;
    for (const m of this.seen.values()) n += m.size;
    return n;
  }
}
