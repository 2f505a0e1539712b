// The service controller (k8s.io/cloud-provider controllers/service): a Service of type
// LoadBalancer gets a cloud load balancer (EnsureLoadBalancer) whose pool is the Ready
// nodes not labelled node.kubernetes.io/exclude-from-external-load-balancers, and its
// external IP goes into status.loadBalancer.ingress (EXTERNAL-IP in `kubectl get svc`,
// `<pending>` until then). The pool follows the nodes ("UpdatedLoadBalancer"); a Service
// deleted or no longer of type LoadBalancer loses its load balancer.

import type { Service } from '../api/types';
import { ref } from '../controllers/context';
import { isReady, nodeName, type CloudContext } from './context';

const EXCLUDE = 'node.kubernetes.io/exclude-from-external-load-balancers';

export class ServiceController {
  readonly name = 'service-controller';
  /** Service key → the pool last ensured (this leader's memory; the cloud keeps the LB). */
  private readonly ensured = new Map<string, string>();

  constructor(private readonly ctx: CloudContext) {}

  reset(): void {
    this.ensured.clear();
  }

  sync(): void {
    const pool = [...this.ctx.nodes.store.values()].filter((n) => isReady(n) && n.metadata.labels?.[EXCLUDE] === undefined).map(nodeName).sort();
    const poolKey = pool.join(',');
    const wanted = new Set<string>();
    for (const svc of this.ctx.services.store.values()) {
      if (svc.spec.type !== 'LoadBalancer' || svc.metadata.deletionTimestamp) continue;
      const key = `${svc.metadata.namespace ?? 'default'}/${svc.metadata.name ?? ''}`;
      wanted.add(key);
      const hasIp = ingressIp(svc) !== undefined;
      if (hasIp && this.ensured.get(key) === poolKey) continue;
      this.ensure(svc, key, pool, poolKey, hasIp);
    }
    for (const key of [...this.ensured.keys()]) {
      if (wanted.has(key)) continue;
      const release = this.ctx.claim(`lb/${key}`);
      if (!release) continue;
      this.ctx.cloud.call({ op: 'delete-lb', service: key }, (a) => {
        release();
        if (a.ok) this.ensured.delete(key);
      });
    }
  }

  private ensure(svc: Service, key: string, pool: readonly string[], poolKey: string, update: boolean): void {
    const release = this.ctx.claim(`lb/${key}`);
    if (!release) return;
    const events = this.ctx.recorder.withComponent('service-controller');
    if (!update) events.record(ref(svc), 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer');
    this.ctx.cloud.call({ op: 'ensure-lb', service: key, nodes: pool }, (a) => {
      if (!a.ok || !a.ip) return release();
      const ip = a.ip;
      if (update) {
        this.ensured.set(key, poolKey);
        events.record(ref(svc), 'Normal', 'UpdatedLoadBalancer', `Updated load balancer with new hosts`);
        return release();
      }
      const cur = this.ctx.services.get(key) ?? svc;
      const status = { ...cur.status, loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
      this.ctx.client.request({ verb: 'updateStatus', resource: 'services', namespace: cur.metadata.namespace, name: cur.metadata.name, body: { ...cur, status } }, (r) => {
        release();
        if (!r.ok) return;
        this.ensured.set(key, poolKey);
        events.record(ref(svc), 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer');
      });
    });
  }
}

function ingressIp(svc: Service): string | undefined {
  const ingress = (svc.status?.loadBalancer?.ingress ?? []) as { ip?: string }[];
  return ingress[0]?.ip;
}
