// What the filters and scores add up over a node's pods, once per NodeInfo instead of
// once per pod being placed: the requests (NodeInfo.Requested / NonZeroRequested), the
// pods of each controller (PodTopologySpread's counts) and whether any pod declares pod
// (anti-)affinity (InterPodAffinity's PreScore), with the node's allocatable parsed.
// Placing 1 000 pods on 100 nodes added up every pod on every node for every pod placed
// (7.5 % of that run). A NodeInfo and its pods list are never changed once built (the
// scheduler replaces a node's NodeInfo when it assumes a pod there), so the figures are
// kept on the NodeInfo itself (`totals`, as the real NodeInfo's Requested is a field of
// it): a filter or score reads a field, not a WeakMap, for each node and pod.
//
// Sums are taken in the pods' order. Adding them to a pod's own requests first (as the
// loops they replace did) gives the same number whenever every term is an integer (cpu
// millis, bytes: exact in a double below 2^53); `integral` says so, and callers fall
// back to the loop otherwise ("0.1m" of cpu is 0.1 millis).

import { bytes, cpuMillis } from '../api/quantity';
import type { Node, Pod } from '../api/types';
import type { NodeInfo } from './plugins';
import { podRequests, type PodRequests } from './pod-requests';

export interface NodeTotals extends PodRequests {
  /** Every pod's requests are integers and so are the sums (exact in any order). */
  readonly integral: boolean;
  /** Pods not terminating, by controllerKey(namespace, controller uid). */
  readonly byController: ReadonlyMap<string, number>;
  /** Some pod on the node declares podAffinity or podAntiAffinity. */
  readonly affinityPods: boolean;
  /** The node's allocatable cpu (millis) and memory (bytes), and its pods (110 unset). */
  readonly allocCpu: number;
  readonly allocMemory: number;
  readonly maxPods: number;
}

export function controllerKey(namespace: string, uid: string): string {
  return `${namespace}\n${uid}`;
}

/** Owners whose selector DefaultSelector reads (topology-spread.ts). */
const SELECTING_OWNERS = new Set(['ReplicaSet', 'ReplicationController', 'StatefulSet']);

/** The uid of the controller whose selector selects the pod's siblings, if any. */
export function controllerUid(p: Pod): string | undefined {
  const owner = p.metadata.ownerReferences?.find((o) => o.controller);
  return owner && SELECTING_OWNERS.has(owner.kind) ? owner.uid : undefined;
}

export function nodeTotals(info: NodeInfo): NodeTotals {
  let t = info.totals;
  if (t) return t;
  let cpu = 0;
  let memory = 0;
  let cpuNonZero = 0;
  let memoryNonZero = 0;
  let integral = true;
  let affinityPods = false;
  const byController = new Map<string, number>();
  for (const p of info.pods) {
    const r = podRequests(p);
    cpu += r.cpu;
    memory += r.memory;
    cpuNonZero += r.cpuNonZero;
    memoryNonZero += r.memoryNonZero;
    if (!exact(r)) integral = false;
    if (p.spec.affinity?.podAffinity || p.spec.affinity?.podAntiAffinity) affinityPods = true;
    if (p.metadata.deletionTimestamp) continue;
    const uid = controllerUid(p);
    if (uid === undefined) continue;
    const k = controllerKey(p.metadata.namespace ?? 'default', uid);
    byController.set(k, (byController.get(k) ?? 0) + 1);
  }
  const alloc = allocatable(info.node);
  t = { cpu, memory, cpuNonZero, memoryNonZero, integral: integral && exact({ cpu, memory, cpuNonZero, memoryNonZero }), byController, affinityPods, allocCpu: alloc[0], allocMemory: alloc[1], maxPods: maxPods(info.node) };
  info.totals = t;
  return t;
}

function maxPods(node: Node): number {
  return Number(node.status?.allocatable?.pods ?? 110);
}

/** Every figure a non-negative integer that a double holds exactly: sums of such
 * figures are exact in any order while the total is. */
export function exact(r: PodRequests): boolean {
  return whole(r.cpu) && whole(r.memory) && whole(r.cpuNonZero) && whole(r.memoryNonZero);
}

function whole(x: number): boolean {
  return Number.isSafeInteger(x) && x >= 0;
}

const allocatableCache = new WeakMap<Node, readonly [number, number]>();

/** A node's allocatable cpu (millis) and memory (bytes), parsed once per Node object
 * (the filters and the scores ask for every node for every pod placed). */
export function allocatable(node: Node): readonly [number, number] {
  let a = allocatableCache.get(node);
  if (!a) {
    const alloc = node.status?.allocatable ?? {};
    a = [cpuMillis(alloc.cpu ?? '0'), bytes(alloc.memory ?? '0')];
    allocatableCache.set(node, a);
  }
  return a;
}
