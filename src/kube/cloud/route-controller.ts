// The route controller (k8s.io/cloud-provider controllers/route): every 10 s
// (--route-reconciliation-period) it lists the cloud's route table and makes it match
// the nodes: a route for each node's pod CIDR to that node's instance, none for a node
// that is gone. This is how pods on different nodes reach each other on a cloud whose
// network routes by CIDR (kubenet-style), instead of an overlay.

import type { CloudRoute } from '../../protocol/cloud';
import { nodeName, type CloudContext } from './context';

const RECONCILE_MS = 10_000;

export class RouteController {
  readonly name = 'route-controller';
  private nextRun = 0;

  constructor(private readonly ctx: CloudContext) {}

  sync(): void {
    const now = this.ctx.rt.now();
    if (now < this.nextRun) return;
    const release = this.ctx.claim('routes');
    if (!release) return;
    this.nextRun = now + RECONCILE_MS;
    this.ctx.cloud.call({ op: 'list-routes' }, (a) => {
      release();
      if (a.ok) this.reconcile(a.routes ?? []);
    });
  }

  private reconcile(routes: readonly CloudRoute[]): void {
    const nodes = [...this.ctx.nodes.store.values()];
    for (const n of nodes) {
      const cidr = n.spec.podCIDR;
      if (!cidr || routes.some((r) => r.node === nodeName(n) && r.destinationCIDR === cidr)) continue;
      this.ctx.cloud.call({ op: 'create-route', node: nodeName(n), cidr }, () => {});
    }
    const names = new Set(nodes.map(nodeName));
    for (const r of routes) if (!names.has(r.node)) this.ctx.cloud.call({ op: 'delete-route', node: r.node }, () => {});
  }
}
