// The kubectl process on the client machine: runs the console's kubectl lines through
// the load balancer, and applies a scenario's manifests at t=0 (retrying while the
// control plane is still coming up, as `kubectl apply` in a boot script would).

import type { Endpoint, Packet } from '../../sim/packet';
import type { Process, Runtime } from '../../sim/process';
import { Timers } from '../../sim/timers';
import { KUBECTL } from '../clientset/client-limits';
import type { KubeObject } from '../api/types';
import { KubeClient } from '../clientset/kube-client';
import { TLS_HANDSHAKE_TIMEOUT } from '../clientset/transport-errors';
import { parseCommandLine } from '../../shell/command-line';
import type { KubectlEnv } from './env';
import { createObjects, runKubectl } from './kubectl';

export interface KubectlSpec {
  readonly kind: 'kubectl';
  readonly server: Endpoint;
  readonly requestTimeoutMs: number;
  /** Objects to apply at boot (a scenario's `manifests`). */
  readonly manifests: readonly unknown[];
}

const APPLY_RETRY_MS = 1000;

export class KubectlProcess implements Process {
  readonly name = 'kubectl';
  readonly ports: readonly number[];
  private readonly client: KubeClient;
  private readonly timers = new Timers();
  private readonly env: KubectlEnv;
  /** Manifests not applied yet. */
  private pending: KubeObject[];
  private applying = false;
  private nextApply = 0;

  constructor(
    spec: KubectlSpec,
    private readonly rt: Runtime,
    port: number,
  ) {
    this.ports = [port];
    this.client = new KubeClient(rt, spec.server, port, 'kubectl/v1.31.4', spec.requestTimeoutMs, 60_000, TLS_HANDSHAKE_TIMEOUT);
    // The scenario's manifests are one `kubectl apply -f`: one process, one bucket.
    const manifests = this.client.clientset('kubectl', KUBECTL);
    this.env = {
      request: (call, cb) => manifests.request(call, cb),
      now: () => rt.now(),
      after: (ms, fn) => this.timers.at(rt.now() + ms, fn),
    };
    this.pending = spec.manifests as KubeObject[];
  }

  receive(packet: Packet): void {
    this.client.receive(packet);
  }

  tick(): void {
    this.client.tick();
    const now = this.rt.now();
    this.timers.run(now);
    if (this.pending.length > 0 && !this.applying && now >= this.nextApply) this.applyPending();
  }

  /** Applies the scenario's manifests one by one until each is accepted (or refused
   * for good: invalid objects are reported once and dropped). */
  private applyPending(): void {
    this.applying = true;
    const obj = this.pending[0]!;
    createObjects([obj], 'default', this.env, (r) => {
      this.applying = false;
      const transient = !r.ok && /Unable to connect|was refused - did you specify|ServiceUnavailable|etcdserver|not found/.test(r.error) && !/Invalid/.test(r.error);
      if (r.ok || !transient) this.pending = this.pending.slice(1);
      else this.nextApply = this.rt.now() + APPLY_RETRY_MS;
    }, true);
  }

  command(commandId: number, command: unknown): void {
    const c = command as { line?: string; stdin?: string };
    if (typeof c.line !== 'string') return this.rt.reply(commandId, { ok: false, error: 'kubectl needs a line' });
    const cl = parseCommandLine(c.line);
    if (cl.error !== undefined) return this.rt.reply(commandId, { ok: false, error: cl.error });
    // Every kubectl command is a process of its own: a fresh clientset, its bucket full
    // (client-go's defaults, 5 QPS, burst 10), dropped once the command has answered
    // and nothing of it waits any more.
    const cs = this.client.clientset('kubectl', KUBECTL);
    const env: KubectlEnv = { ...this.env, request: (call, cb) => cs.request(call, cb) };
    runKubectl(cl.argv, c.stdin, env, (r) => {
      if (cs.waiting === 0) this.client.dropClientset(cs);
      this.rt.reply(commandId, r);
    });
  }

  view(): unknown {
    return { kind: 'kubectl', pending: this.pending.length };
  }
}
