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

export class SeenRequests {
  /** host → (port, connection) → ids seen. */
  private readonly seen = new Map<string, Map<number, Set<number>>>();
  /** The remembered ids in arrival order, as a ring: the oldest is forgotten first. */
  private readonly ringSets: (Set<number> | undefined)[];
  private readonly ringIds: number[];
  private next = 0;

  constructor(private readonly capacity = 8192) {
    this.ringSets = new Array<Set<number> | undefined>(capacity).fill(undefined);
    this.ringIds = new Array<number>(capacity).fill(0);
  }

  /** True when this request was already delivered (drop it); remembers it otherwise.
   * `conn`: the load balancer's connection, when the request came through one. */
  repeat(host: string, port: number, conn: number | undefined, id: number): boolean {
    let byChannel = this.seen.get(host);
    if (!byChannel) this.seen.set(host, (byChannel = new Map()));
    // Ports are below 65 536; connections are counters (undefined: none).
    const channel = (conn === undefined ? 0 : conn + 1) * 65_536 + port;
    let ids = byChannel.get(channel);
    if (!ids) byChannel.set(channel, (ids = new Set()));
    if (ids.has(id)) return true;
    ids.add(id);
    const oldest = this.ringSets[this.next];
    if (oldest !== undefined) oldest.delete(this.ringIds[this.next]!);
    this.ringSets[this.next] = ids;
    this.ringIds[this.next] = id;
    this.next = (this.next + 1) % this.capacity;
    return false;
  }
}
