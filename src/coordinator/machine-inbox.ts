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

  /** Queues an input (a command's: ticks and deliveries are made here). */
  push(rec: MachineRecord, life: number, input: MachineInput): void {
    if (input.kind === 'deliver') this.q.push(delivery(input.t, input.packet, this.seq(), rec, life));
    else if (input.kind === 'tick') this.q.push(tick(input.t, this.seq(), rec, life));
    else this.q.push({ t: input.t, kind: 'command', id: input.id, process: input.process, command: input.command, seq: this.seq(), rec, life });
  }

  deliver(packet: Packet, dst: MachineRecord): void {
    this.q.push(delivery(packet.deliverAt, packet, this.seq(), dst, dst.bootCount));
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
    this.q.push(delivery(t, notice, this.seq(), src, src.bootCount));
  }

  /** Moves every input before `end` into `inputs`, except those for a crashed life or
   * cut while in flight (a SEND_FAILED notice is the sender's own, never cut), which
   * are dropped, a dropped delivery becoming a SEND_FAILED notice at `end`. */
  gather(end: number, inputs: WindowInputs): void {
    for (let e = this.q.peek(); e !== undefined && e.t < end; e = this.q.peek()) {
      this.q.pop();
      const m = e.rec;
      if (m.status !== 'up' || e.life !== m.bootCount || (e.kind === 'deliver' && e.packet.kind !== SEND_FAILED && this.network.isCut(e.packet.src.host, m.spec.name))) {
        if (e.kind === 'deliver') this.sendFailed(e.packet, end);
        continue;
      }
      if (e.kind === 'tick') this.q.push(tick(e.t + this.tickMs, this.seq(), m, m.bootCount));
      // The queue entry is the input (its extra fields are the coordinator's).
      inputs.add(m, e);
    }
  }

  /** The queued deliveries that will still arrive (not those to a crashed life), by id. */
  inFlight(): InFlight[] {
    const out: InFlight[] = [];
    for (const e of this.q.items()) {
      if (e.kind !== 'deliver' || e.rec.status !== 'up' || e.life !== e.rec.bootCount || e.packet.kind === SEND_FAILED) continue;
      const p = e.packet;
      out.push({ id: p.id, from: p.src.host, to: p.dst.host, kind: p.kind, sentAt: p.sentAt, deliverAt: p.deliverAt });
    }
    return out.sort((a, b) => a.id - b.id);
  }
}

// Deliveries and ticks share one shape (a tick's packet is undefined), so the queue and
// the machine's loop see one hidden class for nearly every input.
function delivery(t: number, packet: Packet, seq: number, rec: MachineRecord, life: number): MachineEvent {
  return { t, kind: 'deliver', packet, seq, rec, life };
}

function tick(t: number, seq: number, rec: MachineRecord, life: number): MachineEvent {
  return { t, kind: 'tick', packet: undefined, seq, rec, life } as MachineEvent;
}

/** A window's inputs as plain inputs, without the queue's fields (a machine record
 * must not be structured-cloned into a worker). */
export function plainInputs(inputs: readonly MachineInput[]): MachineInput[] {
  return inputs.map((i): MachineInput => (i.kind === 'deliver' ? { t: i.t, kind: 'deliver', packet: i.packet } : i.kind === 'tick' ? { t: i.t, kind: 'tick' } : { t: i.t, kind: 'command', id: i.id, process: i.process, command: i.command }));
}
