// The machines' inputs waiting for their window: ticks, deliveries and command inputs,
// in one queue ordered by (t, seq) (seq: the Simulation's counter, shared with its own
// queue, so that order is a function of the run). Gathering a window's inputs drops
// those for a crashed life or sent over a link cut since, and re-arms each tick.

import type { MachineInput } from '../sim/machine';
import type { Network } from '../sim/net';
import { PORT, SEND_FAILED, type OutPacket, type Packet } from '../sim/packet';
import { EventQueue } from './event-queue';
import type { InFlight, MachineEvent, MachineRecord } from './simulation-types';
import type { WindowInputs } from './window-inputs';

export class MachineInbox {
  private readonly q = new EventQueue<MachineEvent>();

  constructor(
    private readonly seq: () => number,
    private readonly machine: (name: string) => MachineRecord | undefined,
    private readonly network: Network,
    private readonly tickMs: number,
  ) {}

  /** The earliest queued input's time (Infinity: none). */
  nextTime(): number {
    const e = this.q.peek();
    return e === undefined ? Infinity : e.t;
  }

  push(rec: MachineRecord, life: number, input: MachineInput): void {
    this.q.push({ t: input.t, seq: this.seq(), rec, life, input });
  }

  deliver(packet: Packet, dst: MachineRecord): void {
    this.push(dst, dst.bootCount, { t: packet.deliverAt, kind: 'deliver', packet });
  }

  /** etcd's peer transport learns that a Raft message did not get through (a refused
   * connection, a broken stream, a failed snapshot POST) and reports it to Raft
   * (ReportUnreachable, ReportSnapshot). The sim knows at once: the sender gets the
   * message back as a SEND_FAILED notice at `t` (after the window that sent or dropped it). */
  sendFailed(p: OutPacket, t: number): void {
    if (p.dst.port !== PORT.etcdPeer || p.kind === SEND_FAILED) return;
    const src = this.machine(p.src.host);
    if (!src || src.status !== 'up') return;
    const notice: Packet = { id: 0, src: p.dst, dst: p.src, kind: SEND_FAILED, body: p.body, sentAt: p.sentAt, deliverAt: t };
    this.push(src, src.bootCount, { t, kind: 'deliver', packet: notice });
  }

  /** Moves every input before `end` into `inputs`, except those for a crashed life or
   * cut while in flight (a SEND_FAILED notice is the sender's own, never cut), which
   * are dropped, a dropped delivery becoming a SEND_FAILED notice at `end`. */
  gather(end: number, inputs: WindowInputs): void {
    for (let e = this.q.peek(); e !== undefined && e.t < end; e = this.q.peek()) {
      this.q.pop();
      const m = e.rec;
      const input = e.input;
      if (m.status !== 'up' || e.life !== m.bootCount || (input.kind === 'deliver' && input.packet.kind !== SEND_FAILED && this.network.isCut(input.packet.src.host, m.spec.name))) {
        if (input.kind === 'deliver') this.sendFailed(input.packet, end);
        continue;
      }
      if (input.kind === 'tick') this.push(m, m.bootCount, { t: input.t + this.tickMs, kind: 'tick' });
      inputs.add(m, input);
    }
  }

  /** The queued deliveries that will still arrive (not those to a crashed life), by id. */
  inFlight(): InFlight[] {
    const out: InFlight[] = [];
    for (const e of this.q.items()) {
      if (e.input.kind !== 'deliver' || e.rec.status !== 'up' || e.life !== e.rec.bootCount || e.input.packet.kind === SEND_FAILED) continue;
      const p = e.input.packet;
      out.push({ id: p.id, from: p.src.host, to: p.dst.host, kind: p.kind, sentAt: p.sentAt, deliverAt: p.deliverAt });
    }
    return out.sort((a, b) => a.id - b.id);
  }
}
