// kube-apiserver: the only etcd client of the cluster. It keeps a watch cache of
// everything under /registry/ (one etcd watch), serves informers' lists and watches
// from it, sends consistent reads and every write to etcd (writes as compare-and-swap
// txns, see storage.ts), and emits the contract's Kubernetes trace events for the
// writes it commits. /readyz (what the load balancer checks) is healthy while its etcd
// watch is alive: a member without a leader ends it.

import { EtcdClient } from '../../etcd/clientv3/etcd-client';
import { prefixEnd } from '../../etcd/key-range';
import type { ResponseOp } from '../../etcd/types';
import type { Endpoint, Packet } from '../../sim/packet';
import { PORT } from '../../sim/packet';
import type { Process, Runtime } from '../../sim/process';
import { keyOf, listPrefix, RESOURCES, SYSTEM_NAMESPACES, type ResourceInfo } from '../api/resources';
import { timestamp } from '../api/time';
import type { KubeObject, Pod, ServiceAccount } from '../api/types';
import { notFound, status, type KubeRequest, type KubeResult, type KubeWatchEvent } from '../api/wire';
import { hasWatchCache, WatchCache } from './cache';
import { StorageWatches } from './storage-watches';
import { SeenRequests } from '../../sim/seen-requests';
import { Compactor } from './compactor';
import { ObjectIds } from './object-ids';
import { observe } from './observe';
import { isStatus, Storage, type Done } from './storage';
import { decodeError, prepareBind, prepareCreate, prepareStatusUpdate, prepareUpdate } from './strategy';
import { mergePatch } from '../api/merge-patch';
import { EndpointReconciler, type MasterObject } from './endpoint-reconciler';
import { issueToken, type TokenRequestBody } from './token-request';
import { eventFor, matches, streamEvent, TOO_LARGE_WAIT_MS, Watchers, type Watcher } from './watchers';
import { ServiceAllocations } from './service-allocations';
import { SummaryBook } from './summary';
import type { ApiserverView } from '../../protocol/kube-views';

export type { ApiserverView } from '../../protocol/kube-views';

export interface ApiserverSpec {
  readonly kind: 'kube-apiserver';
  /** `--etcd-servers`: the local member when stacked, every member when external. */
  readonly etcdEndpoints: readonly string[];
  readonly etcdTimeoutMs: number;
  /** DefaultTolerationSeconds admission (300 s; shorter in the classroom profile). */
  readonly tolerationSeconds: number;
  /** An idle watch gets a BOOKMARK this often. */
  readonly bookmarkMs: number;
  /** --etcd-compaction-interval: 5 min. */
  readonly compactionIntervalMs: number;
  /** --advertise-address: what the `kubernetes` Service's endpoints list. */
  readonly advertiseAddress?: string;
  /** --event-ttl in seconds (1 h when unset): Events are stored under an etcd lease of
   * this TTL, so etcd deletes them (lease-manager.ts). */
  readonly eventTtlS?: number;
}

/** kube-apiserver's --event-ttl default: 1 h. */
export const DEFAULT_EVENT_TTL_S = 60 * 60;

/** Namespaces that may not be deleted (kube-node-lease may). */
const IMMORTAL_NAMESPACES = ['default', 'kube-system', 'kube-public'];

/** The apiserver's own etcd client port. */
const ETCD_CLIENT_PORT = 32379;
/** Wait before listing or watching etcd again after a failure. */
const RETRY_MS = 1000;

/** How often the bootstrap controller reconciles (the real one: 10 s for the Service). */
const BOOTSTRAP_EVERY_MS = 2000;

/** A list's or a watch's field and label selectors (its namespace is in the prefix read). */
function selectedBy(req: KubeRequest): (o: KubeObject) => boolean {
  const w = { namespace: undefined, options: req.options };
  return (o) => matches(w, o);
}

export class KubeApiserver implements Process {
  readonly name = 'kube-apiserver';
  readonly ports = [PORT.apiserver, ETCD_CLIENT_PORT];
  private readonly etcd: EtcdClient;
  private readonly storage: Storage;
  private readonly cache = new WatchCache();
  private readonly watchers: Watchers;
  /** Watches of resources with no watch cache (Events), each an etcd watch; made at the
   * first (in the page that module comes with the console's part, src/host/lazy/). */
  private storageWatches: StorageWatches | undefined;
  private readonly services: ServiceAllocations;
  private readonly ids: ObjectIds;
  /** listing → watching; `synced` once the first list arrived. */
  private phase: 'idle' | 'listing' | 'watching' = 'idle';
  private synced = false;
  private retryAt = 0;
  private wasReady = false;
  private readonly requests = new SeenRequests();
  private readonly compactor: Compactor;
  private readonly endpoints: EndpointReconciler | undefined;
  /** When the bootstrap controller next checks the system namespaces and Service. */
  private nextBootstrap = 0;

