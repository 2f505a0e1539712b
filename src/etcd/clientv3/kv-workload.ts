// The scenario's KV workload on the "client" machine: register operations recorded as
// kv.* events for the linearizability checker. The UI's console client
// (src/etcd/etcdctl/console-client.ts) records its KV operations the same way.

import type { KvOp } from '../../protocol/trace';
import type { Packet } from '../../sim/packet';
import type { Process, Runtime } from '../../sim/process';
import { EtcdClient } from './etcd-client';
import { ERR, type ClientResult, type RequestOp } from '../types';

export interface KvWorkloadSpec {
  readonly kind: 'kv-workload';
  readonly name: string;
  readonly endpoints: readonly string[];
  readonly keys: number;
  readonly ops: readonly KvOp[];
  readonly ratePerSec: number;
  readonly requestTimeoutMs: number;
}

export interface KvCall {
  readonly f: KvOp;
  readonly key: string;
  readonly value?: string;
  readonly expect?: string;
}

/** The etcd request for a register operation. cas is a txn: If(value == expect) Then(put);
 * with no expectation, If(version == 0), i.e. "create if absent". */
export function kvRequest(c: KvCall): RequestOp {
  switch (c.f) {
    case 'put':
      return { type: 'put', key: c.key, value: c.value ?? '' };
    case 'get':
      return { type: 'range', key: c.key };
    case 'delete':
      return { type: 'deleteRange', key: c.key };
    case 'cas':
      return {
        type: 'txn',
        compare: [c.expect === undefined ? { target: 'VERSION', result: '=', key: c.key, value: 0 } : { target: 'VALUE', result: '=', key: c.key, value: c.expect }],
        success: [{ type: 'put', key: c.key, value: c.value ?? '' }],
        failure: [],
      };
  }
}

/** Whether an error means the operation certainly did not take effect. A member that
 * answers "no leader" did so before proposing; a timeout or a leader change may still
 * have committed it. Reads never take effect, so any error is definite for them. */
function definite(f: KvOp, error: string): boolean {
  return f === 'get' || error === ERR.noLeader;
}

/** Records one operation as kv.* events; after an unknown outcome, moves to a new
 * process name (contracts §3: that name is never used again). */
export class KvRecorder {
  private generation = 0;
  private nextId = 1;
  process: string;

  constructor(
    private readonly rt: Runtime,
    private readonly base: string,
  ) {
    this.process = base;
  }

  invoke(c: KvCall): (r: ClientResult) => void {
    const id = this.nextId++;
    const process = this.process;
    this.rt.emit({ type: 'kv.invoke', process, id, f: c.f, key: c.key, ...(c.value !== undefined ? { value: c.value } : {}), ...(c.expect !== undefined ? { expect: c.expect } : {}) });
    return (r) => {
      if (r.ok) {
        const resp = r.response;
        if (c.f === 'cas' && resp?.type === 'txn' && !resp.succeeded) this.rt.emit({ type: 'kv.fail', process, id, error: 'compare failed' });
        else if (c.f === 'get') this.rt.emit({ type: 'kv.ok', process, id, value: resp?.type === 'range' ? (resp.kvs[0]?.value ?? null) : null });
        else this.rt.emit({ type: 'kv.ok', process, id });
      } else if (definite(c.f, r.error)) {
        this.rt.emit({ type: 'kv.fail', process, id, error: r.error });
      } else {
        this.rt.emit({ type: 'kv.info', process, id, error: r.error });
        this.process = `${this.base}.${++this.generation}`;
        this.nextId = 1;
      }
    };
  }
}

export class KvWorkloadClient implements Process {
  readonly name: string;
  readonly ports: readonly number[];
  private readonly client: EtcdClient;
  private readonly recorder: KvRecorder;
  private busy = false;
  private nextAt: number;
  private rate: number;
  private counter = 0;
  /** The last value this client saw per key: what its cas expects. */
  private readonly seen = new Map<string, string>();

  constructor(
    private readonly spec: KvWorkloadSpec,
    private readonly rt: Runtime,
    port: number,
  ) {
    this.name = spec.name;
    this.ports = [port];
    this.client = new EtcdClient(rt, spec.endpoints, spec.requestTimeoutMs, port, 'round-robin');
    this.recorder = new KvRecorder(rt, spec.name);
    this.rate = spec.ratePerSec;
    this.nextAt = rt.now() + this.interval();
  }

  /** Exponential gaps (a Poisson stream) at the client's share of the rate. */
  private interval(): number {
    if (this.rate <= 0) return Infinity;
    return Math.max(1, Math.round((-Math.log(1 - this.rt.rng.float()) * 1000) / this.rate));
  }

  /** The page's chaos switch sets the rate ({ rate: ops per second }); 0 stops. */
  command(_commandId: number, command: unknown): void {
    const rate = (command as { rate?: unknown }).rate;
    if (typeof rate !== 'number' || !(rate >= 0)) return;
    this.rate = rate;
    if (!this.busy) this.nextAt = this.rt.now() + this.interval();
  }

  receive(packet: Packet): void {
    this.client.receive(packet);
    this.maybeStart();
  }

  tick(): void {
    this.client.tick();
    this.maybeStart();
  }

  private maybeStart(): void {
    if (this.busy || this.rt.now() < this.nextAt || this.spec.ops.length === 0) return;
    const rng = this.rt.rng;
    const f = rng.pick(this.spec.ops);
    const key = `k${rng.int(0, this.spec.keys)}`;
    const value = `${this.spec.name}-${++this.counter}`;
    const call: KvCall = f === 'put' ? { f, key, value } : f === 'cas' ? { f, key, value, ...(this.seen.has(key) ? { expect: this.seen.get(key)! } : {}) } : { f, key };
    const done = this.recorder.invoke(call);
    this.busy = true;
    this.client.request(kvRequest(call), (r) => {
      this.busy = false;
      this.nextAt = this.rt.now() + this.interval();
      if (r.ok && f === 'get' && r.response?.type === 'range' && r.response.kvs[0]) this.seen.set(key, r.response.kvs[0].value);
      if (r.ok && (f === 'put' || (f === 'cas' && r.response?.type === 'txn' && r.response.succeeded))) this.seen.set(key, value);
      done(r);
    });
  }

  view(): unknown {
    return { kind: 'client', endpoint: this.client.endpoint, pending: this.client.pending };
  }
}
