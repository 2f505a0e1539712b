// The packets a frame animates: those routed since the UI last took them (bounded)
// plus those still in flight. At real latencies (2–10 ms) most packets live for less
// than one animation frame, so in-flight alone would hide them.

import type { PacketView } from '../protocol/frames';

/** Sent packets kept between two frames at most. */
const MAX_SENT_PER_FRAME = 400;

export class PacketFeed {
  private sent: PacketView[] = [];

  noteSent(p: { id: number; src: { host: string }; dst: { host: string }; kind: string; sentAt: number; deliverAt: number }): void {
    if (this.sent.length >= MAX_SENT_PER_FRAME) return;
    this.sent.push({ id: p.id, from: p.src.host, to: p.dst.host, kind: p.kind, sentAt: p.sentAt, deliverAt: p.deliverAt });
  }

  /** The sent packets since the last call and those in flight, by id. */
  take(inFlight: readonly PacketView[]): PacketView[] {
    const byId = new Map<number, PacketView>();
    for (const p of this.sent) byId.set(p.id, p);
    for (const p of inFlight) byId.set(p.id, p);
    this.sent = [];
    return [...byId.values()].sort((a, b) => a.id - b.id);
  }
}
