// PodGC's orphan pass (pkg/controller/podgc, gcOrphaned): every gcCheckPeriod (20 s) it
// looks for pods bound to a node the nodes informer does not have; such a node is
// quarantined (40 s: it may only be late in the informer), and if it is still missing
// then, its pods are force-deleted (grace period 0): no kubelet is left to confirm. That
// is how the pods of a Node deleted by the cloud node lifecycle controller (its instance
// was terminated) go at once, while a node that only stopped answering keeps its Node
// and its evicted pods stay Terminating.

import type { Controller, ControllerContext } from './context';

export class PodGarbageCollector implements Controller {
  readonly name = 'pod-garbage-collector';
  private nextRun = 0;
  /** Missing node → when this controller first saw it missing. */
  private readonly quarantined = new Map<string, number>();

  constructor(private readonly ctx: ControllerContext) {}

  sync(): void {
    const now = this.ctx.rt.now();
    if (now < this.nextRun) return;
    this.nextRun = now + this.ctx.timing.podGcPeriodMs;
    const { pods, nodes } = this.ctx.informers;
    if (!pods.synced || !nodes.synced) return;
    const missing = new Set<string>();
    for (const p of pods.store.values()) {
      const node = p.spec.nodeName;
      if (node && !nodes.get(node)) missing.add(node);
    }
    for (const n of [...this.quarantined.keys()]) if (!missing.has(n)) this.quarantined.delete(n);
    for (const n of missing) if (!this.quarantined.has(n)) this.quarantined.set(n, now);
    for (const p of pods.store.values()) {
      const node = p.spec.nodeName;
      const since = node ? this.quarantined.get(node) : undefined;
      if (since === undefined || now - since < this.ctx.timing.podGcQuarantineMs) continue;
      const release = this.ctx.claim(`podgc/${p.metadata.uid}`);
      if (!release) continue;
      this.ctx.client.request({ verb: 'delete', resource: 'pods', namespace: p.metadata.namespace, name: p.metadata.name, gracePeriodSeconds: 0 }, release);
    }
  }
}
