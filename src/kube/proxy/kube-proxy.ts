// kube-proxy: on every node, watches Services and EndpointSlices and programs the
// node's Service rules (iptables mode: ClusterIP:port → one of the ready endpoints).
// Here the rules are a table the UI and `kubectl describe` can show.

import type { Packet } from '../../sim/packet';
import type { Process, Runtime } from '../../sim/process';
import type { EndpointSlice, Service } from '../api/types';
import { Informer } from '../clientset/informer';
import { KubeClient } from '../clientset/kube-client';
import type { KubeProxySpec } from '../specs';

export const KUBE_PROXY_PORT = 10256;

export interface ProxyRule {
  readonly service: string;
  readonly clusterIP: string;
  readonly port: number;
  readonly protocol: string;
  readonly endpoints: readonly string[];
}

export interface KubeProxyView {
  readonly kind: 'kube-proxy';
  readonly synced: boolean;
  readonly rules: readonly ProxyRule[];
}

export class KubeProxy implements Process {
  readonly name = 'kube-proxy';
  readonly ports = [KUBE_PROXY_PORT];
  private readonly client: KubeClient;
  private readonly services: Informer<Service>;
  private readonly slices: Informer<EndpointSlice>;

  constructor(spec: KubeProxySpec, rt: Runtime) {
    this.client = new KubeClient(rt, spec.server, KUBE_PROXY_PORT, `kube-proxy/${rt.host}`, spec.timing.requestTimeoutMs, spec.timing.watchSilenceMs);
    this.services = new Informer<Service>(rt, this.client, 'services');
    this.slices = new Informer<EndpointSlice>(rt, this.client, 'endpointslices');
  }

  receive(packet: Packet): void {
    this.client.receive(packet);
  }

  tick(): void {
    this.client.tick();
    this.services.tick();
    this.slices.tick();
  }

  /** The rules as iptables-mode kube-proxy would program them from its caches. */
  rules(): ProxyRule[] {
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
        out.push({ service: key, clusterIP: svc.spec.clusterIP, port: p.port, protocol: p.protocol ?? 'TCP', endpoints: (ready.get(key) ?? []).map((ip) => `${ip}:${target}`).sort() });
      }
    }
    return out.sort((a, b) => (a.service < b.service ? -1 : a.service > b.service ? 1 : a.port - b.port));
  }

  view(): KubeProxyView {
    return { kind: 'kube-proxy', synced: this.services.synced && this.slices.synced, rules: this.rules() };
  }
}
