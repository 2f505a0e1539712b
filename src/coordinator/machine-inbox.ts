// The machines' inputs waiting for their window: ticks, deliveries and command inputs,
// in one queue ordered by (t, seq) (seq: the Simulation's counter, shared with its own
// queue, so that order is a function of the run). Gathering a window's inputs drops
// those for a crashed life or sent over a link cut since.
//
// Ticks: a machine ticks on its own grid (its first tick at boot, then every tickMs),
// but only where it needs to. A machine that cannot say when it next needs a tick
// (MachineOutput.wake -Infinity: etcd members, the control plane) has its next tick
// queued when one is gathered, every period, as always. One that can (a worker: the
// kubelet's and kube-proxy's timers, Process.nextTick) has it queued after each window
// it ran in, at the first tick of its grid at or after the time it named; an input that
// makes it need one sooner moves it there. The machine's ticks stay where they were:
// only those that would have done nothing are left out, so 100 idle workers cost no
// windows between their timers.

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

  /** The earliest queued input's time (Infinity: none); a stale tick at the front is
   * dropped first, so it never starts a window of its own. */
  nextTime(): number {
    for (let e = this.q.peek(); e !== undefined; e = this.q.peek()) {
      if (!staleTick(e)) return e.t;
      this.q.pop();
    }
    return Infinity;
  }

  /** A machine's life starts ticking at `t` (its phase), every period until it says
   * otherwise. */
  firstTick(rec: MachineRecord, t: number): void {
    rec.tickBase = t;
    rec.tickAt = t;
    rec.wake = -Infinity;
    this.q.push(tick(t, this.seq(), rec, rec.bootCount));
  }

  /** After a window `rec` ran in (ending at `end`): its next tick goes to the first
   * time of its grid at or after `wake` (and the window's end), unless it is there
   * already; Infinity: no tick until an input asks for one. */
  wake(rec: MachineRecord, wake: number, end: number): void {
    rec.wake = wake;
    const at = wake === Infinity ? Infinity : gridAtOrAfter(rec.tickBase, this.tickMs, Math.max(wake, end));
    if (at === rec.tickAt) return;
    rec.tickAt = at;
    if (at !== Infinity) this.q.push(tick(at, this.seq(), rec, rec.bootCount));
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
      if (e.kind === 'tick') {
        if (e.t !== m.tickAt) continue; // moved since it was queued
        // A machine that ticks every period has its next tick queued now (as it always
        // was: the same queue order); one that names its wake-ups, after this window.
        if (m.wake === -Infinity) this.q.push(tick((m.tickAt = e.t + this.tickMs), this.seq(), m, m.bootCount));
        else m.tickAt = Infinity;
      }
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

/** A queued tick of a live machine that is not its current one (moved since). A tick of
 * a crashed life is not stale here: gather drops it, as every input of that life. */
function staleTick(e: MachineEvent): boolean {
  return e.kind === 'tick' && e.t !== e.rec.tickAt && e.life === e.rec.bootCount && e.rec.status === 'up';
}

/** The first time of the grid base + k × period (k ≥ 0) at or after `t`. */
export function gridAtOrAfter(base: number, period: number, t: number): number {
  if (t <= base) return base;
  return base + Math.ceil((t - base) / period) * period;
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
