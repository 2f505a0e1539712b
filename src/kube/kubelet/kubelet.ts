// The kubelet: registers its Node, renews its Lease in kube-node-lease every 10 s
// (the heartbeat the node lifecycle controller watches), posts node status when it
// changed (and at least every 5 minutes), and runs the pods bound to it through the
// container runtime, reporting their phases. On a control-plane node it also runs the
// static pods (etcd, kube-apiserver, …) and publishes their mirror pods.
//
// Node events, as a kubelet records them on its Node (involvedObject uid = the node's
// name): on start "Starting kubelet." and Updated Node Allocatable, the condition
// setters' NodeHasSufficientMemory / NodeHasNoDiskPressure / NodeHasSufficientPID for the
// Node it registers, then one event per condition change it posts (NodeReady when its
// Ready turns True), and NodeNotSchedulable / NodeSchedulable when it reads a change of
// spec.unschedulable (cordon, uncordon).
//
// Pod events (on the container, fieldPath spec.containers{name}): Pulling, Pulled,
// Created, Started, Killing, BackOff for a crashing container; for an image that does
// not pull (runtime.ts, registry.ts), Warning Failed "Failed to pull image …" and
// "Error: ErrImagePull" after each failed pull, Normal BackOff "Back-off pulling image …"
// and Warning Failed "Error: ImagePullBackOff" on each sync inside the image back-off.

import type { Packet } from '../../sim/packet';
import { PORT } from '../../sim/packet';
import type { Process, Runtime } from '../../sim/process';
import { timestamp } from '../api/time';
import { jsonEqual } from '../api/json-equal';
import type { Lease, Node, Pod, PodStatus } from '../api/types';
import { EventRecorder } from '../clientset/events';
import { Informer } from '../clientset/informer';
import { KUBELET, KUBELET_EVENTS } from '../clientset/client-limits';
import { KubeClient } from '../clientset/kube-client';
import type { ThrottledClient } from '../clientset/throttled-client';
import type { KubeletSpec } from '../specs';
import { conditionEvents, nodeObject, nodeStatus, sameStatus } from './node-status';
import { mirrorPod } from './static-pods';
import { podStatus } from './pod-status';
import { ContainerRuntime, type RuntimeNote } from './runtime';
import { narrate } from './runtime-events';
import type { KubeletView } from '../../protocol/kube-views';

export type { KubeletView } from '../../protocol/kube-views';

const RETRY_MS = 2000;
/** The kubelet's nodeStatusUpdateRetry: tries of one node status update. */
const NODE_STATUS_UPDATE_RETRY = 5;

/** Claims of the node's own loops (registration, Lease, status), which the pod sync never
 * reads: their comings and goings (every few seconds) do not wake it. */
const NODE_KEYS = new Set(['register', 'lease', 'status']);

export class Kubelet implements Process {
  readonly name = 'kubelet';
  readonly ports = [PORT.kubelet];
  private readonly client: KubeClient;
  private readonly pods: Informer<Pod>;
  /** Its own Node (nodeSeen). */
  private readonly nodes: Informer<Node>;
  private readonly runtime: ContainerRuntime;
  private readonly recorder: EventRecorder;
  private readonly api: ThrottledClient;
  private readonly heartbeat: ThrottledClient;
  private registered = false;
  private node?: Node;
  private nextRegister = 0;
  private nextLease = 0;
  private nextStatus = 0;
  private lastReport = -Infinity;
  private lease?: Lease;
  /** "Starting kubelet." and NodeAllocatableEnforced are recorded: once per process
   * (per boot: a rebooted machine runs a new kubelet). */
  private announced = false;
  /** spec.unschedulable as last seen (Go's zero value to begin with, as the kubelet's
   * lastNodeUnschedulable). */
  private lastUnschedulable = false;
  private inFlight = new Set<string>();
  /** Pod IPs handed out from the node's pod CIDR: uid → ip. */
  private readonly ips = new Map<string, string>();
  /** The status we last posted per pod uid, to post only changes. */
  private readonly posted = new Map<string, { status: PodStatus; at: number }>();
  /** Per pod uid, what the last status computation saw and found: while the pod object,
   * its containers and its IP stay the same and the object already carries that status,
   * there is nothing to compute (the real status manager only syncs on a change).
   * `status` is the posted object itself when the two have the same JSON text. */
  private readonly computed = new Map<string, { pod: Pod; version: number; ip: string | undefined; status: PodStatus; inSync: boolean }>();
  /** The pods map `computed` and `posted` were last pruned against. */
  private memosFor: ReadonlyMap<string, Pod> | undefined;

