// kube-controller-manager: one process running the controllers over shared informers,
// acting only while it holds the kube-system/kube-controller-manager Lease. It talks to
// its own master's apiserver (kubeadm's controller-manager.conf points there).

import type { Packet } from '../../sim/packet';
import { PORT } from '../../sim/packet';
import type { Process, Runtime } from '../../sim/process';
import { KUBE_RAND_ALPHABET } from '../api/admission';
import type { KubeObject, Pod } from '../api/types';
import { EventRecorder } from '../clientset/events';
import { Informer, objectKey } from '../clientset/informer';
import { CONTROLLER_MANAGER } from '../clientset/client-limits';
import { KubeClient } from '../clientset/kube-client';
import type { ThrottledClient } from '../clientset/throttled-client';
import { LeaderElector } from '../leaderelection/elector';
import { uuid } from '../scheduler/scheduler';
import type { ControlPlaneSpec } from '../specs';
import type { Controller, ControllerContext, Informers } from './context';
import { CronJobController, TtlAfterFinishedController } from './cronjob';
import { DeploymentController } from './deployment';
import { JobController } from './job';
import { EndpointsController } from './endpoints';
import { EndpointSliceController } from './endpointslice';
import { GarbageCollector, NodeIpamController, ServiceAccountController } from './housekeeping';
import { NodeLifecycleController } from './node-lifecycle';
import { OwnerIndex } from './owner-index';
import { PodGarbageCollector } from './podgc';
import { ReplicaSetController } from './replicaset';
import { RootCACertPublisher, TokensController } from './tokens';
import type { ControllerManagerView } from '../../protocol/kube-views';

export type { ControllerManagerView } from '../../protocol/kube-views';

export const CONTROLLER_MANAGER_PORT = 10257;

/** The controllers it runs, in order (the view lists them while none is built). */
export const CONTROLLER_NAMES = [
  'deployment-controller',
  'replicaset-controller',
  'node-lifecycle-controller',
  'endpoint-controller',
  'endpointslice-controller',
  'serviceaccount-controller',
  'serviceaccount-token-controller',
  'root-ca-cert-publisher',
  'node-ipam-controller',
  'garbage-collector',
  'pod-garbage-collector',
  'job-controller',
  'cronjob-controller',
  'ttl-after-finished-controller',
] as const;

export class KubeControllerManager implements Process {
  readonly name = 'kube-controller-manager';
  readonly ports = [CONTROLLER_MANAGER_PORT];
  private readonly client: KubeClient;
  private readonly recorder: EventRecorder;
  private readonly elector: LeaderElector;
  /** The informers and controllers, only while this manager leads: the real one builds
   * its controller context (the shared informer factory) and starts the controllers and
   * informers in OnStartedLeading, and exits when it loses the Lease
   * (cmd/kube-controller-manager/app/controllermanager.go), so a standby lists and
   * watches nothing. */
  private run: ControllerRun | undefined;

  constructor(
    private readonly spec: ControlPlaneSpec,
    private readonly rt: Runtime,
  ) {
    this.client = new KubeClient(rt, { host: rt.host, port: PORT.apiserver }, CONTROLLER_MANAGER_PORT, `kube-controller-manager/${rt.host}`, spec.requestTimeoutMs, spec.watchSilenceMs);
    // Leader election has a clientset of its own (leader_election.go: the
    // "leader-election" user agent), with --kube-api-qps / --kube-api-burst as all.
    const election = this.client.clientset('leader-election', CONTROLLER_MANAGER);
    this.recorder = new EventRecorder(rt, election, 'kube-controller-manager');
    this.elector = new LeaderElector(rt, election, 'kube-system', 'kube-controller-manager', `${rt.host}_${uuid(rt)}`, spec.election, this.recorder, (leader) => {
      if (leader) this.run ??= new ControllerRun(this.spec, this.rt, this.client, this.recorder);
      else {
        this.run?.stop();
        this.run = undefined;
      }
    });
  }

  receive(packet: Packet): void {
    this.client.receive(packet);
  }

