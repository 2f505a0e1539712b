// The scheduler's cache and the queue's feed, kept by the pods informer's handlers
// instead of walking every pod every tick (pkg/scheduler/backend/cache and
// eventhandlers.go). The real cache keeps a NodeInfo per node, bumps its generation when
// a pod is added, assumed or removed there, and UpdateSnapshot copies only the NodeInfos
// whose generation moved; the scheduling queue is fed by the informer's add/update/delete
// of unscheduled pods. Here:
// - each node's pods are kept by key, and a node whose pods or Node object changed is
//   rebuilt at the next snapshot; the others keep their NodeInfo object, so node-totals'
//   per-NodeInfo memo survives from tick to tick;
// - a node whose pods changed only in what no filter or score adds up (a kubelet's
//   status write, the binding of a pod assumed there: the same requests, controller,
//   pod affinity, namespace and deletion mark) keeps its figures (node-totals.ts) in the
//   rebuilt NodeInfo instead of adding up its pods again, as the real NodeInfo.update
//   takes a pod's requests out and puts the same back;
// - a NodeInfo lists its pods in the informer store's order (the order the full walk
//   it replaces gave): every key gets a sequence number when the store first holds it,
//   and a rebuilt node sorts its pods by it;
// - `pending` holds the keys of the pods this scheduler must place (no nodeName, not
//   terminating, schedulerName default-scheduler); the process still leaves out the
//   assumed ones and applies the backoff.

import type { Node, Pod } from '../api/types';
import { objectKey } from '../clientset/informer';
import { controllerUid } from './node-totals';
import type { NodeInfo } from './plugins';

export class SchedulerCache {
  /** Store order: the sequence number each pod key got when the store first held it. */
  private readonly seq = new Map<string, number>();
  private nextSeq = 0;
  /** The pods counted on each node (bound there, or assumed there), by key. */
  private readonly byNode = new Map<string, Map<string, Pod>>();
  /** Where each counted pod is counted. */
  private readonly nodeOf = new Map<string, string>();
  /** Nodes whose pods changed since their NodeInfo was built. */
  private readonly dirty = new Set<string>();
  /** Of those, the nodes whose figures changed too (a pod came or went, or changed in
   * what nodeTotals adds up): their new NodeInfo adds up its pods again. */
  private readonly recount = new Set<string>();
  /** The last snapshot's NodeInfo per node name. */
  private readonly infos = new Map<string, NodeInfo>();
  /** Keys of the pods waiting for this scheduler to place them. */
  readonly pending = new Map<string, Pod>();

  /** The informer's store now holds `pod` under `key` (an add or an update); `assumedOn`
   * is the node the scheduler assumed it on, if any. */
  set(key: string, pod: Pod, assumedOn: string | undefined): void {
    if (!this.seq.has(key)) this.seq.set(key, this.nextSeq++);
    if (!pod.spec.nodeName && !pod.metadata.deletionTimestamp && (pod.spec.schedulerName ?? 'default-scheduler') === 'default-scheduler') this.pending.set(key, pod);
    else this.pending.delete(key);
    const node = pod.spec.nodeName ?? assumedOn;
    const terminal = pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
    this.place(key, node && !terminal ? node : undefined, pod);
  }

  /** The informer's store no longer holds `key`. */
  delete(key: string): void {
    this.seq.delete(key);
    this.pending.delete(key);
    this.place(key, undefined, undefined);
  }

  /** Counts `key` on `node` (undefined: on none), as `pod`. */
  private place(key: string, node: string | undefined, pod: Pod | undefined): void {
    const was = this.nodeOf.get(key);
    if (was !== undefined && was !== node) {
      this.byNode.get(was)?.delete(key);
      this.dirty.add(was);
      this.recount.add(was);
      this.nodeOf.delete(key);
    }
    if (node === undefined || pod === undefined) return;
    let pods = this.byNode.get(node);
    if (!pods) this.byNode.set(node, (pods = new Map()));
    const before = pods.get(key);
    if (before !== pod) {
      pods.set(key, pod);
      this.dirty.add(node);
      if (before === undefined || !sameFigures(before, pod)) this.recount.add(node);
    }
    this.nodeOf.set(key, node);
  }

  /** The last snapshot (in name order), the nodes informer's version it was taken at,
   * and each node's place in it. */
  private last: { readonly version: number; readonly infos: NodeInfo[]; readonly at: ReadonlyMap<string, number> } | undefined;