  constructor(
    private readonly spec: KubeletSpec,
    private readonly rt: Runtime,
  ) {
    this.client = new KubeClient(rt, spec.server, PORT.kubelet, `kubelet/${rt.host}`, spec.timing.requestTimeoutMs, spec.timing.watchSilenceMs);
    // cmd/kubelet/app/server.go builds three clientsets: the main one (kubeAPIQPS 50,
    // kubeAPIBurst 100), the event client (eventRecordQPS 50, eventBurst 100) and the
    // heartbeat client for the node Lease and node status, with QPS -1: never throttled,
    // so a busy kubelet's node does not go NotReady for its own client's sake.
    this.api = this.client.clientset('kubelet', KUBELET);
    this.heartbeat = this.client.clientset('heartbeat', undefined);
    this.recorder = new EventRecorder(rt, this.client.clientset('events', KUBELET_EVENTS), 'kubelet');
    this.runtime = new ContainerRuntime(rt.disk, rt.rng.fork('containerd'), spec.timing);
    this.pods = new Informer<Pod>(rt, this.api, 'pods', {}, undefined, { nodeName: rt.host });
    // The kubelet's lister of its own Node (metadata.name=<node>, NewMainKubelet): the
    // podCIDR that node IPAM sets arrives here. Started once registered (the real one
    // starts at once and lists nothing until then).
    const seen = (n: Node) => this.nodeSeen(n);
    this.nodes = new Informer<Node>(rt, this.api, 'nodes', { onAdd: seen, onUpdate: (_old, n) => seen(n) }, undefined, { name: rt.host });
  }

  /** The Node from the informer. Until it has a podCIDR the node is NotReady (no pod
   * network) and pods wait: the real kubelet's fastStatusUpdateOnce looks at its lister
   * every 100 ms and posts Ready as soon as it can, so the CIDR's arrival starts the
   * status sync at once, and the pod sync (which sees this.node change). */
  private nodeSeen(n: Node): void {
    if (this.node?.spec.podCIDR || !n.spec.podCIDR) return;
    this.node = n;
    this.nextStatus = this.rt.now();
  }

  receive(packet: Packet): void {
    this.client.receive(packet);
  }

  tick(): void {
    const now = this.rt.now();
    this.client.tick();
    for (let i = this.holds.length - 1; i >= 0; i--) {
      if (this.holds[i]!.at > now) continue;
      this.release(this.holds[i]!.key);
      this.holds.splice(i, 1);
    }
    if (!this.registered) {
      if (now >= this.nextRegister) this.register();
      return;
    }
    this.pods.tick();
    this.nodes.tick();
    if (now >= this.nextLease) this.renewLease();
    if (now >= this.nextStatus) this.syncNodeStatus();
    if (this.pods.synced && !this.podsIdle(now)) this.syncPods();
  }

  /** The earliest time tick() would do anything, from the same conditions it tests:
   * the client's timers, a retry pause ending, registration, the informer, the Lease
   * and node status periods, and the pod sync unless it is idle until a container is
   * due. Between these the real kubelet sleeps too: its loops are timers and watches. */
  nextTick(): number {
    let t = this.client.nextDue();
    for (const h of this.holds) if (h.at < t) t = h.at;
    if (!this.registered) return Math.min(t, this.nextRegister);
    t = Math.min(t, this.pods.nextDue(), this.nodes.nextDue(), this.nextLease, this.nextStatus);
    if (!this.pods.synced) return t;
    const i = this.idle;
    if (i === undefined || i.pods !== this.pods.version || i.node !== this.node || i.claims !== this.claimsVersion) return -Infinity;
    return Math.min(t, i.due);
  }

