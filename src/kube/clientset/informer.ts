// A shared informer (client-go's reflector + store, in miniature): list from the
// apiserver's cache (resourceVersion "0"), then watch from the list's version, keeping
// a local copy of every object. A watch that ends resumes from the last version seen; a
// 410 Gone lists again. Controllers read the store and react to the handlers, never
// polling the apiserver.

import type { Runtime } from '../../sim/process';
import type { ResourceName } from '../api/resources';
import type { KubeObject } from '../api/types';
import type { KubeWatchEvent, ListOptions } from '../api/wire';
import type { ApiClient } from './kube-client';

export interface InformerHandlers<T> {
  onAdd?(obj: T): void;
  onUpdate?(old: T, cur: T): void;
  onDelete?(obj: T): void;
}

/** Back off before listing or watching again after a failure. */
const RETRY_MS = 1000;

export function objectKey(o: KubeObject): string {
  return o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : (o.metadata.name ?? '');
}

export class Informer<T extends KubeObject> {
  readonly store = new Map<string, T>();
  synced = false;
  /** Bumped whenever the store (or `synced`) may have changed: a consumer that derived
   * something from the store can tell that nothing moved since (the controllers and the
   * kubelet skip a sync whose inputs are all unchanged). */
  version = 0;
  private rv = '';
  private state: 'idle' | 'listing' | 'watching' = 'idle';
  private retryAt = 0;
  private relist = true;
  private watchId = 0;

  constructor(
    private readonly rt: Runtime,
    private readonly client: ApiClient,
    readonly resource: ResourceName,
    private readonly handlers: InformerHandlers<T> = {},
    private readonly namespace?: string,
    private readonly options?: Omit<ListOptions, 'resourceVersion'>,
  ) {}

  get(key: string): T | undefined {
    return this.store.get(key);
  }

  list(): T[] {
    return [...this.store.values()];
  }

  tick(): void {
    if (this.state !== 'idle' || this.rt.now() < this.retryAt) return;
    if (this.relist) this.doList();
    else this.doWatch();
  }

  /** The earliest time tick() would do anything: listing or watching again once idle
   * (Infinity while a list or watch is open: only its answer moves the informer). */
  nextDue(): number {
    return this.state === 'idle' ? this.retryAt : Infinity;
  }

  /** Drops the watch and lists again (e.g. after the process lost its connection). */
  restart(): void {
    if (this.watchId) this.client.stopWatch(this.watchId);
    this.watchId = 0;
    this.state = 'idle';
    this.relist = true;
    this.retryAt = 0;
  }

  /** Stops for good: the watch ends, an answer still on its way is ignored, and the
   * informer is never ticked again (its owner dropped it). */
  stop(): void {
    if (this.watchId) this.client.stopWatch(this.watchId);
    this.watchId = 0;
    this.state = 'idle';
  }

  private fail(relist: boolean): void {
    this.state = 'idle';
    this.watchId = 0;
    this.relist = this.relist || relist;
    this.retryAt = this.rt.now() + RETRY_MS;
  }

  private doList(): void {
    this.state = 'listing';
    this.client.request({ verb: 'list', resource: this.resource, ...(this.namespace ? { namespace: this.namespace } : {}), options: { ...this.options, resourceVersion: '0' } }, (r) => {
      if (this.state !== 'listing') return;
      if (!r.ok || !r.list) return this.fail(true);
      const seen = new Set<string>();
      for (const o of r.list.items as T[]) {
        const k = objectKey(o);
        seen.add(k);
        const old = this.store.get(k);
        this.store.set(k, o);
        if (!old) this.handlers.onAdd?.(o);
        else if (old.metadata.resourceVersion !== o.metadata.resourceVersion) this.handlers.onUpdate?.(old, o);
      }
      for (const [k, o] of this.store) {
        if (seen.has(k)) continue;
        this.store.delete(k);
        this.handlers.onDelete?.(o);
      }
      this.rv = r.list.resourceVersion;
      this.relist = false;
      this.synced = true;
      this.version++;
      this.doWatch();
    });
  }

  private doWatch(): void {
    this.state = 'watching';
    this.watchId = this.client.watch(this.resource, this.namespace, { ...this.options, resourceVersion: this.rv }, {
      onEvent: (ev) => this.onEvent(ev),
      onEnd: () => this.fail(false),
    });
  }

  private onEvent(ev: KubeWatchEvent): void {
    switch (ev.type) {
      case 'BOOKMARK':
        if (ev.resourceVersion) this.rv = ev.resourceVersion;
        return;
      case 'ERROR':
        return this.fail(true);
      case 'ADDED':
      case 'MODIFIED': {
        const o = ev.object as T;
        const k = objectKey(o);
        const old = this.store.get(k);
        this.store.set(k, o);
        this.version++;
        this.rv = o.metadata.resourceVersion ?? this.rv;
        if (old) this.handlers.onUpdate?.(old, o);
        else this.handlers.onAdd?.(o);
        return;
      }
      case 'DELETED': {
        const o = ev.object as T;
        const k = objectKey(o);
        this.rv = o.metadata.resourceVersion ?? this.rv;
        if (this.store.delete(k)) {
          this.version++;
          this.handlers.onDelete?.(o);
        }
        return;
      }
    }
  }
}
