// The simulated network between machines. Every decision (delay, loss, duplication,
// reordering) is drawn from the network's own seeded stream, in the order the
// coordinator routes packets, so a run is a function of its seed.

import { PORT, type OutPacket, type Packet } from './packet';
import type { Rng } from './rng';

export interface NetworkConditions {
  /** One-way delay is uniform in [latencyMinMs, latencyMaxMs] (loopback: latencyMinMs).
   * latencyMinMs >= 1 so a packet never arrives in the window it was sent (the lockstep
   * hosts rely on it). */
  latencyMinMs: number;
  latencyMaxMs: number;
  /** Probability a packet is dropped. */
  loss: number;
  /** Probability a packet is delivered twice. Never applies to etcd peer traffic
   * (see `duplicable`). */
  duplicate: number;
  /** Probability a packet is held back by up to `reorderDelayMs` extra, overtaking order. */
  reorder: number;
  reorderDelayMs: number;
  /** ReadIndex traffic (READ_INDEX_KINDS: forwarded reads, their answers, the heartbeat
   * acks that confirm them) gets extra trouble, the kind that once let a deposed leader
   * answer a stale read (issue 10): each copy is duplicated with this probability… */
  readIndexDuplicate: number;
  /** …and every copy is held back by a uniform extra delay up to this. */
  readIndexDelayMs: number;
}

/** The packets ReadIndex (§6.4) rides on between etcd members. */
export const READ_INDEX_KINDS: ReadonlySet<string> = new Set(['raft.MsgReadIndex', 'raft.MsgReadIndexResp', 'raft.MsgHeartbeatResp']);

/** Whether the network may deliver this packet twice. etcd members talk to each other
 * over rafthttp, whose streams and pipeline are TCP connections: TCP never hands the
 * receiver the same message twice, so no Raft message between members (MsgProp above
 * all: a forwarded proposal duplicated would be appended, hence applied, twice — seed
 * 1889) is duplicated by the wire. The ReadIndex trouble below is a different thing and
 * stays: Raft's ReadIndex API lets the application ask again with the same context (a
 * retry after no answer; etcd's server re-asks every readIndexRetryTime, 500 ms), so the
 * Raft layer must survive a repeated MsgReadIndex, the leader's repeated answer and a
 * second heartbeat round's acks for that context (etcd-io/raft's
 * TestReadOnlyDuplicateRequest). The trouble models those repeats. */
export function duplicable(p: OutPacket): boolean {
  return p.dst.port !== PORT.etcdPeer;
}

export const DEFAULT_CONDITIONS: NetworkConditions = {
  latencyMinMs: 2,
  latencyMaxMs: 10,
  loss: 0,
  duplicate: 0,
  reorder: 0,
  reorderDelayMs: 50,
  readIndexDuplicate: 0,
  readIndexDelayMs: 0,
};

export class Network {
  conditions: NetworkConditions;
  /** Directed links that drop everything: "a>b" means a cannot reach b. */
  private readonly cut = new Set<string>();
  /** Slow machines (a gray failure): peer packets to or from one, sent before `until`, take
   * `delayMs` more. Fixed, so nothing is drawn and other runs keep their streams. */
  private readonly slowed = new Map<string, { delayMs: number; until: number }>();
  private nextId = 1;

  constructor(
    private readonly rng: Rng,
    conditions: Partial<NetworkConditions> = {},
  ) {
    this.conditions = { ...DEFAULT_CONDITIONS, ...conditions };
    if (this.conditions.latencyMinMs < 1) this.conditions.latencyMinMs = 1;
  }

  /** The deliveries of one sent packet: none (lost or cut), one, or two (duplicated).
   * A packet between processes of the same machine (loopback) is never lost. */
  route(p: OutPacket): Packet[] {
    const out: Packet[] = [];
    this.routeInto(p, out);
    return out;
  }