  /** What the last pod sync that found nothing to do saw: while the pods, the Node and
   * the claims are the same and no container is due to change, a sync would find
   * nothing again (the real kubelet syncs a pod on a PLEG event or a config change, not
   * every loop). */
  private idle: { readonly pods: number; readonly node: Node | undefined; readonly claims: number; readonly due: number } | undefined;
  /** Bumped by every claim and release of a key the pod sync uses (not NODE_KEYS). */
  private claimsVersion = 0;

  private podsIdle(now: number): boolean {
    const i = this.idle;
    return i !== undefined && i.pods === this.pods.version && i.node === this.node && i.claims === this.claimsVersion && now < i.due;
  }

  // ---- the node ----

  private register(): void {
    if (!this.claim('register')) return;
    this.nextRegister = this.rt.now() + RETRY_MS;
    const node = nodeObject(this.spec, this.rt.host, this.rt.now());
    this.api.request({ verb: 'create', resource: 'nodes', body: node }, (r) => {
      this.release('register');
      if (r.ok || (!r.ok && r.status.reason === 'AlreadyExists')) {
        // "Successfully registered node" — or it was there already (a reboot).
        this.registered = true;
        this.nextStatus = this.rt.now();
        if (r.ok) this.node = r.object as Node;
        this.announce(node);
      }
    });
  }

  /** Recorded once the apiserver has answered the registration (the real broadcaster
   * keeps retrying until it can; ours sends once): the condition setters' events for
   * the Node built to register (each pressure condition is new, so recorded; Ready is
   * new, so not), and once per process BirthCry's "Starting kubelet." before them and
   * the container manager's Node Allocatable enforcement after. */
  private announce(registered: Node): void {
    const first = !this.announced;
    this.announced = true;
    if (first) this.recorder.record(this.nodeRef(), 'Normal', 'Starting', 'Starting kubelet.');
    for (const reason of conditionEvents(undefined, registered.status?.conditions ?? [])) this.recordNodeStatusEvent(reason);
    if (first) this.recorder.record(this.nodeRef(), 'Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
  }

  /** The kubelet's nodeRef: kind Node, the node's name as its uid too. */
  private nodeRef(): { kind: string; name: string; uid: string } {
    return { kind: 'Node', name: this.rt.host, uid: this.rt.host };
  }

  /** recordNodeStatusEvent: "Node worker-1 status is now: NodeReady". */
  private recordNodeStatusEvent(reason: string): void {
    this.recorder.record(this.nodeRef(), 'Normal', reason, `Node ${this.rt.host} status is now: ${reason}`);
  }

  /** recordNodeSchedulableEvent: runs with the status setters on every read of the Node. */
  private recordSchedulable(node: Node): void {
    const unschedulable = node.spec.unschedulable === true;
    if (unschedulable === this.lastUnschedulable) return;
    this.lastUnschedulable = unschedulable;
    this.recordNodeStatusEvent(unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable');
  }

  private renewLease(): void {
    if (!this.claim('lease')) return;
    const now = this.rt.now();
    this.nextLease = now + this.spec.timing.nodeLeaseRenewMs;
    const name = this.rt.host;
    const spec = { holderIdentity: name, leaseDurationSeconds: this.spec.timing.nodeLeaseDurationS, renewTime: microTs(now) };
    const done = (r: { ok: boolean; object?: unknown }) => {
      this.release('lease');
      if (r.ok) this.lease = r.object as Lease;
      else this.lease = undefined;
    };
    if (!this.lease) {
      this.heartbeat.request({ verb: 'get', resource: 'leases', namespace: 'kube-node-lease', name, options: { resourceVersion: '0' } }, (r) => {
        if (r.ok) {
          const cur = r.object as Lease;
          return this.heartbeat.request({ verb: 'update', resource: 'leases', namespace: 'kube-node-lease', name, body: { ...cur, spec: { ...cur.spec, ...spec } } }, done);
        }
        const owner = this.node ? [{ apiVersion: 'v1', kind: 'Node', name, uid: this.node.metadata.uid ?? '' }] : undefined;
        const lease: Lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name, namespace: 'kube-node-lease', ...(owner ? { ownerReferences: owner } : {}) }, spec };
        this.heartbeat.request({ verb: 'create', resource: 'leases', namespace: 'kube-node-lease', body: lease }, done);
      });
      return;
    }
    this.heartbeat.request({ verb: 'update', resource: 'leases', namespace: 'kube-node-lease', name, body: { ...this.lease, spec: { ...this.lease.spec, ...spec } } }, done);
  }