  constructor(
    private readonly spec: ApiserverSpec,
    private readonly rt: Runtime,
  ) {
    const randomInt = (n: number) => rt.rng.int(0, n);
    this.services = new ServiceAllocations(randomInt);
    this.ids = new ObjectIds(randomInt);
    this.etcd = new EtcdClient(rt, spec.etcdEndpoints, spec.etcdTimeoutMs, ETCD_CLIENT_PORT);
    this.storage = new Storage(this.etcd, () => rt.now());
    if (spec.advertiseAddress) {
      const keyFor = (name: MasterObject) => keyOf(RESOURCES[name], 'default', 'kubernetes');
      this.endpoints = new EndpointReconciler(this.etcd, spec.advertiseAddress, (name) => this.cache.get(keyFor(name))?.object, (name, obj, exists, finish) => {
        const r = RESOURCES[name];
        const traced: Done = (res, before, after) => {
          if (res.ok) for (const e of observe(r, before, after)) this.rt.emit(e);
          finish();
        };
        if (!exists) return this.create(r, 'default', obj, traced);
        this.storage.update(r, keyFor(name), 'kubernetes', this.cache.get(keyFor(name))?.object, undefined, (cur) => prepareUpdate(r, cur, { ...cur, ...obj, metadata: cur.metadata } as KubeObject), traced);
      });
    }
    this.compactor = new Compactor(this.etcd, spec.compactionIntervalMs, rt.now());
    this.watchers = new Watchers((w, ev) => this.rt.send(w.dst, 'kube.watch', ev, PORT.apiserver));
  }

  get ready(): boolean {
    return this.synced && this.phase === 'watching';
  }

  receive(packet: Packet): void {
    if (this.etcd.receive(packet)) return;
    if (packet.kind === 'kube.close') {
      this.watchers.dropConnection(packet.src, (packet.body as { conn: number }).conn);
      this.storageWatches?.dropConnection(packet.src, (packet.body as { conn: number }).conn);
      return;
    }
    if (packet.kind === 'kube.ping') {
      // client-go's HTTP/2 health check: the ACK comes from the connection, whatever
      // the apiserver's state; a connection of an earlier life is reset (knows).
      const conn = (packet.body as { conn?: number }).conn;
      this.rt.send(packet.src, this.watchers.knows(packet.src, conn) || this.storageWatches?.knows(packet.src, conn) === true ? 'kube.pong' : 'kube.reset', conn === undefined ? {} : { conn }, PORT.apiserver);
      return;
    }
    if (packet.kind !== 'kube.request') return;
    const req = packet.body as KubeRequest;
    if (this.requests.repeat(packet.src.host, packet.src.port, req.conn, req.reqId)) return;
    this.handle(packet.src, req);
  }

  tick(): void {
    this.etcd.tick();
    const now = this.rt.now();
    // Resume the etcd watch where the cache is when it can; list afresh when it cannot.
    if (this.phase === 'idle' && now >= this.retryAt) {
      if (this.synced) this.watch();
      else this.list();
    }
    if (this.synced) this.watchers.bookmarks(now, this.cache.rev, this.spec.bookmarkMs);
    this.watchers.checkAhead(now, this.cache.rev, this.tooLarge);
    if (this.ready) this.compactor.tick(now);
    this.noteReady();
    if (this.ready && now >= this.nextBootstrap) this.bootstrap(now);
    this.endpoints?.tick(now, this.ready);
  }

  /** The cacher's answer to a watch whose resourceVersion the cache did not reach. */
  private readonly tooLarge = (w: Watcher): Omit<KubeWatchEvent, 'watchId' | 'conn' | 'seq'> => ({ type: 'ERROR', status: status('Timeout', `Too large resource version: ${w.ahead!.rev}, current: ${this.cache.rev}`) });

  // ---- the watch cache ----

