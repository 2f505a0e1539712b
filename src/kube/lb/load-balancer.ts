// The load balancer in front of the apiservers (HAProxy in TCP mode, as kubeadm's HA
// guide sets it up): it health-checks every apiserver's /readyz on :6443 and pins each
// client connection to a healthy one, round robin. When a backend fails its checks the
// balancer closes the connections pinned to it, so clients reconnect — to a live
// apiserver — and their watches start over.

import type { Endpoint, Packet } from '../../sim/packet';
import { PORT } from '../../sim/packet';
import type { Process, Runtime } from '../../sim/process';
import type { KubeRequest, KubeResponse, KubeWatchEvent } from '../api/wire';
import type { LoadBalancerView } from '../../protocol/kube-views';

export type { LoadBalancerView } from '../../protocol/kube-views';

export interface LoadBalancerSpec {
  readonly kind: 'load-balancer';
  readonly backends: readonly string[];
  /** HAProxy `inter`: time between checks of one backend. */
  readonly checkIntervalMs: number;
  /** A check that gets no answer within this long failed (`timeout check`). */
  readonly checkTimeoutMs: number;
  /** Consecutive failures that mark a backend down (`fall`), successes that mark it up (`rise`). */
  readonly fall: number;
  readonly rise: number;
}

interface Backend {
  readonly host: string;
  up: boolean;
  streak: number;
  nextCheck: number;
  /** The check in flight: its id and deadline. */
  check?: { id: number; deadline: number };
}

interface Conn {
  readonly id: number;
  readonly client: Endpoint;
  readonly backend: string;
}

export class LoadBalancer implements Process {
  readonly name = 'haproxy';
  readonly ports = [PORT.apiserver];
  private readonly backends: Backend[];
  private readonly byClient = new Map<string, Conn>();
  private readonly byId = new Map<number, Conn>();
  /** Both start at a random point per boot: the apiservers drop a request id they have
   * seen from this address (duplicate suppression), so a rebooted LB that counted from
   * 1 again had its health checks ignored, and its backends stayed down, for as long
   * as it had run before. */
  private nextConn: number;
  private nextCheck: number;
  private rr = 0;

  constructor(
    private readonly spec: LoadBalancerSpec,
    private readonly rt: Runtime,
  ) {
    this.nextConn = 1 + rt.rng.int(0, 2 ** 31) * 1024;
    this.nextCheck = 1 + rt.rng.int(0, 2 ** 31) * 1024;
    // Servers start up (HAProxy's default) and are checked at once, staggered.
    this.backends = spec.backends.map((host, i) => ({ host, up: true, streak: 0, nextCheck: rt.now() + i * 100 }));
  }

  receive(packet: Packet): void {
    switch (packet.kind) {
      case 'kube.request':
        return this.forward(packet);
      case 'kube.response': {
        const r = packet.body as KubeResponse;
        if (r.conn === undefined) return this.checked(packet.src.host, r);
        return this.back(packet, r.conn);
      }
      case 'kube.watch':
        return this.back(packet, (packet.body as KubeWatchEvent).conn);
      case 'kube.ping':
        return this.ping(packet);
      case 'kube.pong':
        return this.back(packet, (packet.body as { conn?: number }).conn);
      case 'kube.reset':
        return this.backendReset((packet.body as { conn?: number }).conn);
    }
  }

  tick(): void {
    const now = this.rt.now();
    for (const b of this.backends) {
      if (b.check && now >= b.check.deadline) {
        b.check = undefined;
        this.result(b, false);
      }
      if (!b.check && now >= b.nextCheck) {
        const id = this.nextCheck++;
        b.check = { id, deadline: now + this.spec.checkTimeoutMs };
        b.nextCheck = now + this.spec.checkIntervalMs;
        this.rt.send({ host: b.host, port: PORT.apiserver }, 'kube.request', { reqId: id, verb: 'healthz' } satisfies KubeRequest);
      }
    }
  }

  private checked(host: string, r: KubeResponse): void {
    const b = this.backends.find((x) => x.host === host);
    if (!b?.check || b.check.id !== r.reqId) return;
    b.check = undefined;
    this.result(b, r.ok);
  }

  private result(b: Backend, ok: boolean): void {
    b.streak = ok === b.up ? 0 : b.streak + 1;
    if (b.up && !ok && b.streak >= this.spec.fall) {
      b.up = false;
      b.streak = 0;
      this.closeAll(b.host);
    } else if (!b.up && ok && b.streak >= this.spec.rise) {
      b.up = true;
      b.streak = 0;
    }
  }

  private forward(packet: Packet): void {
    const clientKey = `${packet.src.host}:${packet.src.port}`;
    let c = this.byClient.get(clientKey);
    if (!c) {
      const up = this.backends.filter((b) => b.up);
      if (up.length === 0) {
        // No server: HAProxy in tcp mode accepts the connection and closes it (the
        // client reads EOF: "Unable to connect to the server: EOF").
        this.rt.send(packet.src, 'kube.reset', {});
        return;
      }
      const b = up[this.rr++ % up.length]!;
      c = { id: this.nextConn++, client: packet.src, backend: b.host };
      this.byClient.set(clientKey, c);
      this.byId.set(c.id, c);
    }
    this.rt.send({ host: c.backend, port: PORT.apiserver }, packet.kind, { ...(packet.body as KubeRequest), conn: c.id });
  }

  /** A client's HTTP/2 ping travels on its connection to the backend; with no
   * connection (this HAProxy restarted) TCP answers with a reset. */
  private ping(packet: Packet): void {
    const c = this.byClient.get(`${packet.src.host}:${packet.src.port}`);
    if (!c) return this.rt.send(packet.src, 'kube.reset', {});
    this.rt.send({ host: c.backend, port: PORT.apiserver }, 'kube.ping', { conn: c.id });
  }

  /** The backend reset a connection (it does not know it): so does HAProxy, to the
   * client. */
  private backendReset(connId: number | undefined): void {
    const c = connId === undefined ? undefined : this.byId.get(connId);
    if (!c) return;
    this.byId.delete(c.id);
    this.byClient.delete(`${c.client.host}:${c.client.port}`);
    this.rt.send(c.client, 'kube.reset', {});
  }

  private back(packet: Packet, connId: number | undefined): void {
    const c = connId === undefined ? undefined : this.byId.get(connId);
    if (!c) {
      // A stream for a connection already closed: tell the apiserver to drop it.
      if (connId !== undefined) this.rt.send(packet.src, 'kube.close', { conn: connId });
      return;
    }
    // The conn stays on: the client reads it to tell that its connection changed.
    this.rt.send(c.client, packet.kind, packet.body);
  }

  private closeAll(backend: string): void {
    for (const [k, c] of this.byClient) {
      if (c.backend !== backend) continue;
      this.byClient.delete(k);
      this.byId.delete(c.id);
      this.rt.send(c.client, 'kube.reset', {});
    }
  }

  view(): LoadBalancerView {
    const count = new Map<string, number>();
    for (const c of this.byId.values()) count.set(c.backend, (count.get(c.backend) ?? 0) + 1);
    return { kind: 'load-balancer', backends: this.backends.map((b) => ({ host: b.host, up: b.up, connections: count.get(b.host) ?? 0 })) };
  }
}
