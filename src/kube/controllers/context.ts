// What every controller of kube-controller-manager shares: the client, the event
// recorder, the informers (one per resource, as a SharedInformerFactory gives), the
// timings and the sim clock. Controllers keep no I/O of their own.

import type { Runtime } from '../../sim/process';
import type { ConfigMap, Deployment, Endpoints, EndpointSlice, KubeObject, Lease, Namespace, Node, Pod, ReplicaSet, Secret, Service, ServiceAccount } from '../api/types';
import type { CronJob, Job } from '../api/batch-types';
import type { EventRecorder } from '../clientset/events';
import type { Informer } from '../clientset/informer';
import type { ApiClient } from '../clientset/kube-client';
import type { KubeTiming } from '../specs';
import type { OwnerIndex } from './owner-index';

export interface Informers {
  readonly pods: Informer<Pod>;
  readonly nodes: Informer<Node>;
  readonly deployments: Informer<Deployment>;
  readonly replicasets: Informer<ReplicaSet>;
  readonly services: Informer<Service>;
  readonly endpoints: Informer<Endpoints>;
  readonly endpointslices: Informer<EndpointSlice>;
  readonly namespaces: Informer<Namespace>;
  readonly serviceaccounts: Informer<ServiceAccount>;
  readonly secrets: Informer<Secret>;
  readonly configmaps: Informer<ConfigMap>;
  readonly leases: Informer<Lease>;
  readonly jobs: Informer<Job>;
  readonly cronjobs: Informer<CronJob>;
}

export interface ControllerContext {
  readonly rt: Runtime;
  readonly client: ApiClient;
  readonly recorder: EventRecorder;
  readonly informers: Informers;
  /** The pods informer's pods by controlling owner, kept by its handlers. */
  readonly podsByOwner: OwnerIndex<Pod>;
  readonly timing: KubeTiming;
  randomChars(n: number): string;
  /** Claims `key` for one request in flight: returns the release function, or
   * undefined when a request for the same key is still out (no duplicate writes from
   * a cache that has not caught up yet). */
  claim(key: string): (() => void) | undefined;
  /** Changes whenever any informer's store (but the leases', see the manager) or any
   * claim changed: equal stamps mean the timeless controllers' inputs are the same. A
   * controller that skips on it must not read Leases. */
  stamp(): number;
}

export interface Controller {
  readonly name: string;
  /** Called every tick while this manager leads; cheap when nothing changed. */
  sync(): void;
  /** True when, right now, the sync reads only the informers and the claims (no timer,
   * no expectation running out): then a sync that sent nothing finds nothing again
   * until the stamp moves, and the manager skips it, as the real controllers sleep
   * until an event queues work. */
  timeless?(): boolean;
}

export function ref(o: KubeObject): { kind: string; namespace?: string; name: string; uid: string; apiVersion: string } {
  return { kind: o.kind, apiVersion: o.apiVersion, ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}), name: o.metadata.name ?? '', uid: o.metadata.uid ?? '' };
}

export function controllerOf(o: KubeObject): string | undefined {
  return o.metadata.ownerReferences?.find((r) => r.controller)?.uid;
}

export function isActive(p: Pod): boolean {
  return !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
}

export function isReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

/** The same JSON means the same object for "did anything change" checks. */
export function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
