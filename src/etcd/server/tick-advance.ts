// etcd's initial election tick advance (`--initial-election-tick-advance`, default true;
// etcdserver's adjustTicks, run once every time a member starts, fresh or restarted):
// - a cluster of one member fast-forwards electionTicks − 1 ticks at once, so it elects
//   itself at its first tick instead of after a whole election timeout;
// - otherwise, with the flag on, it waits for its peer connections (rafthttp's
//   ActivePeers, polled every 50 ms for at most rafthttp.ConnReadTimeout = 5 s) and, once
//   more than one peer is active, fast-forwards electionTicks − 2 ticks: two ticks are
//   left "in case slow leader message receive". A two-member cluster never has more
//   than one active peer, so it never advances (as in etcd); with the flag off, or with
//   no peers within 5 s, nothing is advanced.
// A peer is active once a stream to it is connected, in either direction (rafthttp's
// peerStatus.activate on a stream dial that succeeded or a stream the peer dialed in).
// Here a stream dial is one packet (STREAM_DIAL) answered by another (STREAM_OK), sent at
// start and again each tick while waiting, as rafthttp's stream readers redial every
// 100 ms. The check runs when a peer becomes active rather than on a 50 ms poll: both
// come before the member's first tick unless a peer answers late.

import { PORT, type Endpoint, type Packet } from '../../sim/packet';
import type { Runtime } from '../../sim/process';

/** A stream dial to a peer's :2380 and its answer (the body says who dialed). */
export const STREAM_DIAL = 'etcd.stream';
export const STREAM_OK = 'etcd.stream-ok';

export interface StreamBody {
  readonly stream: true;
  /** The member id of the sender. */
  readonly from: number;
}

export function isStreamBody(body: unknown): body is StreamBody {
  return typeof body === 'object' && body !== null && (body as { stream?: unknown }).stream === true;
}

/** rafthttp.ConnReadTimeout: how long adjustTicks waits for peer connections. */
export const PEER_WAIT_MS = 5000;

export interface Advance {
  readonly ticks: number;
  /** etcd's log line, for the trace. */
  readonly note: string;
}

export class InitialTickAdvance {
  private readonly active = new Set<number>();
  /** Still waiting for peer connections (multi-member start with the flag on). */
  private waiting: boolean;
  private readonly deadline: number;

  constructor(
    private readonly o: {
      readonly electionTicks: number;
      /** Members in the cluster this member knows at start, itself included. */
      readonly members: number;
      readonly enabled: boolean;
      readonly startedAt: number;
    },
  ) {
    this.waiting = o.members > 1 && o.enabled;
    this.deadline = o.startedAt + PEER_WAIT_MS;
  }

  /** At start: a single member's fast-forward, or undefined. */
  atStart(): Advance | undefined {
    if (this.o.members !== 1) return undefined;
    const ticks = this.o.electionTicks - 1;
    return { ticks, note: `started as single-node; fast-forwarding ${ticks} election ticks` };
  }

  /** Whether stream dials are still due (waiting for peers, before the deadline). */
  dialing(now: number): boolean {
    if (this.waiting && now >= this.deadline) this.waiting = false;
    return this.waiting;
  }

  isActive(peer: number): boolean {
    return this.active.has(peer);
  }

  /** A stream to `peer` is connected: the fast-forward if this is the moment. */
  peerActive(peer: number, now: number): Advance | undefined {
    this.active.add(peer);
    if (!this.dialing(now) || this.active.size <= 1) return undefined;
    this.waiting = false;
    const ticks = this.o.electionTicks - 2;
    return { ticks, note: `initialized peer connections; fast-forwarding ${ticks} election ticks (active remote members ${this.active.size})` };
  }
}

/** The member's side: dials its peers' streams at start and each tick while waiting,
 * answers their dials, and fast-forwards Raft when the rule says so. */
export class StartupTicks {
  private readonly rule: InitialTickAdvance;

  constructor(
    private readonly o: {
      readonly rt: Runtime;
      readonly id: number;
      readonly electionTicks: number;
      readonly members: number;
      readonly enabled: boolean;
      /** The peers to dial (this member's own id is skipped). */
      readonly peers: () => Iterable<readonly [number, Endpoint]>;
      readonly removed: (id: number) => boolean;
      /** etcd's raftNode.advanceTicks, with etcd's log line for the trace. */
      readonly advance: (a: Advance) => void;
    },
  ) {
    this.rule = new InitialTickAdvance({ electionTicks: o.electionTicks, members: o.members, enabled: o.enabled, startedAt: o.rt.now() });
  }

  /** At the member's start: a single member's fast-forward, or the first dials. */
  start(): void {
    const single = this.rule.atStart();
    if (single) this.o.advance(single);
    else this.dial();
  }

  /** Each tick: dial again the peers not connected yet (rafthttp redials every 100 ms). */
  tick(): void {
    this.dial();
  }

  /** A stream packet (STREAM_DIAL or STREAM_OK) arrived. */
  receive(packet: Packet): void {
    const from = (packet.body as StreamBody).from;
    if (packet.kind === STREAM_DIAL) this.o.rt.send(packet.src, STREAM_OK, this.body(), PORT.etcdPeer);
    const advance = this.rule.peerActive(from, this.o.rt.now());
    if (advance) this.o.advance(advance);
  }

  private dial(): void {
    if (!this.rule.dialing(this.o.rt.now())) return;
    for (const [id, dst] of this.o.peers()) {
      if (id !== this.o.id && !this.rule.isActive(id) && !this.o.removed(id)) this.o.rt.send(dst, STREAM_DIAL, this.body(), PORT.etcdPeer);
    }
  }

  private body(): StreamBody {
    return { stream: true, from: this.o.id };
  }
}
