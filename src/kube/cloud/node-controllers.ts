// The cloud-controller-manager's two node controllers (k8s.io/cloud-provider's
// controllers/node and controllers/nodelifecycle):
// - the cloud node controller initializes a Node registered with the uninitialized
//   taint: addresses from the cloud (InternalIP, ExternalIP, Hostname), spec.providerID,
//   the zone, region and instance-type labels (stable and beta names, as it sets both),
//   then removes the taint, so the scheduler may place pods there;
// - the cloud node lifecycle controller, every --node-monitor-period (5 s), asks the
//   cloud about each node that is not Ready; an instance the cloud no longer has gets its
//   Node deleted ("DeletingNode"). A node whose machine only crashed is still an
//   instance: it keeps its Node, and kube-controller-manager's taint eviction goes on.

import type { Node, Taint } from '../api/types';
import { ref } from '../controllers/context';
import { isReady, nodeName, UNINITIALIZED_TAINT, type CloudContext } from './context';

export class CloudNodeController {
  readonly name = 'cloud-node-controller';

  constructor(private readonly ctx: CloudContext) {}

  sync(): void {
    for (const n of this.ctx.nodes.store.values()) {
      if (!(n.spec.taints ?? []).some((t) => t.key === UNINITIALIZED_TAINT)) continue;
      const release = this.ctx.claim(`init/${nodeName(n)}`);
      if (!release) continue;
      this.ctx.cloud.call({ op: 'instance-metadata', node: nodeName(n) }, (a) => {
        if (!a.ok || !a.metadata) return release();
        const md = a.metadata;
        // Addresses are status: their own write first, then the spec and labels.
        this.ctx.client.request({ verb: 'updateStatus', resource: 'nodes', name: nodeName(n), body: { ...n, status: { ...n.status, addresses: [...md.nodeAddresses] } } }, (s) => {
          if (!s.ok) return release();
          const cur = s.object as Node;
          const labels = {
            ...cur.metadata.labels,
            'beta.kubernetes.io/instance-type': md.instanceType,
            'node.kubernetes.io/instance-type': md.instanceType,
            'failure-domain.beta.kubernetes.io/region': md.region,
            'failure-domain.beta.kubernetes.io/zone': md.zone,
            'topology.kubernetes.io/region': md.region,
            'topology.kubernetes.io/zone': md.zone,
          };
          const taints: Taint[] = (cur.spec.taints ?? []).filter((t) => t.key !== UNINITIALIZED_TAINT);
          const spec = { ...cur.spec, providerID: md.providerID, taints };
          if (taints.length === 0) delete (spec as { taints?: Taint[] }).taints;
          this.ctx.client.request({ verb: 'update', resource: 'nodes', name: nodeName(n), body: { ...cur, metadata: { ...cur.metadata, labels }, spec } }, release);
        });
      });
    }
  }
}

export class CloudNodeLifecycleController {
  readonly name = 'cloud-node-lifecycle-controller';
  private nextMonitor = 0;

  constructor(private readonly ctx: CloudContext) {}

  sync(): void {
    const now = this.ctx.rt.now();
    if (now < this.nextMonitor) return;
    this.nextMonitor = now + this.ctx.timing.nodeMonitorPeriodMs;
    for (const n of this.ctx.nodes.store.values()) {
      const providerID = n.spec.providerID;
      if (isReady(n) || !providerID) continue;
      const release = this.ctx.claim(`exists/${nodeName(n)}`);
      if (!release) continue;
      this.ctx.cloud.call({ op: 'instance-exists', providerID }, (a) => {
        if (!a.ok || a.exists !== false) return release();
        const name = nodeName(n);
        this.ctx.recorder.withComponent('cloud-node-lifecycle-controller').record(ref(n), 'Normal', 'DeletingNode', `Deleting node ${name} because it does not exist in the cloud provider`);
        this.ctx.client.request({ verb: 'delete', resource: 'nodes', name }, release);
      });
    }
  }
}