  /** Every nodeStatusUpdateMs: read the Node, and post status when it differs from
   * what this kubelet would say (the controller marked it Unknown, say, or the podCIDR
   * arrived and the node turns Ready), or when the report period ran out; at once when
   * the node informer brings the podCIDR (nodeSeen). As the kubelet's
   * updateNodeStatus, a failed update is tried again at once, up to
   * NODE_STATUS_UPDATE_RETRY times, and only the first try reads the apiserver's cache
   * (tryUpdateNodeStatus: a 409 after a read from a cache that lagged would otherwise
   * wait a whole period, and a node that just got its podCIDR stayed NotReady for it). */
  private syncNodeStatus(tryNumber = 0): void {
    if (!this.claim('status')) return;
    const now = this.rt.now();
    this.nextStatus = now + this.spec.timing.nodeStatusUpdateMs;
    const options = tryNumber === 0 ? { resourceVersion: '0' } : {};
    this.heartbeat.request({ verb: 'get', resource: 'nodes', name: this.rt.host, options }, (r) => {
      if (!r.ok) {
        this.release('status');
        if (r.status.reason === 'NotFound') this.registered = false; // deleted: register again
        return;
      }
      const cur = r.object as Node;
      this.node = cur;
      const networkReady = Boolean(cur.spec.podCIDR);
      this.recordSchedulable(cur);
      const status = nodeStatus(this.spec, this.rt.host, cur, this.rt.now(), networkReady);
      const due = this.rt.now() - this.lastReport >= this.spec.timing.nodeStatusReportMs;
      if (sameStatus(cur.status, status) && !due) return this.release('status');
      this.heartbeat.request({ verb: 'updateStatus', resource: 'nodes', name: this.rt.host, body: { ...cur, status } }, (u) => {
        this.release('status');
        if (u.ok) {
          this.lastReport = this.rt.now();
          this.node = u.object as Node;
          for (const reason of conditionEvents(cur.status?.conditions, status.conditions ?? [])) this.recordNodeStatusEvent(reason);
        } else if (tryNumber + 1 < NODE_STATUS_UPDATE_RETRY) this.syncNodeStatus(tryNumber + 1);
      });
    });
  }

  // ---- pods ----