  private list(): void {
    this.phase = 'listing';
    this.etcd.request({ type: 'range', key: '/registry/', rangeEnd: prefixEnd('/registry/') }, (r) => {
      if (!r.ok) return this.retry();
      const kvs = (r.response as Extract<ResponseOp, { type: 'range' }>).kvs;
      if (this.synced) this.watchers.endAll({ type: 'ERROR', status: status('Gone', 'too old resource version') }, this.rt.now());
      this.cache.reset(kvs, r.header.revision);
      this.services.reset(this.cache.list(RESOURCES.services.prefix));
      this.synced = true;
      this.watch();
    });
  }

  private watch(): void {
    this.phase = 'watching';
    this.etcd.watch('/registry/', prefixEnd('/registry/'), this.cache.rev + 1, {
      onEvents: (events, revision) => {
        const changes = this.cache.apply(events, revision);
        for (const c of changes) if (c.resource.name === 'services') this.services.note(c);
        this.watchers.dispatch(changes, this.rt.now());
      },
      onCancel: (_reason, compactRevision) => {
        // A compacted start revision means changes were missed: list again.
        if (compactRevision !== undefined) this.synced = false;
        this.retry();
      },
    });
  }

  private retry(): void {
    this.phase = 'idle';
    this.retryAt = this.rt.now() + RETRY_MS;
  }

  private noteReady(): void {
    const ready = this.ready;
    if (ready !== this.wasReady) {
      this.wasReady = ready;
      this.rt.emit({ type: 'apiserver.ready', machine: this.rt.host, ready });
    }
  }

