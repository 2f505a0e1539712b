// The EndpointSlice controller: for every Service with a selector, one slice
// (<service>-<5 chars>, labelled kubernetes.io/service-name) listing the pods that match,
// with their IPs and ready / serving / terminating conditions. kube-proxy programs
// its rules from these. (Real slices hold ≤ 100 endpoints each; ours are small.)

import { matchesLabels } from '../api/labels';
import type { EndpointSlice, Pod, Service } from '../api/types';
import { isReady, same, type Controller, type ControllerContext } from './context';

const SERVICE_LABEL = 'kubernetes.io/service-name';

export class EndpointSliceController implements Controller {
  readonly name = 'endpointslice-controller';

  constructor(private readonly ctx: ControllerContext) {}

  timeless(): boolean {
    return true;
  }

  sync(): void {
    const { informers } = this.ctx;
    const slices = new Map<string, EndpointSlice>();
    for (const s of informers.endpointslices.store.values()) {
      const svc = s.metadata.labels?.[SERVICE_LABEL];
      if (svc && s.metadata.labels?.['endpointslice.kubernetes.io/managed-by'] === 'endpointslice-controller.k8s.io') slices.set(`${s.metadata.namespace}/${svc}`, s);
    }
    for (const svc of informers.services.store.values()) {
      if (!svc.spec.selector) continue;
      const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
      this.syncOne(svc, slices.get(key));
      slices.delete(key);
    }
    // Slices of services that are gone.
    for (const s of slices.values()) {
      const release = this.ctx.claim(`eps-delete/${s.metadata.uid}`);
      if (release) this.ctx.client.request({ verb: 'delete', resource: 'endpointslices', namespace: s.metadata.namespace, name: s.metadata.name }, release);
    }
  }

  private syncOne(svc: Service, slice: EndpointSlice | undefined): void {
    const ns = svc.metadata.namespace ?? 'default';
    const pods: Pod[] = [];
    for (const p of this.ctx.informers.pods.store.values()) {
      if (p.metadata.namespace === ns && p.status?.podIP && matchesLabels(svc.spec.selector, p.metadata.labels)) pods.push(p);
    }
    pods.sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    const endpoints = pods.map((p) => {
      const terminating = p.metadata.deletionTimestamp !== undefined;
      const ready = isReady(p);
      return {
        addresses: [p.status!.podIP!],
        conditions: { ready: ready && !terminating, serving: ready, terminating },
        ...(p.spec.nodeName ? { nodeName: p.spec.nodeName } : {}),
        targetRef: { kind: 'Pod', namespace: ns, name: p.metadata.name ?? '', uid: p.metadata.uid ?? '' },
      };
    });
    const ports = (svc.spec.ports ?? []).map((p) => ({ name: p.name ?? '', port: typeof p.targetPort === 'number' ? p.targetPort : p.port, protocol: p.protocol ?? 'TCP' }));
    if (slice && same(slice.endpoints, endpoints) && same(slice.ports, ports)) return;
    const release = this.ctx.claim(`eps/${svc.metadata.uid}`);
    if (!release) return;
    if (slice) {
      this.ctx.client.request({ verb: 'update', resource: 'endpointslices', namespace: ns, name: slice.metadata.name, body: { ...slice, endpoints, ports } as EndpointSlice }, release);
      return;
    }
    const body: EndpointSlice = {
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: `${svc.metadata.name}-${this.ctx.randomChars(5)}`,
        namespace: ns,
        labels: { [SERVICE_LABEL]: svc.metadata.name ?? '', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name ?? '', uid: svc.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      addressType: 'IPv4',
      endpoints,
      ports,
    };
    this.ctx.client.request({ verb: 'create', resource: 'endpointslices', namespace: ns, body }, release);
  }
}
