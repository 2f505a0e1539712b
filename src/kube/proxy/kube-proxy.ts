// kube-proxy: on every node, watches Services and EndpointSlices and programs the
// node's Service rules (iptables mode: ClusterIP:port → one of the ready endpoints).
// Here the rules are a table the UI and `kubectl describe` can show.

import type { Packet } from '../../sim/packet';
import type { Process, Runtime } from '../../sim/process';
import type { EndpointSlice, Service } from '../api/types';
import { Informer } from '../clientset/informer';
import { KUBE_PROXY } from '../clientset/client-limits';
import { KubeClient } from '../clientset/kube-client';
import type { KubeProxySpec } from '../specs';
import type { KubeProxyView, ProxyRule } from '../../protocol/kube-views';

export const KUBE_PROXY_PORT = 10256;

export type { KubeProxyView, ProxyRule } from '../../protocol/kube-views';


export class KubeProxy implements Process {
  readonly name = 'kube-proxy';
  readonly ports = [KUBE_PROXY_PORT];
  private readonly client: KubeClient;
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;
  /** The rules as last computed; dropped when either cache changes (views are asked
   * every frame, and a large Service has thousands of endpoints). */
  private programmed: ProxyRule[] | undefined;

  constructor(spec: KubeProxySpec, rt: Runtime) {
    this.client = new KubeClient(rt, spec.server, KUBE_PROXY_PORT, `kube-proxy/${rt.host}`, spec.timing.requestTimeoutMs, spec.timing.watchSilenceMs);
    const changed = { onAdd: () => (this.programmed = undefined), onUpdate: () => (this.programmed = undefined), onDelete: () => (this.programmed = undefined) };
    // KubeProxyConfiguration clientConnection: 5 QPS, burst 10 (its LISTs; watches are
    // never limited).
    const api = this.client.clientset('kube-proxy', KUBE_PROXY);
    this.services = new Informer<Service>(rt, api, 'services', changed);
    this.slices = new Informer<EndpointSlice>(rt, api, 'endpointslices', changed);
  }

  receive(packet: Packet): void {
    this.client.receive(packet);
  }

  tick(): void {
    this.client.tick();
    this.services.tick();
    this.slices.tick();
  }

  /** kube-proxy acts on its informers' events (its rules are computed from their
   * caches when asked): a tick has work only for its client and informers' timers. */
  nextTick(): number {
    return Math.min(this.client.nextDue(), this.services.nextDue(), this.slices.nextDue());
  }

  /** The rules as iptables-mode kube-proxy would program them from its caches. */
  rules(): ProxyRule[] {
    return (this.programmed ??= this.program());
  }

  private program(): ProxyRule[] {
    const ready = new Map<string, string[]>();
    for (const s of this.slices.store.values()) {
      const svc = `${s.metadata.namespace}/${s.metadata.labels?.['kubernetes.io/service-name'] ?? ''}`;
      const eps = ready.get(svc) ?? [];
      // Go's []string may be null: an endpoint without addresses adds none.
      for (const e of s.endpoints ?? []) if (e.conditions?.ready !== false) eps.push(...(e.addresses ?? []));
      ready.set(svc, eps);
    }
    const out: ProxyRule[] = [];
    for (const svc of this.services.store.values()) {
      const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
      for (const p of svc.spec.ports ?? []) {
        if (!svc.spec.clusterIP || svc.spec.clusterIP === 'None') continue;
        const target = typeof p.targetPort === 'number' ? p.targetPort : p.port;
        const external = ingressOf(svc);
        out.push({
          service: key, clusterIP: svc.spec.clusterIP, port: p.port, protocol: p.protocol ?? 'TCP', endpoints: (ready.get(key) ?? []).map((ip) => `${ip}:${target}`).sort(),
          type: svc.spec.type ?? 'ClusterIP', ...(external ? { externalIP: external } : {}),
        });
      }
    }
    return out.sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : a.port - b.port));
  }

  view(): KubeProxyView {
    const clients = this.client.rateViews();
    return { kind: 'kube-proxy', synced: this.services.synced && this.slices.synced, rules: this.rules(), ...(clients ? { clients } : {}) };
  }
}

/** status.loadBalancer.ingress[0]'s ip or hostname (the cloud's load balancer), read
 * defensively: the status is whatever the API stored. */
function ingressOf(svc: Service): string | undefined {
  const ingress = (svc.status?.loadBalancer as { ingress?: unknown } | undefined)?.ingress;
  const first: unknown = Array.isArray(ingress) ? ingress[0] : undefined;
  if (!first || typeof first !== 'object') return undefined;
  const { ip, hostname } = first as { ip?: unknown; hostname?: unknown };
  return typeof ip === 'string' && ip ? ip : typeof hostname === 'string' && hostname ? hostname : undefined;
}
