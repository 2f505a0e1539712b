// cloud-controller-manager: the controllers that need a cloud (node, node lifecycle,
// service, route), one process per master as kubeadm runs it (a static pod), acting
// only while it holds the kube-system/cloud-controller-manager Lease. Like
// kube-controller-manager it talks to its own master's apiserver; it also talks to the
// cloud's API (the `cloud` machine). It runs only with `topology.cloud: sim`.

import type { Packet } from '../../sim/packet';
import { PORT } from '../../sim/packet';
import type { Process, Runtime } from '../../sim/process';
import type { CloudControllerManagerView } from '../../protocol/cloud';
import type { Node, Service } from '../api/types';
import { EventRecorder } from '../clientset/events';
import { Informer } from '../clientset/informer';
import { KubeClient } from '../clientset/kube-client';
import { LeaderElector, type ElectionTiming } from '../leaderelection/elector';
import { uuid } from '../scheduler/scheduler';
import type { KubeTiming } from '../specs';
import { CloudClient } from './cloud-client';
import type { CloudContext } from './context';
import { CloudNodeController, CloudNodeLifecycleController } from './node-controllers';
import { RouteController } from './route-controller';
import { ServiceController } from './service-controller';

/** The real cloud-controller-manager's secure port. */
export const CCM_PORT = 10258;

export interface CloudControllerManagerSpec {
  readonly kind: 'cloud-controller-manager';
  readonly requestTimeoutMs: number;
  readonly watchSilenceMs: number;
  readonly election: ElectionTiming;
  readonly timing: KubeTiming;
}

export class CloudControllerManager implements Process {
  readonly name = 'cloud-controller-manager';
  readonly ports = [CCM_PORT];
  private readonly client: KubeClient;
  private readonly cloud: CloudClient;
  private readonly nodes: Informer<Node>;
  private readonly services: Informer<Service>;
  private readonly elector: LeaderElector;
  private readonly controllers: { readonly name: string; sync(): void }[];
  private readonly claims = new Set<string>();

  constructor(spec: CloudControllerManagerSpec, rt: Runtime) {
    this.client = new KubeClient(rt, { host: rt.host, port: PORT.apiserver }, CCM_PORT, `cloud-controller-manager/${rt.host}`, spec.requestTimeoutMs, spec.watchSilenceMs);
    this.cloud = new CloudClient(rt, CCM_PORT, spec.requestTimeoutMs);
    const recorder = new EventRecorder(rt, this.client, 'cloud-controller-manager');
    this.nodes = new Informer<Node>(rt, this.client, 'nodes', {});
    this.services = new Informer<Service>(rt, this.client, 'services', {});
    const ctx: CloudContext = {
      rt, client: this.client, cloud: this.cloud, recorder, nodes: this.nodes, services: this.services, timing: spec.timing,
      claim: (key) => {
        if (this.claims.has(key)) return undefined;
        this.claims.add(key);
        return () => this.claims.delete(key);
      },
    };
    const service = new ServiceController(ctx);
    this.controllers = [new CloudNodeController(ctx), new CloudNodeLifecycleController(ctx), service, new RouteController(ctx)];
    this.elector = new LeaderElector(rt, this.client, 'kube-system', 'cloud-controller-manager', `${rt.host}_${uuid(rt)}`, spec.election, recorder, (leader) => {
      if (leader) service.reset();
    });
  }

  receive(packet: Packet): void {
    if (packet.kind.startsWith('cloud.')) this.cloud.receive(packet);
    else this.client.receive(packet);
  }

  tick(): void {
    this.client.tick();
    this.cloud.tick();
    this.nodes.tick();
    this.services.tick();
    this.elector.tick();
    if (!this.elector.isLeader || !this.synced) return;
    for (const c of this.controllers) c.sync();
  }

  private get synced(): boolean {
    return this.nodes.synced && this.services.synced;
  }

  view(): CloudControllerManagerView {
    return { kind: 'cloud-controller-manager', election: this.elector.view(), controllers: this.controllers.map((c) => c.name), synced: this.synced };
  }
}
