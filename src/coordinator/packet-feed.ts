// The packets a frame animates: those routed since the UI last took them (bounded)
// plus those still in flight. At real latencies (2–10 ms) most packets live for less
// than one animation frame, so in-flight alone would hide them. Of those already
// delivered a frame carries only the first MAX_DOTS_PER_LINK per link and kind: the page
// draws at most that many dots on a link at once, the first ones it has not drawn, in id
// order, so the rest were never drawn (at "max" a frame held 400 packets, 42 KB of its
// 88 KB, cloned by the simulation's worker and decoded by the page: issue 14's tenth
// round). Kinds are kept apart because the page tells them apart on one link (a stacked
// master's apiserver → etcd requests and etcd's answers: etcd-traffic.ts).

import { MAX_DOTS_PER_LINK, type PacketView } from '../protocol/frames';

/** Sent packets kept between two frames at most. */
const MAX_SENT_PER_FRAME = 400;

export class PacketFeed {
  private sent: PacketView[] = [];

  noteSent(p: { id: number; src: { host: string }; dst: { host: string }; kind: string; sentAt: number; deliverAt: number }): void {
    if (this.sent.length >= MAX_SENT_PER_FRAME) return;
    this.sent.push({ id: p.id, from: p.src.host, to: p.dst.host, kind: p.kind, sentAt: p.sentAt, deliverAt: p.deliverAt });
  }

  /** The packets in flight, and the first `perLink` per link and kind of those sent
   * (and delivered) since the last call, by id (a test counting packets: Infinity). */
  take(inFlight: readonly PacketView[], perLink = MAX_DOTS_PER_LINK): PacketView[] {
    const byId = new Map<number, PacketView>();
    for (const p of inFlight) byId.set(p.id, p);
    const taken = new Map<string, number>();
    for (const p of this.sent.sort((a, b) => a.id - b.id)) {
      if (byId.has(p.id)) continue;
      const link = `${p.from}>${p.to}>${p.kind}`;
      const n = taken.get(link) ?? 0;
      if (n >= perLink) continue;
      taken.set(link, n + 1);
      byId.set(p.id, p);
    }
    this.sent = [];
    return [...byId.values()].sort((a, b) => a.id - b.id);
  }
}