  private syncPods(): void {
    const now = this.rt.now();
    this.idle = undefined;
    const claims = this.claimsVersion;
    // Anything that starts, stops, waits or posts makes this sync a busy one.
    let busy = this.runtime.nextDue() <= now;
    const notes: RuntimeNote[] = [];
    const byUid = this.podsByUid();
    for (const [uid, pod] of byUid) {
      const running = this.runtime.pods.has(uid);
      if (pod.metadata.deletionTimestamp) {
        busy = true;
        if (running) this.runtime.stop(uid, now, notesFor(notes, pod));
        else this.finalizeDelete(pod);
        continue;
      }
      if (running || pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') continue;
      busy = true;
      // No sandbox without a pod network: CNI needs the node's podCIDR, which the node
      // IPAM controller sets after registration. Until this kubelet has read it, wait
      // (the node informer brings it: nodeSeen) rather than run a pod without an IP.
      if (!pod.spec.hostNetwork && !this.node?.spec.podCIDR) continue;
      this.runtime.run(uid, pod.spec.containers, now, notesFor(notes, pod));
    }
    // Pods deleted from the API while running here: stop them.
    for (const uid of this.runtime.pods.keys()) {
      if (byUid.has(uid)) continue;
      busy = true;
      this.runtime.stop(uid, now, notes);
    }
    this.runtime.step(now, (uid, code) => {
      const policy = byUid.get(uid)?.spec.restartPolicy ?? 'Always';
      return policy === 'Always' || (policy === 'OnFailure' && code !== 0);
    }, notes);
    narrate(notes, byUid, this.runtime.pods, this.recorder);
    for (const [uid, pod] of byUid) {
      if (pod.metadata.deletionTimestamp && this.runtime.pods.has(uid) && this.runtime.stopped(uid)) {
        this.runtime.forget(uid);
        this.finalizeDelete(pod);
      } else if (!pod.metadata.deletionTimestamp && !this.postStatus(pod, uid)) busy = true;
    }
    // (A Map's entry may be deleted while it is iterated: no copy of the keys.)
    for (const uid of this.runtime.pods.keys()) if (!byUid.has(uid) && this.runtime.stopped(uid)) this.runtime.forget(uid);
    // Both memos hold only uids the pods map had when they were set: only a new map (the
    // store changed) can have lost some.
    if (this.memosFor !== byUid) {
      this.memosFor = byUid;
      for (const uid of this.computed.keys()) if (!byUid.has(uid)) this.computed.delete(uid);
      for (const uid of this.posted.keys()) if (!byUid.has(uid)) this.posted.delete(uid);
    }
    if (this.spec.staticPods.length > 0 && this.node && this.mirrorStaticPods()) busy = true;
    if (!busy && notes.length === 0 && claims === this.claimsVersion) this.idle = { pods: this.pods.version, node: this.node, claims, due: this.runtime.nextDue() };
  }

  /** True when there was nothing to compute (the memo below held). */
  private postStatus(pod: Pod, uid: string): boolean {
    const containers = this.runtime.pods.get(uid);
    if (!containers) return true;
    const ip = pod.spec.hostNetwork ? this.spec.internalIP : this.podIP(uid);
    const version = this.runtime.version(uid);
    const last = this.posted.get(uid);
    const memo = this.computed.get(uid);
    // Same inputs as last time and the object agrees with what we posted: the status
    // would come out the same (its timestamps are the object's own), so nothing to do.
    if (memo && memo.inSync && memo.pod === pod && memo.version === version && memo.ip === ip && last?.status === memo.status) return true;
    const status = podStatus(pod, containers, this.spec.internalIP, ip, this.rt.now());
    // The statuses compared as their JSON texts, without writing the texts (two
    // JSON.stringify per status computed were the kubelets' largest allocation): the
    // real status manager compares the status objects too (isPodStatusByKubeletEqual).
    const same = last !== undefined && jsonEqual(last.status, status);
    const shown = same ? last.status : status;
    const inSync = jsonEqual(pod.status, status);
    this.computed.set(uid, { pod, version, ip, status: shown, inSync });
    // Post a change once; post again only if the object still disagrees a while later
    // (someone else — the node controller — rewrote it, or our write was lost).
    if (same && (inSync || this.rt.now() - last.at < 3000)) return false;
    const key = `pod/${uid}`;
    if (!this.claim(key)) return false;
    this.posted.set(uid, { status: shown, at: this.rt.now() });
    this.api.request({ verb: 'updateStatus', resource: 'pods', namespace: pod.metadata.namespace, name: pod.metadata.name, body: { ...pod, status } }, () => this.release(key));
    return false;
  }

  /** The containers stopped: remove the object (grace period 0). */
  private finalizeDelete(pod: Pod): void {
    const key = `delete/${pod.metadata.uid}`;
    if (!this.claim(key)) return;
    this.ips.delete(pod.metadata.uid ?? '');
    this.api.request({ verb: 'delete', resource: 'pods', namespace: pod.metadata.namespace, name: pod.metadata.name, gracePeriodSeconds: 0 }, () => this.release(key));
  }

  /** CNI (host-local IPAM): the lowest free address of the node's pod CIDR. */
  private podIP(uid: string): string | undefined {
    const have = this.ips.get(uid);
    if (have) return have;
    const cidr = this.node?.spec.podCIDR;
    if (!cidr) return undefined;
    const base = cidr.slice(0, cidr.lastIndexOf('.'));
    const used = new Set(this.ips.values());
    for (let i = 2; i < 255; i++) {
      const ip = `${base}.${i}`;
      if (used.has(ip)) continue;
      this.ips.set(uid, ip);
      return ip;
    }
    return undefined;
  }

  /** True when some mirror pod is missing. */
  private mirrorStaticPods(): boolean {
    let missing = false;
    for (const name of this.spec.staticPods) {
      // The mirror pod's key without building it (this runs every tick).
      if (this.pods.get(`kube-system/${name}-${this.rt.host}`)) continue;
      missing = true;
      const pod = mirrorPod(name, this.rt.host, this.node!, this.spec.internalIP, this.rt.now());
      const key = `mirror/${name}`;
      if (!this.claim(key)) continue;
      // On failure (the API not ready yet), try again after a pause, not every tick.
      this.api.request({ verb: 'create', resource: 'pods', namespace: 'kube-system', body: pod }, (r) => {
        if (r.ok || r.status.reason === 'AlreadyExists') this.release(key);
        else this.releaseAfter(key, RETRY_MS);
      });
    }
    return missing;
  }

  /** This node's pods by uid, made again only when the informer's store changed (a
   * busy kubelet syncs every tick, its pods change far less often). Read-only. */
  private podsByUid(): ReadonlyMap<string, Pod> {
    const cached = this.byUidCache;
    if (cached.version === this.pods.version) return cached.map;
    const map = new Map<string, Pod>();
    for (const p of this.pods.store.values()) map.set(p.metadata.uid ?? '', p);
    this.byUidCache = { version: this.pods.version, map };
    return map;
  }

  private byUidCache: { readonly version: number; readonly map: ReadonlyMap<string, Pod> } = { version: -1, map: new Map() };

  private claim(key: string): boolean {
    if (this.inFlight.has(key)) return false;
    this.inFlight.add(key);
    if (!NODE_KEYS.has(key)) this.claimsVersion++;
    return true;
  }

  private release(key: string): void {
    if (this.inFlight.delete(key) && !NODE_KEYS.has(key)) this.claimsVersion++;
  }

  private readonly holds: { key: string; at: number }[] = [];

  /** Keeps `key` claimed for `ms` more (a retry pause). */
  private releaseAfter(key: string, ms: number): void {
    this.holds.push({ key, at: this.rt.now() + ms });
  }

  /** The last view, and each pod's part of it by its object, its containers' list and
   * their change count: the page's simulation worker takes every view for each view
   * history moment (every second of sim time at "max") and compares it with the last
   * one's, which stops at an identical object. */
  private lastView: KubeletView | undefined;
  private readonly podViews = new WeakMap<Pod, { readonly list: unknown; readonly version: number; readonly view: KubeletView['pods'][number] }>();

  view(): KubeletView {
    const last = this.lastView;
    const podCIDR = this.node?.spec.podCIDR ?? '';
    // A throttled client's line (its waiting count moves) is made afresh each time.
    const clients = this.client.rateViews();
    let same = last !== undefined && clients === undefined && last.clients === undefined && last.registered === this.registered && last.podCIDR === podCIDR && last.pods.length === this.pods.store.size;
    const pods: KubeletView['pods'][number][] = [];
    for (const p of this.pods.store.values()) {
      const uid = p.metadata.uid ?? '';
      const list = this.runtime.pods.get(uid);
      const version = this.runtime.version(uid);
      let hit = this.podViews.get(p);
      if (hit === undefined || hit.list !== list || hit.version !== version) {
        hit = {
          list,
          version,
          view: {
            name: p.metadata.name ?? '',
            namespace: p.metadata.namespace ?? 'default',
            phase: p.status?.phase ?? 'Pending',
            containers: (list ?? []).map((c) => ({ name: c.name, state: c.phase, restarts: c.restarts })),
          },
        };
        this.podViews.set(p, hit);
      }
      if (same && last!.pods[pods.length] !== hit.view) same = false;
      pods.push(hit.view);
    }
    if (same) return last!;
    this.lastView = { kind: 'kubelet', registered: this.registered, podCIDR, pods, ...(clients ? { clients } : {}) };
    return this.lastView;
  }
}

function notesFor(notes: RuntimeNote[], _pod: Pod): RuntimeNote[] {
  return notes;
}

function microTs(ms: number): string {
  return `${timestamp(ms).slice(0, -1)}.${String((ms % 1000) * 1000).padStart(6, '0')}Z`;
}