  tick(): void {
    this.client.tick();
    this.run?.tickInformers();
    this.elector.tick();
    if (this.elector.isLeader) this.run?.sync();
  }

  view(): ControllerManagerView {
    const clients = this.client.rateViews();
    return { kind: 'kube-controller-manager', election: this.elector.view(), controllers: CONTROLLER_NAMES, synced: this.run?.synced ?? false, ...(clients ? { clients } : {}) };
  }
}

/** One leadership's controller context: the informers (one per resource, as the shared
 * informer factory gives) and the controllers over them. */
class ControllerRun {
  private readonly informers: Informers;
  /** The same informers as a list, made once (the tick runs ten times a second). */
  private readonly informerList: readonly Informer<KubeObject>[];
  /** What the controllers' stamp sums (see stamp()). */
  private readonly stampedInformers: readonly Informer<KubeObject>[];
  readonly controllers: Controller[];
  private readonly claims = new Set<string>();
  /** Bumped by every claim and release (part of the controllers' stamp). */
  private claimsVersion = 0;
  /** Per controller: the stamp of its last sync that sent nothing while timeless. */
  private readonly idleAt = new Map<Controller, number>();
  /** Every clientset of this run: the shared informers' and one per controller, each
   * with its own client-side rate limit (the ClientBuilder's ClientOrDie(name) makes a
   * new clientset from the same config: 20 QPS, burst 30 each). */
  private readonly clientsets: ThrottledClient[] = [];
  private readonly clientOf = new Map<Controller, ThrottledClient>();

  constructor(spec: ControlPlaneSpec, rt: Runtime, private readonly client: KubeClient, recorder: EventRecorder) {
    // The pods informer reports to the ReplicaSet controller, built below.
    const late: { rs?: ReplicaSetController; job?: JobController; gc?: GarbageCollector } = {};
    // What the garbage collector hears from the stores it reads (housekeeping.ts).
    const gcHandlers = { onAdd: (o: KubeObject) => late.gc?.observe(o), onUpdate: (_o: KubeObject, o: KubeObject) => late.gc?.observe(o), onDelete: () => late.gc?.deleted() };
    const informerClient = this.clientset('shared-informers');
    const podsByOwner = new OwnerIndex<Pod>();
    const inf = <T extends KubeObject>(resource: ConstructorParameters<typeof Informer>[2], handlers = {}) => new Informer<T>(rt, informerClient, resource, handlers);
    this.informers = {
      pods: inf<Pod>('pods', {
        onAdd: (p: Pod) => {
          podsByOwner.set(objectKey(p), p);
          late.rs?.observed(p, 'add');
          late.job?.observed(p);
          late.gc?.observe(p);
        },
        onUpdate: (o: Pod, p: Pod) => {
          podsByOwner.set(objectKey(p), p);
          if (!o.metadata.deletionTimestamp && p.metadata.deletionTimestamp) late.rs?.observed(p, 'del');
          late.gc?.observe(p);
        },
        onDelete: (p: Pod) => {
          podsByOwner.delete(objectKey(p));
          if (!p.metadata.deletionTimestamp) late.rs?.observed(p, 'del');
          late.gc?.deleted();
        },
      }),
      nodes: inf('nodes', gcHandlers),
      deployments: inf('deployments', gcHandlers),
      replicasets: inf('replicasets', gcHandlers),
      services: inf('services', gcHandlers),
      endpoints: inf('endpoints'),
      endpointslices: inf('endpointslices', gcHandlers),
      namespaces: inf('namespaces'),
      serviceaccounts: inf('serviceaccounts'),
      secrets: inf('secrets'),
      configmaps: inf('configmaps'),
      leases: inf('leases'),
      jobs: inf('jobs', gcHandlers),
      cronjobs: inf('cronjobs', gcHandlers),
    };
    const ctx: ControllerContext = {
      rt,
      client: informerClient,
      recorder,
      informers: this.informers,
      podsByOwner,
      timing: spec.timing,
      randomChars: (n) => {
        let s = '';
        for (let i = 0; i < n; i++) s += KUBE_RAND_ALPHABET[rt.rng.int(0, KUBE_RAND_ALPHABET.length)];
        return s;
      },
      claim: (key) => {
        if (this.claims.has(key)) return undefined;
        this.claims.add(key);
        this.claimsVersion++;
        return () => {
          if (this.claims.delete(key)) this.claimsVersion++;
        };
      },
      stamp: () => this.stamp(),
    };
    this.informerList = Object.values(this.informers) as Informer<KubeObject>[];
    this.stampedInformers = this.informerList.filter((i) => i !== this.informers.leases);
    // Each controller with its own clientset, named as the controller (most are the
    // names controllermanager.go passes to ClientOrDie), and its events through it.
    const own = <C extends Controller>(name: string, make: (c: ControllerContext) => C): C => {
      const cs = this.clientset(name);
      const c = make({ ...ctx, client: cs, recorder: recorder.through(cs) });
      this.clientOf.set(c, cs);
      return c;
    };
    const rs = own('replicaset-controller', (c) => new ReplicaSetController(c));
    late.rs = rs;
    const job = own('job-controller', (c) => new JobController(c));
    late.job = job;
    this.controllers = [
      own('deployment-controller', (c) => new DeploymentController(c)),
      rs,
      own('node-lifecycle-controller', (c) => new NodeLifecycleController(c)),
      own('endpoint-controller', (c) => new EndpointsController(c)),
      own('endpointslice-controller', (c) => new EndpointSliceController(c)),
      own('serviceaccount-controller', (c) => new ServiceAccountController(c)),
      own('tokens-controller', (c) => new TokensController(c)),
      own('root-ca-cert-publisher', (c) => new RootCACertPublisher(c)),
      own('node-ipam-controller', (c) => new NodeIpamController(c)),
      own('generic-garbage-collector', (c) => (late.gc = new GarbageCollector(c))),
      own('pod-garbage-collector', (c) => new PodGarbageCollector(c)),
    ];
    this.controllers.push(job, own('cronjob-controller', (c) => new CronJobController(c)), own('ttl-after-finished-controller', (c) => new TtlAfterFinishedController(c)));
  }