  /** route() into `out` (overwritten from index 0; the coordinator reuses one array for
   * every packet): returns how many copies arrive. */
  routeInto(p: OutPacket, out: Packet[]): number {
    const c = this.conditions;
    const loopback = p.src.host === p.dst.host;
    if (!loopback) {
      if (this.isCut(p.src.host, p.dst.host)) return 0;
      if (c.loss > 0 && this.rng.chance(c.loss)) return 0;
    }
    // Nothing is drawn for ReadIndex trouble unless it is on: runs without it keep
    // their random streams, hence their traces.
    const readIndex = !loopback && (c.readIndexDuplicate > 0 || c.readIndexDelayMs > 0) && READ_INDEX_KINDS.has(p.kind);
    let n = 0;
    out[n++] = this.deliver(p, loopback, readIndex, true);
    if (!loopback && c.duplicate > 0 && duplicable(p) && this.rng.chance(c.duplicate)) out[n++] = this.deliver(p, false, readIndex);
    if (readIndex && c.readIndexDuplicate > 0 && this.rng.chance(c.readIndexDuplicate)) out[n++] = this.deliver(p, false, true);
    return n;
  }

  private deliver(p: OutPacket, loopback: boolean, readIndex = false, first = false): Packet {
    const c = this.conditions;
    // Loopback takes the minimum latency too, so that nothing sent in a lockstep window
    // [t0, t0 + latencyMinMs) lands inside it.
    let delay = loopback ? c.latencyMinMs : this.rng.int(c.latencyMinMs, c.latencyMaxMs + 1);
    if (!loopback && c.reorder > 0 && this.rng.chance(c.reorder)) delay += this.rng.int(1, c.reorderDelayMs + 1);
    if (readIndex && c.readIndexDelayMs > 0) delay += this.rng.int(0, c.readIndexDelayMs + 1);
    if (!loopback && this.slowed.size > 0 && (p.dst.port === PORT.etcdPeer || p.src.port === PORT.etcdPeer)) delay += Math.max(this.slowBy(p.src.host, p.sentAt), this.slowBy(p.dst.host, p.sentAt));
    // The first delivery of a packet a Machine made (unroutedPacket: id 0) is that object,
    // stamped; any other is an explicit literal (not a spread) of the same shape.
    if (first && (p as Packet).id === 0) {
      const stamped = p as { -readonly [K in keyof Packet]: Packet[K] };
      stamped.id = this.nextId++;
      stamped.deliverAt = p.sentAt + delay;
      return stamped;
    }
    return { id: this.nextId++, src: p.src, dst: p.dst, kind: p.kind, body: p.body, sentAt: p.sentAt, deliverAt: p.sentAt + delay };
  }

  private slowBy(host: string, sentAt: number): number {
    const s = this.slowed.get(host);
    return s !== undefined && sentAt < s.until ? s.delayMs : 0;
  }

  /** Every etcd peer packet to or from `machine` sent before `until` takes `delayMs`
   * more (a saturated peer NIC, a GC pause in the peer transport): unlike a cut, nothing
   * is lost, it only arrives late — after an election timeout, so the rest of the
   * cluster moves on. Peer traffic only: were client traffic slowed as much, nothing a
   * client sent after the new leader's first write could reach the old leader before
   * that leader's own messages (sent earlier, delayed the same), so no read there could
   * be stale; etcd deployments often put peer and client traffic on different networks. */
  slow(machine: string, delayMs: number, until: number): void {
    this.slowed.set(machine, { delayMs, until });
  }

  isCut(from: string, to: string): boolean {
    return this.cut.size > 0 && this.cut.has(`${from}>${to}`);
  }

  /** Cuts every link between different groups, both ways. Machines in no group keep
   * their links. */
  partition(groups: readonly (readonly string[])[]): void {
    for (let i = 0; i < groups.length; i++)
      for (let j = 0; j < groups.length; j++)
        if (i !== j) for (const a of groups[i]!) for (const b of groups[j]!) this.cut.add(`${a}>${b}`);
  }

  /** Cuts from → to only (a one-way partition: to still reaches from). */
  cutOneWay(from: readonly string[], to: readonly string[]): void {
    for (const a of from) for (const b of to) if (a !== b) this.cut.add(`${a}>${b}`);
  }

  /** Cuts a machine off from every other one. */
  isolate(machine: string, all: readonly string[]): void {
    this.partition([[machine], all.filter((m) => m !== machine)]);
  }

  heal(machine?: string): void {
    if (machine === undefined) {
      this.cut.clear();
      return;
    }
    for (const link of [...this.cut]) {
      const [a, b] = link.split('>');
      if (a === machine || b === machine) this.cut.delete(link);
    }
  }

  /** The cut links, sorted, for the UI ("a>b"). */
  cutLinks(): string[] {
    return [...this.cut].sort();
  }
}