  /** One NodeInfo per node, by node name; a NodeInfo is rebuilt only when its Node
   * object or its pods changed since the last snapshot. `version`: the nodes informer's
   * version (it moves whenever a Node is added, changed or deleted): while it stays, the
   * nodes are those of the last snapshot, in the same order, and only the nodes whose
   * pods changed are rebuilt (the scheduler asks every tick while pods wait, and assumes
   * a pod on some node each time). The array is the caller's to change. */
  snapshot(nodes: Iterable<Node>, version?: number): NodeInfo[] {
    const last = this.last;
    if (version !== undefined && last?.version === version) {
      for (const name of this.dirty) {
        const i = last.at.get(name);
        if (i === undefined) continue;
        const was = last.infos[i]!;
        const info: NodeInfo = { node: was.node, pods: this.podsOn(name), totals: this.recount.has(name) ? undefined : was.totals };
        last.infos[i] = info;
        this.infos.set(name, info);
      }
      this.dirty.clear();
      this.recount.clear();
      return [...last.infos];
    }
    const sorted = [...nodes].sort((a, b) => cmp(a.metadata.name, b.metadata.name));
    const out: NodeInfo[] = [];
    const seen = new Set<string>();
    for (const node of sorted) {
      const name = node.metadata.name ?? '';
      seen.add(name);
      let info = this.infos.get(name);
      if (!info || info.node !== node || this.dirty.has(name)) {
        // (The figures include the Node's allocatable: a new Node object adds up again.)
        const keep = info !== undefined && info.node === node && !this.recount.has(name);
        info = { node, pods: this.podsOn(name), totals: keep ? info!.totals : undefined };
        this.infos.set(name, info);
        this.dirty.delete(name);
      }
      out.push(info);
    }
    for (const name of this.infos.keys()) if (!seen.has(name)) this.infos.delete(name);
    // Pods counted on a node the informer does not have: its NodeInfo is built afresh
    // when it comes (it has none), so the mark is not needed.
    this.dirty.clear();
    this.recount.clear();
    this.last = version === undefined ? undefined : { version, infos: [...out], at: new Map(out.map((info, i) => [info.node.metadata.name ?? '', i])) };
    return out;
  }

  private podsOn(node: string): Pod[] {
    const pods = this.byNode.get(node);
    if (!pods || pods.size === 0) return [];
    const keyed = [...pods].map(([k, p]) => ({ s: this.seq.get(k) ?? Infinity, p }));
    keyed.sort((a, b) => a.s - b.s);
    return keyed.map((x) => x.p);
  }
}

/** The two objects of a pod give the same figures in nodeTotals: the same containers'
 * cpu and memory requests (the same texts), controller, namespace, pod (anti-)affinity
 * declared or not, and deletion mark. Compared without parsing or allocating: this runs
 * for every pod update of every scheduler. */
export function sameFigures(a: Pod, b: Pod): boolean {
  if ((a.metadata.namespace ?? 'default') !== (b.metadata.namespace ?? 'default')) return false;
  if (Boolean(a.metadata.deletionTimestamp) !== Boolean(b.metadata.deletionTimestamp)) return false;
  if (Boolean(a.spec.affinity?.podAffinity || a.spec.affinity?.podAntiAffinity) !== Boolean(b.spec.affinity?.podAffinity || b.spec.affinity?.podAntiAffinity)) return false;
  if (controllerUid(a) !== controllerUid(b)) return false;
  const x = a.spec.containers;
  const y = b.spec.containers;
  if (x === y) return true;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    const p = x[i]!.resources?.requests;
    const q = y[i]!.resources?.requests;
    if (p?.cpu !== q?.cpu || p?.memory !== q?.memory) return false;
  }
  return true;
}

/** Rebuilds what the cache holds from the store (the full walk, for tests). */
export function fullNodeInfos(store: Iterable<Pod>, nodes: Iterable<Node>, assumed: ReadonlyMap<string, string>): NodeInfo[] {
  const byNode = new Map<string, Pod[]>();
  const sorted = [...nodes].sort((a, b) => cmp(a.metadata.name, b.metadata.name));
  for (const n of sorted) byNode.set(n.metadata.name ?? '', []);
  for (const p of store) {
    const node = p.spec.nodeName ?? assumed.get(objectKey(p));
    if (!node || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    byNode.get(node)?.push(p);
  }
  return sorted.map((node) => ({ node, pods: byNode.get(node.metadata.name ?? '') ?? [] }));
}

function cmp(a: string | undefined, b: string | undefined): number {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}
