// Services as kube-proxy sees them (pure): what the graph draws as a Service shape with
// arrows to its endpoints. The source is every live node's kube-proxy view (the rules it
// programmed from the EndpointSlices in its informer cache), not the apiserver: a
// kube-proxy that has not caught up (cut off, or its watch behind) keeps its old rules,
// and the picture shows that endpoint as stale instead of quietly agreeing with the API.

import { liveView } from '../../protocol/crashed';
import type { MachineState } from '../../protocol/frames';
import type { KubeProxyView, PodSummary, ProxyRule } from '../../protocol/kube-views';

export interface EndpointArrow {
  /** The pod behind the endpoint ("default/web-…-x2x9q"), or the address when no pod
   * the API knows has it (the `kubernetes` Service's apiservers, a deleted pod's address
   * a stale kube-proxy still has). */
  readonly key: string;
  readonly pod?: string;
  /** The node the EndpointSlice says the endpoint runs on. */
  readonly node?: string;
  /** "10.244.1.5:80" (one per Service port). */
  readonly addresses: readonly string[];
  /** The nodes whose kube-proxy load-balances to it. */
  readonly on: readonly string[];
  /** The nodes whose kube-proxy knows the Service but not this endpoint. */
  readonly missing: readonly string[];
}

export interface ServiceShape {
  /** "default/web". */
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly type: string;
  readonly clusterIP: string;
  /** "80/TCP", one per port. */
  readonly ports: readonly string[];
  readonly externalIP?: string;
  readonly endpoints: readonly EndpointArrow[];
  /** The nodes whose kube-proxy has programmed this Service. */
  readonly programmedOn: readonly string[];
  /** Live kube-proxies in all (with or without this Service). */
  readonly proxies: number;
}

/** Whether the nodes' kube-proxies disagree about this endpoint. */
export function isStale(e: EndpointArrow): boolean {
  return e.missing.length > 0;
}

interface Acc {
  rule: ProxyRule;
  ports: Set<string>;
  nodes: Set<string>;
  eps: Map<string, { pod?: string; node?: string; addresses: Set<string>; on: Set<string> }>;
}

/** The Services programmed by the kube-proxies of the machines that are up, sorted by
 * namespace/name. An endpoint is an address; the pod behind it (and its node) is the
 * API's pod with that IP (`pods`), so kube-proxy's views stay the plain rules they are.
 * `skip` leaves some Services out (the graph leaves out `default/kubernetes`). */
export function serviceShapes(machines: Readonly<Record<string, MachineState>>, pods: readonly PodSummary[], skip: readonly string[] = []): ServiceShape[] {
  const byIp = new Map<string, PodSummary>();
  for (const p of pods) if (p.ip && !p.mirror && !(byIp.get(p.ip) && p.terminating)) byIp.set(p.ip, p);
  const acc = new Map<string, Acc>();
  let proxies = 0;
  for (const name of Object.keys(machines).sort()) {
    const m = machines[name]!;
    if (m.status !== 'up') continue;
    const view = liveView<KubeProxyView>(m.processes?.['kube-proxy']);
    if (view?.kind !== 'kube-proxy' || !view.synced) continue;
    proxies++;
    for (const rule of view.rules) {
      if (skip.includes(rule.service)) continue;
      let a = acc.get(rule.service);
      if (!a) acc.set(rule.service, (a = { rule, ports: new Set(), nodes: new Set(), eps: new Map() }));
      a.ports.add(`${rule.port}/${rule.protocol}`);
      a.nodes.add(name);
      for (const address of rule.endpoints) {
        const ip = address.slice(0, address.lastIndexOf(':'));
        const pod = byIp.get(ip);
        const key = pod ? `${pod.namespace}/${pod.name}` : ip;
        let e = a.eps.get(key);
        if (!e) a.eps.set(key, (e = { ...(pod ? { pod: key } : {}), ...(pod?.node ? { node: pod.node } : {}), addresses: new Set(), on: new Set() }));
        e.addresses.add(address);
        e.on.add(name);
      }
    }
  }
  const out: ServiceShape[] = [];
  for (const [key, a] of acc) {
    const [namespace = '', name = ''] = key.split('/');
    const programmedOn = [...a.nodes];
    out.push({
      key, namespace, name, type: a.rule.type ?? 'ClusterIP', clusterIP: a.rule.clusterIP, ports: [...a.ports],
      ...(a.rule.externalIP ? { externalIP: a.rule.externalIP } : {}),
      endpoints: [...a.eps].sort(([x], [y]) => x.localeCompare(y)).map(([k, e]) => ({
        key: k, ...(e.pod ? { pod: e.pod } : {}), ...(e.node ? { node: e.node } : {}),
        addresses: [...e.addresses].sort(), on: [...e.on], missing: programmedOn.filter((n) => !e.on.has(n)),
      })),
      programmedOn, proxies,
    });
  }
  return out.sort((x, y) => x.key.localeCompare(y.key));
}
