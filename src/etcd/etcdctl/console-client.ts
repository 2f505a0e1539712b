// The UI's etcd client on the "client" machine (process "console"): put/get/delete from
// the client panel, and etcdctl / etcdutl lines from the console.

import type { KvOp } from '../../protocol/trace';
import type { Packet } from '../../sim/packet';
import type { Process, Runtime } from '../../sim/process';
import { Timers } from '../../sim/timers';
import { EtcdClient } from '../clientv3/etcd-client';
import { KvRecorder, kvRequest, type KvCall } from '../clientv3/kv-workload';
import { parseCommandLine } from '../../shell/command-line';
import { runEtcdctl, type EtcdctlEnv } from './etcdctl';

export interface ConsoleSpec {
  readonly kind: 'console';
  readonly name: 'console';
  readonly endpoints: readonly string[];
  readonly requestTimeoutMs: number;
}

/** etcdctl's --dial-timeout default. */
const DIAL_TIMEOUT_MS = 2000;

/** The UI's client: put/get/delete from the client panel and etcdctl lines. */
export class ConsoleClient implements Process {
  readonly name = 'console';
  readonly ports: readonly number[];
  readonly client: EtcdClient;
  private readonly recorder: KvRecorder;

  constructor(
    spec: ConsoleSpec,
    private readonly rt: Runtime,
    port: number,
  ) {
    this.ports = [port];
    this.client = new EtcdClient(rt, spec.endpoints, spec.requestTimeoutMs, port);
    this.recorder = new KvRecorder(rt, 'console');
    this.env = {
      client: this.client,
      now: () => rt.now(),
      after: (ms, fn) => this.timers.at(rt.now() + ms, fn),
      disk: rt.disk,
      emit: (ev) => rt.emit(ev),
    };
  }

  private readonly timers = new Timers();
  private readonly env: EtcdctlEnv;

  receive(packet: Packet): void {
    this.client.receive(packet);
  }

  tick(): void {
    this.client.tick();
    this.timers.run(this.rt.now());
  }

  command(commandId: number, command: unknown): void {
    const c = command as { f?: KvOp; key?: string; value?: string; endpoint?: string; line?: string };
    if (typeof c.line === 'string') {
      const cl = parseCommandLine(c.line);
      if (cl.error !== undefined) return this.rt.reply(commandId, { ok: false, error: cl.error });
      const run = () => runEtcdctl(cl, this.env, (result) => this.rt.reply(commandId, result));
      // --endpoints names the member to use; otherwise connect as etcdctl does. etcdutl
      // works on files, `etcdctl version` prints its own, and another program is not
      // etcdctl: none of them dials.
      const args = cl.argv.slice(1);
      const named = args.some((a) => a === '--endpoints' || a.startsWith('--endpoints='));
      if (named || cl.program !== 'etcdctl' || (args.length === 1 && args[0] === 'version')) return run();
      return this.connect(commandId, run);
    }
    if (!c.f || !c.key) return this.rt.reply(commandId, { ok: false, error: 'a kv command needs f and key' });
    if (c.endpoint !== undefined && !this.client.endpoints.includes(c.endpoint)) {
      return this.rt.reply(commandId, { ok: false, error: `unknown endpoint "${c.endpoint}"; expected one of ${this.client.endpoints.join(', ')}` });
    }
    const call: KvCall = { f: c.f, key: c.key, ...(c.value !== undefined ? { value: c.value } : {}) };
    if (c.endpoint === undefined) return this.connect(commandId, () => this.kv(commandId, call, undefined));
    this.kv(commandId, call, c.endpoint);
  }

  /** Each command is a fresh etcdctl: it dials all members first and skips the dead. */
  private connect(commandId: number, then: () => void): void {
    this.client.dial(DIAL_TIMEOUT_MS, (connected) => (connected ? then() : this.rt.reply(commandId, { ok: false, error: 'Error: context deadline exceeded' })));
  }

  private kv(commandId: number, call: KvCall, endpoint: string | undefined): void {
    const done = this.recorder.invoke(call);
    this.client.request(
      kvRequest(call),
      (r) => {
        done(r);
        if (!r.ok) return this.rt.reply(commandId, { ok: false, error: `Error: ${r.error}` });
        const kv = r.response?.type === 'range' ? r.response.kvs[0] : undefined;
        this.rt.reply(commandId, { ok: true, output: call.f === 'get' ? (kv ? `${kv.key}\n${kv.value}` : '') : call.f === 'delete' ? String(r.response?.type === 'deleteRange' ? r.response.deleted : 0) : 'OK' });
      },
      endpoint,
    );
  }

  view(): unknown {
    return { kind: 'client', endpoint: this.client.endpoint, pending: this.client.pending };
  }
}
