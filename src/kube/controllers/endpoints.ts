// The endpoints controller (pkg/controller/endpoint): for every Service with a selector,
// an Endpoints object of the same name, stored at /registry/services/endpoints/<ns>/<name>,
// listing the matching pods' IPs: ready pods under `addresses`, the others under
// `notReadyAddresses`, terminating and finished pods left out, with the Service's ports
// resolved to the pods' target ports; one subset, addresses sorted by IP (RepackSubsets).
// Kubernetes 1.31 still runs it beside the EndpointSlice controller (kube-proxy reads the
// slices; `kubectl get endpoints` and `describe svc` read these). The `kubernetes`
// Service's Endpoints are the apiservers' own (endpoint-reconciler.ts).

import { matchesLabels } from '../api/labels';
import type { EndpointAddress, Endpoints, EndpointSubset, Pod, Service } from '../api/types';
import { isReady, same, type Controller, type ControllerContext } from './context';

/** A Service port's number on this pod: targetPort as a number, or the container port
 * of that name (a pod without it gets no address for the port, as in podutil.FindPort). */
function targetPort(port: NonNullable<Service['spec']['ports']>[number], pod: Pod): number | undefined {
  const t = port.targetPort ?? port.port;
  if (typeof t === 'number') return t;
  for (const c of pod.spec.containers) for (const p of c.ports ?? []) if (p.name === t) return p.containerPort;
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

const byIp = (a: EndpointAddress, b: EndpointAddress) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);

/** The subsets the controller wants for the Service: pods grouped by their port set. */
export function endpointSubsets(svc: Service, pods: readonly Pod[]): EndpointSubset[] {
  const groups = new Map<string, EndpointSubset & { addresses: EndpointAddress[]; notReadyAddresses: EndpointAddress[] }>();
  const ns = svc.metadata.namespace ?? 'default';
  for (const p of pods) {
    if (!p.status?.podIP || p.metadata.deletionTimestamp || p.status.phase === 'Succeeded' || p.status.phase === 'Failed') continue;
    const ports = (svc.spec.ports ?? []).flatMap((sp) => {
      const port = targetPort(sp, p);
      return port === undefined ? [] : [{ ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' }];
    });
    if ((svc.spec.ports ?? []).length > 0 && ports.length === 0) continue;
    const key = JSON.stringify(ports);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { addresses: [], notReadyAddresses: [], ports }));
    const addr: EndpointAddress = { ip: p.status.podIP, ...(p.spec.nodeName ? { nodeName: p.spec.nodeName } : {}), targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name ?? '', uid: p.metadata.uid ?? '' } };
    (isReady(p) ? g.addresses : g.notReadyAddresses).push(addr);
  }
  return [...groups.values()].map((g) => {
    g.addresses.sort(byIp);
    g.notReadyAddresses.sort(byIp);
    return {
      ...(g.addresses.length > 0 ? { addresses: g.addresses } : {}),
      ...(g.notReadyAddresses.length > 0 ? { notReadyAddresses: g.notReadyAddresses } : {}),
      ...(g.ports && g.ports.length > 0 ? { ports: g.ports } : {}),
    };
  });
}

export class EndpointsController implements Controller {
  readonly name = 'endpoint-controller';

  /** Services this controller has seen ("ns/name"): their Endpoints are its own. */
  private readonly seen = new Set<string>();

  constructor(private readonly ctx: ControllerContext) {}

  timeless(): boolean {
    return true;
  }

  sync(): void {
    const { informers } = this.ctx;
    const have = new Map<string, Endpoints>();
    for (const e of informers.endpoints.store.values()) have.set(`${e.metadata.namespace}/${e.metadata.name}`, e);
    const services = new Set<string>();
    for (const svc of informers.services.store.values()) {
      const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
      services.add(key);
      this.seen.add(key);
      if (svc.spec.selector) this.syncOne(svc, have.get(key));
    }
    // A Service deleted: its Endpoints go too (the controller's syncService, queued by
    // the delete, finds the Service gone). Endpoints without a Service this controller
    // saw (written by hand for a Service without a selector, or the apiservers'
    // `kubernetes`) are not its own and stay.
    for (const [key, e] of have) {
      if (services.has(key) || !this.seen.has(key)) continue;
      const release = this.ctx.claim(`ep-delete/${e.metadata.uid}`);
      if (!release) continue;
      this.seen.delete(key);
      this.ctx.client.request({ verb: 'delete', resource: 'endpoints', namespace: e.metadata.namespace, name: e.metadata.name }, release);
    }
  }

  private syncOne(svc: Service, current: Endpoints | undefined): void {
    const ns = svc.metadata.namespace ?? 'default';
    const pods: Pod[] = [];
    for (const p of this.ctx.informers.pods.store.values()) {
      if (p.metadata.namespace === ns && matchesLabels(svc.spec.selector, p.metadata.labels)) pods.push(p);
    }
    const subsets = endpointSubsets(svc, pods);
    const labels = svc.metadata.labels;
    if (current && same(current.subsets ?? [], subsets) && same(current.metadata.labels ?? {}, labels ?? {})) return;
    const release = this.ctx.claim(`ep/${svc.metadata.uid}`);
    if (!release) return;
    const metadata = { ...(current?.metadata ?? { name: svc.metadata.name, namespace: ns }), ...(labels ? { labels } : {}) };
    if (!labels) delete metadata.labels;
    const body = { apiVersion: 'v1', kind: 'Endpoints', metadata, ...(subsets.length > 0 ? { subsets } : {}) } as Endpoints;
    this.ctx.client.request(current ? { verb: 'update', resource: 'endpoints', namespace: ns, name: svc.metadata.name, body } : { verb: 'create', resource: 'endpoints', namespace: ns, body }, release);
  }
}
