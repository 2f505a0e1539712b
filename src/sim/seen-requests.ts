// Duplicate suppression for request/response traffic. The simulated network can
// deliver a packet twice (a fault the Raft layer must survive, and does), but a client's
// RPC travels over a TCP connection, which never hands the server the same request
// twice. A server keeps the ids of recent requests and drops a repeat — otherwise a
// duplicated compare-and-swap would be applied twice and the client could see the
// second outcome.
//
// A request is (host, port, connection, id). They are kept per host and per port and
// connection as sets of numeric ids, not as one string per request: building and
// hashing "host:port/conn/id" for every request an etcd member or an apiserver took was
// 3 % of an HA run.

/** One (host, port, connection)'s remembered ids. */
interface Channel {
  readonly host: string;
  readonly key: number;
  readonly ids: Set<number>;
}

export class SeenRequests {
  /** host → (port, connection) → its channel. */
  private readonly seen = new Map<string, Map<number, Channel>>();
  /** The remembered ids in arrival order, as a ring: the oldest is forgotten first. */
  private readonly ringChannels: (Channel | undefined)[];
  private readonly ringIds: number[];
  private next = 0;

  constructor(private readonly capacity = 8192) {
    this.ringChannels = new Array<Channel | undefined>(capacity).fill(undefined);
    this.ringIds = new Array<number>(capacity).fill(0);
  }

  /** True when this request was already delivered (drop it); remembers it otherwise.
   * `conn`: the load balancer's connection, when the request came through one. */
  repeat(host: string, port: number, conn: number | undefined, id: number): boolean {
    let byChannel = this.seen.get(host);
    if (!byChannel) this.seen.set(host, (byChannel = new Map()));
    // Ports are below 65 536; connections are counters (undefined: none).
    const key = (conn === undefined ? 0 : conn + 1) * 65_536 + port;
    let ch = byChannel.get(key);
    if (!ch) byChannel.set(key, (ch = { host, key, ids: new Set() }));
    if (ch.ids.has(id)) return true;
    ch.ids.add(id);
    const oldest = this.ringChannels[this.next];
    if (oldest !== undefined) {
      oldest.ids.delete(this.ringIds[this.next]!);
      // A connection's last id forgotten: forget the connection (they come and go).
      if (oldest.ids.size === 0) {
        const m = this.seen.get(oldest.host);
        if (m?.get(oldest.key) === oldest) m.delete(oldest.key);
        if (m?.size === 0) this.seen.delete(oldest.host);
      }
    }
    this.ringChannels[this.next] = ch;
    this.ringIds[this.next] = id;
    this.next = (this.next + 1) % this.capacity;
    return false;
  }

  /** Channels remembered (for tests: forgotten connections do not pile up). */
  get channels(): number {
    let n = 0;
    for (const m of this.seen.values()) n += m.size;
    return n;
  }
}
