// The dashboard: a web UI's backend on the client machine, like the Kubernetes
// Dashboard. It reads the cluster as every client does, through the load balancer and
// an apiserver (list + watch of Deployments, Pods, Nodes and Events), under its own
// identity (the kubernetes-dashboard ServiceAccount), and never touches etcd. Its view
// is the panel's content. It runs only when asked for (`topology.dashboard: true`,
// `?dashboard=1`): its requests would change every other run's trace.

import type { Endpoint, Packet } from '../../sim/packet';
import type { Process, Runtime } from '../../sim/process';
import { DASHBOARD_MAX_ROWS, type DashboardView } from '../../protocol/dashboard';
import type { Deployment, KubeEvent, KubeObject, Node, Pod } from '../api/types';
import { Informer } from '../clientset/informer';
import { KubeClient } from '../clientset/kube-client';

export const DASHBOARD_PORT = 40002;
const IDENTITY = 'system:serviceaccount:kubernetes-dashboard:kubernetes-dashboard';

export interface DashboardSpec {
  readonly kind: 'dashboard';
  readonly server: Endpoint;
  readonly requestTimeoutMs: number;
  readonly watchSilenceMs: number;
}

export class Dashboard implements Process {
  readonly name = 'dashboard';
  readonly ports = [DASHBOARD_PORT];
  private readonly client: KubeClient;
  private readonly deployments: Informer<Deployment>;
  private readonly pods: Informer<Pod>;
  private readonly nodes: Informer<Node>;
  private readonly events: Informer<KubeEvent>;
  /** Bumped by every informer change: the view is rebuilt only then. */
  private version = 0;
  private cached: { version: number; view: DashboardView } | undefined;

  constructor(spec: DashboardSpec, rt: Runtime) {
    this.client = new KubeClient(rt, spec.server, DASHBOARD_PORT, 'kubernetes-dashboard', spec.requestTimeoutMs, spec.watchSilenceMs);
    const bump = { onAdd: () => this.version++, onUpdate: () => this.version++, onDelete: () => this.version++ };
    this.deployments = new Informer<Deployment>(rt, this.client, 'deployments', bump);
    this.pods = new Informer<Pod>(rt, this.client, 'pods', bump);
    this.nodes = new Informer<Node>(rt, this.client, 'nodes', bump);
    this.events = new Informer<KubeEvent>(rt, this.client, 'events', bump);
  }

  receive(packet: Packet): void {
    this.client.receive(packet);
  }

  tick(): void {
    this.client.tick();
    this.deployments.tick();
    this.pods.tick();
    this.nodes.tick();
    this.events.tick();
  }

  view(): DashboardView {
    const synced = this.deployments.synced && this.pods.synced && this.nodes.synced && this.events.synced;
    const version = this.version * 2 + (synced ? 1 : 0);
    if (this.cached?.version === version) return this.cached.view;
    const view = this.build(synced);
    this.cached = { version, view };
    return view;
  }

  private build(synced: boolean): DashboardView {
    const pods = sorted(this.pods.store.values());
    const perNode = new Map<string, number>();
    for (const p of pods) if (p.spec.nodeName) perNode.set(p.spec.nodeName, (perNode.get(p.spec.nodeName) ?? 0) + 1);
    const events = [...this.events.store.values()].sort((a, b) => (stamp(b) < stamp(a) ? -1 : stamp(b) > stamp(a) ? 1 : 0)).slice(0, DASHBOARD_MAX_ROWS);
    return {
      kind: 'dashboard',
      identity: IDENTITY,
      synced,
      workloads: sorted(this.deployments.store.values()).slice(0, DASHBOARD_MAX_ROWS).map((d) => ({
        namespace: d.metadata.namespace ?? 'default',
        name: d.metadata.name ?? '',
        ready: d.status?.readyReplicas ?? 0,
        desired: d.spec.replicas ?? 1,
        images: d.spec.template.spec.containers.map((c) => c.image ?? '').join(', '),
      })),
      pods: pods.slice(0, DASHBOARD_MAX_ROWS).map((p) => ({
        namespace: p.metadata.namespace ?? 'default',
        name: p.metadata.name ?? '',
        phase: p.status?.phase ?? 'Pending',
        node: p.spec.nodeName ?? '',
        restarts: (p.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0),
        terminating: Boolean(p.metadata.deletionTimestamp),
      })),
      podCount: pods.length,
      nodes: sorted(this.nodes.store.values()).map((n) => ({
        name: n.metadata.name ?? '',
        ready: n.status?.conditions?.find((c) => c.type === 'Ready')?.status ?? 'Unknown',
        roles: Object.keys(n.metadata.labels ?? {}).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice('node-role.kubernetes.io/'.length)).join(',') || '<none>',
        zone: n.metadata.labels?.['topology.kubernetes.io/zone'] ?? '',
        pods: perNode.get(n.metadata.name ?? '') ?? 0,
      })),
      events: events.map((e) => ({
        type: e.type,
        reason: e.reason,
        object: `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name ?? ''}`,
        message: e.message,
        last: stamp(e),
        count: e.count ?? 1,
      })),
    };
  }
}

function stamp(e: KubeEvent): string {
  return e.lastTimestamp ?? e.firstTimestamp ?? e.metadata.creationTimestamp ?? '';
}

/** Namespace, then name: the Dashboard's default order. */
function sorted<T extends KubeObject>(objs: Iterable<T>): T[] {
  const key = (o: T) => `${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`;
  return [...objs].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
