// The node lifecycle controller and the taint-based eviction it drives. Every
// --node-monitor-period (5 s) it checks each node's heartbeats — the node Lease's
// renewTime and the Ready condition's lastHeartbeatTime, timed by *this* controller's
// clock when it saw them change. A node silent for the grace period (40 s) gets every
// condition set to Unknown ("Kubelet stopped posting node status.") and the taints
// node.kubernetes.io/unreachable:NoSchedule and :NoExecute; its pods are marked not
// Ready. The eviction side then deletes each pod on a NoExecute-tainted node once its
// toleration runs out (DefaultTolerationSeconds gives 300 s): TaintManagerEviction.
// Each monitor pass also records, as node-controller, RegisteredNode for a node it has
// not seen before and RemovingNode for one that is gone (a new leader starts with none
// known, so it registers every node again, as a restarted controller-manager does).

import { parseTimestamp, timestamp } from '../api/time';
import type { Lease, Node, NodeCondition, Pod, Taint, Toleration } from '../api/types';
import { isActive, ref, type Controller, type ControllerContext } from './context';

const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

interface Health {
  /** What we last saw of the heartbeats, and when (our clock). */
  leaseRenew: string;
  readyHeartbeat: string;
  seenAt: number;
}

/** The conditions monitorNodeHealth sets Unknown on a node whose kubelet never posted. */
const NEVER_POSTED = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure'] as const;

/** The taints this controller manages (module scope: no closure per node and pass). */
function ours(t: Taint): boolean {
  return t.key === UNREACHABLE || t.key === NOT_READY || t.key === UNSCHEDULABLE;
}

function readyOf(n: Node): NodeCondition | undefined {
  return n.status?.conditions?.find((c) => c.type === 'Ready');
}

function tolerates(t: Toleration, taint: Taint): boolean {
  if (t.effect && t.effect !== taint.effect) return false;
  if (t.operator === 'Exists') return !t.key || t.key === taint.key;
  return t.key === taint.key && (t.value ?? '') === (taint.value ?? '');
}

export class NodeLifecycleController implements Controller {
  readonly name = 'node-lifecycle-controller';
  private readonly health = new Map<string, Health>();
  /** knownNodeSet: the nodes this leader has recorded RegisteredNode for. */
  private readonly known = new Map<string, Node>();
  private nextMonitor = 0;

  constructor(private readonly ctx: ControllerContext) {}

  /** On becoming leader: every node starts with a fresh grace period, as the real one
   * starts counting when it first sees a node. */
  reset(): void {
    this.health.clear();
    this.known.clear();
  }

  sync(): void {
    const now = this.ctx.rt.now();
    if (now >= this.nextMonitor) {
      this.nextMonitor = now + this.ctx.timing.nodeMonitorPeriodMs;
      this.classify();
      for (const n of this.ctx.informers.nodes.store.values()) this.monitor(n, now);
    }
    // The taints follow the Ready condition as soon as it changes (the real controller
    // runs its tainting pass from a work queue, within a fraction of a second). That
    // pass reads only the informers and the claims, and eviction moves with the clock
    // only while some node has a NoExecute taint: a pass that sent nothing is not run
    // again until the stamp moves.
    const stamp = this.ctx.stamp();
    if (this.idleAt === stamp) return;
    const sent = this.ctx.client.sent;
    // Every node was found in order at this nodes version: no Node changed since, so
    // none needs a look (the stamp above also moves with every pod).
    const nodesVersion = this.ctx.informers.nodes.version;
    if (nodesVersion === undefined || this.taintsDoneAt !== nodesVersion) {
      let inOrder = true;
      for (const n of this.ctx.informers.nodes.store.values()) if (!this.reconcileTaints(n, now)) inOrder = false;
      this.taintsDoneAt = inOrder ? nodesVersion : undefined;
    }
    const timed = this.evict(now);
    this.idleAt = !timed && this.ctx.client.sent === sent && this.ctx.stamp() === stamp ? stamp : undefined;
  }