  private clientset(name: string): ThrottledClient {
    const cs = this.client.clientset(name, CONTROLLER_MANAGER);
    this.clientsets.push(cs);
    return cs;
  }

  tickInformers(): void {
    for (const i of this.informerList) i.tick();
  }

  /** The controllers' syncs, once every informer has listed. */
  sync(): void {
    if (!this.synced) return;
    // Informers change only when a packet arrives, never during the syncs: summed once.
    let sum = 0;
    for (const i of this.stampedInformers) sum += i.version;
    this.informerSum = sum;
    for (const c of this.controllers) this.syncOne(c);
  }

  /** Leadership lost: the real process exits; its watches end with it. */
  stop(): void {
    for (const i of this.informerList) i.stop();
    for (const cs of this.clientsets) this.client.dropClientset(cs);
  }

  /** Runs a controller's sync unless it is known to find nothing (see `timeless`). */
  private syncOne(c: Controller): void {
    if (!c.timeless) return c.sync();
    const before = this.stamp();
    if (this.idleAt.get(c) === before) return;
    const client = this.clientOf.get(c) ?? this.client;
    const sent = client.sent;
    c.sync();
    if (client.sent === sent && this.stamp() === before && c.timeless()) this.idleAt.set(c, before);
    else this.idleAt.delete(c);
  }

  /** The sum of the informers' versions and the claims' version: all only grow, so an
   * equal sum means nothing changed. The leases informer is left out: Leases change
   * every 2 s (leader election) and every node's every 10 s, and the only reader is node
   * lifecycle's monitor pass, which runs on its own period, never skipped. */
  private stamp(): number {
    return this.claimsVersion + this.informerSum;
  }

  /** The stamped informers' versions summed at the start of this tick's syncs. */
  private informerSum = 0;

  /** An informer, once synced, stays synced (a relist keeps its store): asked every
   * tick, so remembered once true. */
  private allSynced = false;

  get synced(): boolean {
    return (this.allSynced ||= this.informerList.every((i) => i.synced));
  }
}