  /** The bootstrap controller: the system namespaces and the `kubernetes` Service
   * (10.96.0.1) exist, or are created. Every apiserver checks every few seconds, so a
   * Service refused while its namespace was still on its way (or deleted by hand) comes
   * back; AlreadyExists from a racing apiserver is fine. */
  private bootstrap(now: number): void {
    this.nextBootstrap = now + BOOTSTRAP_EVERY_MS;
    for (const ns of SYSTEM_NAMESPACES) {
      if (this.cache.get(keyOf(RESOURCES.namespaces, undefined, ns))) continue;
      this.create(RESOURCES.namespaces, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } }, () => {});
    }
    if (!this.cache.get(keyOf(RESOURCES.services, 'default', 'kubernetes'))) {
      const svc = {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: { name: 'kubernetes', namespace: 'default', labels: { component: 'apiserver', provider: 'kubernetes' } },
        spec: { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] },
      } as KubeObject;
      this.create(RESOURCES.services, 'default', svc, () => {});
    }
  }

  // ---- requests ----

  // The request's callbacks come from small factories: an arrow bound to a name inside
  // handle() is wrapped to keep its name when run through tsx/esbuild (`__name`, an
  // Object.defineProperty per request and callback), which was 1 % of an HA run in Node.
  private replier(src: Endpoint, req: KubeRequest): (result: KubeResult) => void {
    return (result) => this.rt.send(src, 'kube.response', { reqId: req.reqId, ...(req.conn !== undefined ? { conn: req.conn } : {}), ...result }, PORT.apiserver);
  }

  private finisher(r: ResourceInfo, reply: (result: KubeResult) => void): Done {
    return (result, before, after) => {
      if (result.ok) for (const e of observe(r, before, after)) this.rt.emit(e);
      reply(result);
    };
  }

  private handle(src: Endpoint, req: KubeRequest): void {
    const reply = this.replier(src, req);
    if (req.verb === 'healthz') return reply(this.ready ? { ok: true } : { ok: false, status: status('ServiceUnavailable', 'readyz check failed') });
    if (!this.synced) return reply({ ok: false, status: status('ServiceUnavailable', 'the server is currently unable to handle the request') });
    const r = req.resource ? RESOURCES[req.resource] : undefined;
    if (!r) return reply({ ok: false, status: status('NotFound', `the server could not find the requested resource`) });
    if ((req.verb === 'create' || req.verb === 'update') && req.body) {
      const undecodable = decodeError(r, req.body);
      if (undecodable) return reply({ ok: false, status: undecodable });
    }
    const ns = r.namespaced ? (req.namespace ?? req.body?.metadata?.namespace ?? 'default') : undefined;
    const name = req.name ?? req.body?.metadata?.name ?? '';
    const key = keyOf(r, ns, name);
    const done = this.finisher(r, reply);
    // Without a watch cache, a resourceVersion "0" read is served from etcd too.
    const cached = hasWatchCache(r);
    switch (req.verb) {
      case 'get':
        if (req.options?.resourceVersion === '0' && cached) {
          const c = this.cache.get(key);
          return reply(c ? { ok: true, object: c.object } : { ok: false, status: notFound(r.qualified, name) });
        }
        return this.storage.get(r, key, name, reply);
      case 'list':
        if (req.options?.resourceVersion === '0' && cached) {
          const items = this.cache.list(listPrefix(r, req.namespace)).filter(selectedBy(req));
          return reply({ ok: true, list: { items, resourceVersion: String(this.cache.rev) } });
        }
        return this.storage.list(listPrefix(r, req.namespace), (res) =>
          reply(res.ok && res.list ? { ok: true, list: { ...res.list, items: res.list.items.filter(selectedBy(req)) } } : res),
        );
      case 'watch':
        return this.openWatch(src, req, r, reply);
      case 'unwatch':
        if (cached) this.watchers.remove(src, req.conn, req.reqId);
        else this.storageWatches?.remove(src, req.conn, req.reqId);
        return;
      case 'create':
        if (!req.body) return reply({ ok: false, status: status('BadRequest', 'the request has no body') });
        return this.create(r, ns, req.body, done, true);
      case 'update':
      case 'updateStatus': {
        if (!req.body) return reply({ ok: false, status: status('BadRequest', 'the request has no body') });
        const body = req.body;
        const mutate = req.verb === 'update' ? (cur: KubeObject) => prepareUpdate(r, cur, body, true, this.services.assignNodePorts) : (cur: KubeObject) => prepareStatusUpdate(r, cur, body);
        return this.current(r, key, done, (cur) => this.storage.update(r, key, name, cur, body.metadata?.resourceVersion, mutate, done, 0, this.ttlOf(r)));
      }
      case 'patch': {
        if (!req.body) return reply({ ok: false, status: status('BadRequest', 'the request has no body') });
        const patch = req.body;
        // GuaranteedUpdate with no precondition: on a conflict it re-reads and merges again.
        return this.current(r, key, done, (cur) => this.storage.update(r, key, name, cur, undefined, (c) => prepareUpdate(r, c, mergePatch(c, patch) as KubeObject, false, this.services.assignNodePorts), done, 0, this.ttlOf(r)));
      }
      case 'bind':
        return this.bind(key, name, req.node ?? '', done);
      case 'delete':
        return this.current(r, key, done, (cur) => this.delete(r, key, name, cur, req.gracePeriodSeconds, done));
      case 'token':
        if (r.name !== 'serviceaccounts') return reply({ ok: false, status: status('NotFound', 'the server could not find the requested resource') });
        // The account is read as any GET is (from etcd), then the token is issued.
        return this.storage.get(r, key, name, (res) => reply(res.ok && res.object ? issueToken(res.object as ServiceAccount, req.body as TokenRequestBody | undefined, this.rt.now(), this.ids.uid()) : res));
    }
  }

  /** The object a write starts from: the watch cache's (GuaranteedUpdate's cached
   * existing object; a conflict re-reads it from etcd), or, for a resource with no
   * cache, etcd's, read first as the real storage layer does. */
  private current(r: ResourceInfo, key: string, done: Done, then: (cur: KubeObject | undefined) => void): void {
    if (hasWatchCache(r)) return then(this.cache.get(key)?.object);
    this.storage.read(key, (res) => (res.ok ? then(res.object) : done({ ok: false, status: res.status })));
  }

  private openWatch(src: Endpoint, req: KubeRequest, r: ResourceInfo, reply: (res: KubeResult) => void): void {
    const w: Watcher = { dst: src, conn: req.conn, watchId: req.reqId, resource: r.name, namespace: req.namespace, options: req.options, lastSent: this.rt.now(), seq: 0 };
    if (!hasWatchCache(r)) {
      reply({ ok: true, watchId: req.reqId });
      this.storageWatches ??= new StorageWatches(this.etcd, () => this.rt.now(), (sw, ev) => this.rt.send(sw.dst, 'kube.watch', ev, PORT.apiserver));
      return this.storageWatches.start(w, r, listPrefix(r, req.namespace));
    }
    const send = (ev: Omit<KubeWatchEvent, 'watchId' | 'conn' | 'seq'>) => this.rt.send(src, 'kube.watch', streamEvent(w, this.rt.now(), ev), PORT.apiserver);
    const from = req.options?.resourceVersion;
    reply({ ok: true, watchId: req.reqId });
    if (from === undefined || from === '' || from === '0') {
      // No version: the current state first, as ADDED events.
      const selected = selectedBy(req);
      for (const o of this.cache.list(listPrefix(r, req.namespace))) if (selected(o)) send({ type: 'ADDED', object: o });
    } else {
      const changes = this.cache.since(Number(from));
      if (!changes) return send({ type: 'ERROR', status: status('Gone', `too old resource version: ${from} (${this.cache.rev})`) });
      if (Number(from) > this.cache.rev) w.ahead = { rev: Number(from), deadline: this.rt.now() + TOO_LARGE_WAIT_MS };
      for (const c of changes) {
        const ev = eventFor(w, c);
        if (ev) send(ev);
      }
    }
    this.watchers.add(w);
  }

  /** `checked`: the body passed decodeError already (a request's, in handle). */
  private create(r: ResourceInfo, ns: string | undefined, body: KubeObject, done: Done, checked = false): void {
    if (r.namespaced && ns && !this.cache.get(keyOf(RESOURCES.namespaces, undefined, ns))) {
      return done({ ok: false, status: notFound('namespaces', ns) });
    }
    const obj = prepareCreate(r, body, ns, {
      now: this.rt.now(),
      randomChars: this.ids.randomChars,
      uid: this.ids.uid,
      tolerationSeconds: this.spec.tolerationSeconds,
      allocateClusterIP: this.services.allocateClusterIP,
      assignNodePorts: this.services.assignNodePorts,
      bodyChecked: checked,
    });
    if (isStatus(obj)) return done({ ok: false, status: obj });
    this.storage.create(r, keyOf(r, obj.metadata.namespace, obj.metadata.name ?? ''), obj, done, this.ttlOf(r));
  }

  /** The registry's TTL for a resource: only Events have one (--event-ttl). */
  private ttlOf(r: ResourceInfo): number | undefined {
    return r.name === 'events' ? (this.spec.eventTtlS ?? DEFAULT_EVENT_TTL_S) : undefined;
  }

  /** pods/binding: the scheduler's decision, refused if the pod is already bound. */
  private bind(key: string, name: string, node: string, done: Done): void {
    this.storage.update(RESOURCES.pods, key, name, this.cache.get(key)?.object, undefined, (cur) => prepareBind(cur as Pod, name, node, this.rt.now()), done);
  }

  /** Pods on a node are deleted gracefully: first a deletionTimestamp (Terminating), and
   * the kubelet removes the object once the containers stopped. Everything else, and a
   * pod no kubelet runs, goes at once. */
  private delete(r: ResourceInfo, key: string, name: string, cur: KubeObject | undefined, grace: number | undefined, done: Done): void {
    if (!cur) return done({ ok: false, status: notFound(r.qualified, name) });
    // The NamespaceLifecycle admission plugin's immortal namespaces.
    if (r.name === 'namespaces' && IMMORTAL_NAMESPACES.includes(name)) {
      return done({ ok: false, status: status('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' }) });
    }
    if (r.name === 'pods') {
      const pod = cur as Pod;
      const seconds = grace ?? pod.metadata.deletionGracePeriodSeconds ?? pod.spec.terminationGracePeriodSeconds ?? 30;
      if (pod.spec.nodeName && seconds > 0) {
        if (pod.metadata.deletionTimestamp) return done({ ok: true, object: pod });
        return this.storage.update(
          r,
          key,
          name,
          cur,
          undefined,
          (c) => ({ ...c, metadata: { ...c.metadata, deletionTimestamp: timestamp(this.rt.now() + seconds * 1000), deletionGracePeriodSeconds: seconds } }),
          done,
        );
      }
    }
    this.storage.delete(r, key, name, cur, done);
  }

  private readonly summary = new SummaryBook();

  view(): ApiserverView {
    return { kind: 'kube-apiserver', ready: this.ready, revision: this.cache.rev, objects: this.cache.size, watchers: this.watchers.size + (this.storageWatches?.size ?? 0), etcdEndpoint: this.etcd.endpoint, cluster: this.summary.of(this.cache) };
  }
}