  /** Node objects whose taints were found to be what their conditions want. */
  private readonly taintsInOrder = new WeakSet<Node>();

  /** The stamp of the last taint and eviction pass that found nothing to do. */
  private idleAt: number | undefined;

  /** The nodes informer's version when every node's taints were last found in order. */
  private taintsDoneAt: number | undefined;

  /** classifyNodes: nodes added and deleted since the last pass, each recorded once
   * ("Node worker-1 event: Registered Node worker-1 in Controller"). */
  private classify(): void {
    const nodes = this.ctx.informers.nodes.store;
    const byName = new Map([...nodes.values()].map((n) => [n.metadata.name ?? '', n]));
    const recorder = this.ctx.recorder.withComponent('node-controller');
    for (const [name, n] of byName) {
      if (this.known.has(name)) continue;
      this.known.set(name, n);
      recorder.record(ref(n), 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`);
    }
    for (const [name, n] of [...this.known]) {
      if (byName.has(name)) continue;
      this.known.delete(name);
      recorder.record(ref(n), 'Normal', 'RemovingNode', `Node ${name} event: Removing Node ${name} from Controller`);
    }
  }

  private monitor(node: Node, now: number): void {
    const name = node.metadata.name ?? '';
    const lease = this.ctx.informers.leases.get(`kube-node-lease/${name}`) as Lease | undefined;
    const leaseRenew = lease?.spec.renewTime ?? '';
    const ready = readyOf(node);
    const readyHeartbeat = ready?.lastHeartbeatTime ?? '';
    let h = this.health.get(name);
    if (!h || h.leaseRenew !== leaseRenew || h.readyHeartbeat !== readyHeartbeat) {
      h = { leaseRenew, readyHeartbeat, seenAt: now };
      this.health.set(name, h);
    }
    const silent = now - h.seenAt >= this.ctx.timing.nodeMonitorGraceMs;
    if (silent && ready?.status !== 'Unknown') this.markUnknown(node, now);
  }

  private markUnknown(node: Node, now: number): void {
    const release = this.ctx.claim(`node-status/${node.metadata.name}`);
    if (!release) return;
    const ts = timestamp(now);
    const had = node.status?.conditions ?? [];
    // A Node no kubelet ever posted for (made by hand) gets the conditions a kubelet would
    // post, Unknown, as monitorNodeHealth does when the Ready condition is nil; otherwise
    // it would never be Unknown, never tainted, and the scheduler would bind pods to it.
    const conditions = had.some((c) => c.type === 'Ready')
      ? had.map((c) => (c.status === 'Unknown' ? c : { ...c, status: 'Unknown' as const, reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: ts }))
      : [...had, ...NEVER_POSTED.map((type) => ({ type, status: 'Unknown' as const, reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: node.metadata.creationTimestamp ?? ts, lastTransitionTime: ts }))];
    const name = node.metadata.name ?? '';
    this.ctx.client.request({ verb: 'updateStatus', resource: 'nodes', name, body: { ...node, status: { ...node.status, conditions } } }, (r) => {
      release();
      if (!r.ok) return;
      this.ctx.recorder.withComponent('node-controller').record(ref(node), 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`);
      this.markPodsNotReady(name);
    });
  }

  private markPodsNotReady(node: string): void {
    for (const p of this.ctx.informers.pods.store.values()) {
      if (p.spec.nodeName !== node || !isActive(p)) continue;
      const conditions = (p.status?.conditions ?? []).map((c) => (c.type === 'Ready' || c.type === 'ContainersReady' ? { ...c, status: 'False' as const, lastTransitionTime: timestamp(this.ctx.rt.now()) } : c));
      this.ctx.client.request({ verb: 'updateStatus', resource: 'pods', namespace: p.metadata.namespace, name: p.metadata.name, body: { ...p, status: { ...p.status, conditions } } }, () => {});
    }
  }

  /** The taints follow the Ready condition (Unknown → unreachable, False → not-ready,
   * both NoSchedule and NoExecute) and spec.unschedulable (a cordoned node gets
   * node.kubernetes.io/unschedulable:NoSchedule, TaintNodesByCondition). */
  private reconcileTaints(node: Node, now: number): boolean {
    // The wanted taints are a function of the Node object alone: one found in order
    // stays so (the pass runs whenever any pod changed, over every node). True when
    // the node's taints are in order.
    if (this.taintsInOrder.has(node)) return true;
    const status = readyOf(node)?.status;
    const want = status === 'Unknown' ? UNREACHABLE : status === 'False' ? NOT_READY : undefined;
    const taints = node.spec.taints ?? [];
    const have = taints.filter(ours);
    const wanted: Taint[] = [
      ...(node.spec.unschedulable ? [{ key: UNSCHEDULABLE, effect: 'NoSchedule' as const }] : []),
      ...(want ? [{ key: want, effect: 'NoSchedule' as const }, { key: want, effect: 'NoExecute' as const, timeAdded: timestamp(now) }] : []),
    ];
    const same = have.length === wanted.length && wanted.every((w) => have.some((t) => t.key === w.key && t.effect === w.effect));
    if (same) {
      this.taintsInOrder.add(node);
      return true;
    }
    const release = this.ctx.claim(`node-taints/${node.metadata.name}`);
    if (!release) return false;
    // A taint that stays keeps its timeAdded (its toleration clock must not restart).
    const added = wanted.map((w) => have.find((t) => t.key === w.key && t.effect === w.effect) ?? w);
    const spec = { ...node.spec, taints: [...taints.filter((t) => !ours(t)), ...added] };
    if (spec.taints.length === 0) delete (spec as { taints?: Taint[] }).taints;
    this.ctx.client.request({ verb: 'update', resource: 'nodes', name: node.metadata.name, body: { ...node, spec } }, release);
    return false;
  }

  /** Taint-based eviction: a pod on a node with a NoExecute taint it does not tolerate
   * goes now; one that tolerates it for N seconds goes N seconds after the taint. True
   * when some node has such a taint (the pass then depends on the clock). */
  private evict(now: number): boolean {
    const byNode = new Map<string, Taint[]>();
    for (const n of this.ctx.informers.nodes.store.values()) {
      // Most nodes have no taints at all: no filtered copy for them (every sync).
      if (!n.spec.taints || n.spec.taints.length === 0) continue;
      const ne = n.spec.taints.filter((t) => t.effect === 'NoExecute');
      if (ne.length > 0) byNode.set(n.metadata.name ?? '', ne);
    }
    if (byNode.size === 0) return false;
    for (const p of this.ctx.informers.pods.store.values()) {
      const taints = p.spec.nodeName ? byNode.get(p.spec.nodeName) : undefined;
      if (!taints || p.metadata.deletionTimestamp) continue;
      if (now >= this.evictAt(p, taints)) this.evictPod(p);
    }
    return true;
  }

  private evictAt(p: Pod, taints: Taint[]): number {
    let at = 0;
    for (const taint of taints) {
      const tol = (p.spec.tolerations ?? []).filter((t) => tolerates(t, taint));
      if (tol.length === 0) return 0;
      // Tolerated forever unless every matching toleration has a limit.
      if (tol.some((t) => t.tolerationSeconds === undefined)) continue;
      const seconds = Math.min(...tol.map((t) => t.tolerationSeconds ?? 0));
      const added = taint.timeAdded ? parseTimestamp(taint.timeAdded) : 0;
      at = Math.max(at, added + seconds * 1000);
    }
    return at === 0 ? Infinity : at;
  }

  private evictPod(p: Pod): void {
    const ns = p.metadata.namespace ?? 'default';
    const name = p.metadata.name ?? '';
    const release = this.ctx.claim(`evict/${p.metadata.uid}`);
    if (!release) return;
    this.ctx.recorder.withComponent('taint-eviction-controller').record(ref(p), 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${ns}/${name}`);
    this.ctx.client.request({ verb: 'delete', resource: 'pods', namespace: ns, name }, release);
  }
}
