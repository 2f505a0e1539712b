// The small controllers: ServiceAccount (a `default` account in every namespace),
// node IPAM (a /24 pod CIDR per node from 10.244.0.0/16, --allocate-node-cidrs as
// kubeadm's flannel setup uses), and the garbage collector (dependents whose owner is
// gone are deleted: delete a Deployment and its ReplicaSets and pods follow).

import type { KubeObject, Node, ServiceAccount } from '../api/types';
import type { ResourceName } from '../api/resources';
import type { Controller, ControllerContext } from './context';

export class ServiceAccountController implements Controller {
  readonly name = 'serviceaccount-controller';

  constructor(private readonly ctx: ControllerContext) {}

  timeless(): boolean {
    return true;
  }

  sync(): void {
    const { informers } = this.ctx;
    for (const ns of informers.namespaces.store.values()) {
      const name = ns.metadata.name ?? '';
      if (ns.metadata.deletionTimestamp || informers.serviceaccounts.get(`${name}/default`)) continue;
      const release = this.ctx.claim(`sa/${name}`);
      if (!release) continue;
      const sa: ServiceAccount = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } };
      this.ctx.client.request({ verb: 'create', resource: 'serviceaccounts', namespace: name, body: sa }, release);
    }
  }
}

export class NodeIpamController implements Controller {
  readonly name = 'node-ipam-controller';

  constructor(private readonly ctx: ControllerContext) {}

  timeless(): boolean {
    return true;
  }

  sync(): void {
    // Only a node without a pod CIDR is acted on: while every node has one (nearly
    // always), no sorted copy of every node on each sync.
    let waiting = false;
    for (const n of this.ctx.informers.nodes.store.values()) {
      if (n.spec.podCIDR) continue;
      waiting = true;
      break;
    }
    if (!waiting) return;
    const nodes = [...this.ctx.informers.nodes.store.values()].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
    const used = new Set(nodes.map((n) => n.spec.podCIDR).filter(Boolean));
    // The lowest free /24 for each node in turn: `used` only grows, so the next free one
    // is never below the last one found, and the search goes on from there (from 0 for
    // each node, 100 nodes registering at once made ~5 000 strings a sync).
    let i = 0;
    for (const n of nodes) {
      if (n.spec.podCIDR) continue;
      while (used.has(`10.244.${i}.0/24`)) i++;
      const cidr = `10.244.${i}.0/24`;
      used.add(cidr);
      const release = this.ctx.claim(`ipam/${n.metadata.name}`);
      if (!release) continue;
      // A merge patch, as the range allocator's PatchNodeCIDRs: no resourceVersion, so the
      // kubelet's and node lifecycle's writes to the same Node in the meantime do not
      // make it a 409 to retry (100 nodes registering at once kept some without a pod
      // network for seconds).
      const body = { apiVersion: 'v1', kind: 'Node', metadata: { name: n.metadata.name }, spec: { podCIDR: cidr, podCIDRs: [cidr] } } as Node;
      this.ctx.client.request({ verb: 'patch', resource: 'nodes', name: n.metadata.name, body }, release);
    }
  }
}

/** The stores whose objects the collector deletes when their owners are gone, in the
 * order a pass walks them; owners are looked up in these and the Nodes (mirror pods). */
const GC_RESOURCES = ['deployments', 'replicasets', 'pods', 'services', 'endpointslices', 'jobs', 'cronjobs'] as const;

export class GarbageCollector implements Controller {
  readonly name = 'garbage-collector';
  private nextRun = 0;
  /** Something may have become an orphan since the last pass: an object came or changed
   * with owners none of which `observe` found, or an object left a store (it may have
   * owned some). The real collector's GraphBuilder works from the same events: it looks
   * at an object's owners when the object is added or updated and at its dependents
   * when it is deleted, instead of walking every object. */
  private dirty = true;
  /** Orphans the last pass found (deleted or still in flight). */
  private orphans = 0;

  constructor(private readonly ctx: ControllerContext) {}

  /** An informer's handler saw `o` added or updated (manager.ts). */
  observe(o: KubeObject): void {
    if (this.dirty) return;
    const owners = o.metadata.ownerReferences;
    if (!owners || owners.length === 0 || o.metadata.deletionTimestamp) return;
    for (const r of owners) if (this.holds(r.kind, o.metadata.namespace, r.name, r.uid)) return;
    this.dirty = true;
  }

  /** An informer's handler saw an object deleted. */
  deleted(): void {
    this.dirty = true;
  }

  /** The owner's store holds it under that uid (else it may be gone, or of a kind no
   * store here lists: the pass decides). */
  private holds(kind: string, namespace: string | undefined, name: string, uid: string): boolean {
    // Each of those kinds is listed by its lower-case plural (ReplicaSet: replicasets).
    const resource = `${kind.toLowerCase()}s` as (typeof GC_RESOURCES)[number] | 'nodes';
    if (resource !== 'nodes' && !GC_RESOURCES.includes(resource)) return false;
    return this.ctx.informers[resource].store.get(resource === 'nodes' ? name : `${namespace}/${name}`)?.metadata.uid === uid;
  }

  sync(): void {
    const now = this.ctx.rt.now();
    if (now < this.nextRun) return;
    this.nextRun = now + 1000;
    // No object can be an orphan: a pass would send nothing.
    if (!this.dirty && this.orphans === 0) return;
    // A pass reads only the informers and the claims: one that sent nothing finds
    // nothing again until the stamp moves.
    const stamp = this.ctx.stamp();
    if (this.idleAt === stamp) return;
    const sent = this.ctx.client.sent;
    this.pass();
    this.idleAt = this.ctx.client.sent === sent && this.ctx.stamp() === stamp ? stamp : undefined;
  }

  /** The stamp of the last pass that sent nothing. */
  private idleAt: number | undefined;

  private pass(): void {
    const { informers } = this.ctx;
    // Only after every informer has its list: a missing owner in a half-filled cache is
    // not a deleted owner.
    const all = GC_RESOURCES.map((r): [ResourceName, Map<string, KubeObject>] => [r, informers[r].store]);
    if (!GC_RESOURCES.every((r) => informers[r].synced)) return;
    const uids = new Set<string>();
    for (const [, store] of all) for (const o of store.values()) if (o.metadata.uid) uids.add(o.metadata.uid);
    // Mirror pods are owned by their Node.
    if (!informers.nodes.synced) return;
    for (const n of informers.nodes.store.values()) if (n.metadata.uid) uids.add(n.metadata.uid);
    this.dirty = false;
    this.orphans = 0;
    for (const [resource, store] of all) {
      for (const o of store.values()) {
        const owners = o.metadata.ownerReferences ?? [];
        if (owners.length === 0 || o.metadata.deletionTimestamp || owners.some((r) => uids.has(r.uid))) continue;
        this.orphans++;
        const release = this.ctx.claim(`gc/${o.metadata.uid}`);
        if (release) this.ctx.client.request({ verb: 'delete', resource, namespace: o.metadata.namespace, name: o.metadata.name }, release);
      }
    }
  }
}
