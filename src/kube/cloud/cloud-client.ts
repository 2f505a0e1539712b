// The cloud-controller-manager's client of the cloud's API (src/protocol/cloud.ts):
// one request per call over the simulated network, answered or timed out. The cloud is
// outside the cluster, so its calls go to the `cloud` machine, not to the apiserver.

import type { Packet } from '../../sim/packet';
import type { Runtime } from '../../sim/process';
import { CLOUD_HOST, CLOUD_PORT, type CloudAnswer, type CloudCall, type CloudRequest, type CloudResponse } from '../../protocol/cloud';

interface Pending {
  readonly cb: (a: CloudAnswer) => void;
  readonly deadline: number;
}

export class CloudClient {
  private readonly pending = new Map<number, Pending>();
  private nextId: number;

  constructor(
    private readonly rt: Runtime,
    private readonly srcPort: number,
    private readonly timeoutMs: number,
  ) {
    // A random start per boot, so a restarted manager's ids do not repeat its old ones.
    this.nextId = 1 + rt.rng.int(0, 2 ** 20) * 1024;
  }

  call(c: CloudCall, cb: (a: CloudAnswer) => void): void {
    const reqId = this.nextId++;
    this.pending.set(reqId, { cb, deadline: this.rt.now() + this.timeoutMs });
    this.rt.send({ host: CLOUD_HOST, port: CLOUD_PORT }, 'cloud.request', { ...c, reqId } satisfies CloudRequest, this.srcPort);
  }

  receive(packet: Packet): void {
    if (packet.kind !== 'cloud.response') return;
    const r = packet.body as CloudResponse;
    const p = this.pending.get(r.reqId);
    if (!p) return;
    this.pending.delete(r.reqId);
    p.cb(r);
  }

  tick(): void {
    const now = this.rt.now();
    for (const [id, p] of this.pending) {
      if (now < p.deadline) continue;
      this.pending.delete(id);
      p.cb({ ok: false, error: 'context deadline exceeded' });
    }
  }
}
