// kube-apiserver's watch cache (the cacher), one for all resources: every object under
// /registry/ as of revision `rev`, kept current by one etcd watch, plus a window of
// recent changes so a watch can resume from a resourceVersion. Informers list from it
// (resourceVersion "0") and watch through it; a watch from a version older than the
// window gets 410 Gone, as from the real one.

import type { KeyValue, WatchEvent } from '../../etcd/types';
import { parseKey, RESOURCE_LIST, type ResourceInfo } from '../api/resources';
import type { KubeObject } from '../api/types';
import { validate } from '../api/validation';
import { decodeTypeError, asDecodedOwned } from '../api/decode';
import type { WatchEventType } from '../api/wire';
import { BoundedMemo } from '../../sim/bounded-memo';
import { jsonFaithful } from '../api/json-faithful';

/** Whether kube-apiserver keeps a watch cache (a cacher) for a resource. Not for Events:
 * its DefaultWatchCacheSizes (pkg/kubeapiserver/default_storage_factory_builder.go)
 * gives `events` a size of 0, which disables the cacher (kubernetes#96049), so their
 * gets, lists and watches go to etcd (storage-watches.ts). Events are about half of a
 * rollout's writes, which the three apiservers' caches no longer decode, keep and fan
 * out. */
export function hasWatchCache(r: ResourceInfo): boolean {
  return r.name !== 'events';
}

export interface CachedObject {
  readonly resource: ResourceInfo;
  readonly object: KubeObject;
  readonly rev: number;
}

export interface Change {
  readonly rev: number;
  readonly type: Exclude<WatchEventType, 'BOOKMARK' | 'ERROR'>;
  readonly resource: ResourceInfo;
  /** The object after the change (for DELETED: the last state, at the delete's revision). */
  readonly object: KubeObject;
  /** The object before the change (MODIFIED, DELETED). */
  readonly prev?: KubeObject;
}

/** How many changes a watch can resume over (the real cache keeps ~100 per resource
 * and grows it under load). */
const WINDOW = 2000;

const EMPTY: ReadonlyMap<string, CachedObject> = new Map();

/** Decodes a stored object: JSON (kube-apiserver --storage-media-type=application/json)
 * with resourceVersion set from the key's mod revision, as the real storage layer does.
 * Undefined when the value is not a valid object of the key's kind — something written
 * around the apiserver (`etcdctl put /registry/pods/default/x hello`): the real decoder
 * fails on it too, and the apiserver keeps serving everything else. */
export function decode(kv: KeyValue): KubeObject | undefined {
  const hit = DECODED.get(kv.key);
  let entry: Decoded;
  if (hit !== undefined && hit.value === kv.value) entry = hit;
  else DECODED.set(kv.key, (entry = { value: kv.value, object: decodeFresh(kv.key, kv.value), rev: -1, withRv: undefined }));
  const base = entry.object;
  if (base === undefined) return undefined;
  // Every apiserver decodes the same change at the same revision: the object with its
  // resourceVersion is made once and shared as well.
  if (entry.rev !== kv.modRevision) {
    entry.rev = kv.modRevision;
    entry.withRv = { ...base, metadata: { ...base.metadata, resourceVersion: String(kv.modRevision) } };
  }
  return entry.withRv;
}

interface Decoded {
  readonly value: string;
  /** What the value decodes to, without its resourceVersion. */
  readonly object: KubeObject | undefined;
  /** The last revision asked for, and the object with that resourceVersion. */
  rev: number;
  withRv: KubeObject | undefined;
}

/** The last value decoded per key, and what it decoded to. Every apiserver decodes every
 * change (each has its own etcd watch), and the value is the same bytes each time:
 * parsing, checking and normalizing it once instead of three times was 5 % of an HA
 * run. Decoding is a pure function of (key, value) and nothing mutates a decoded
 * object, so sharing it changes nothing but the time; bounded (two generations,
 * src/sim/bounded-memo.ts), so a long run or many runs in one process do not grow it. */
let DECODED = new BoundedMemo<string, Decoded>(2048);

/** Values an apiserver encoded itself (key → the value and the object it is the JSON
 * of), from an object it had decoded, defaulted and validated: the watch cache's decode
 * of them skips the checks that are there for values written around the apiserver
 * (`etcdctl put`), as the real cacher never checks at all (the checks were 4 % of a
 * 100-worker rollout: every Event, every pod status), and when the object is already
 * what parsing its JSON gives back (json-faithful.ts: nearly always) the object itself
 * stands for the parse, which was the largest self time of the apiservers (5 % of the
 * 100-worker run) and much of their garbage. Objects here are never mutated, as no
 * decoded object is (`written-values.test.ts` runs a cluster with them frozen).
 * Bounded like DECODED; a value whose write failed is never decoded, and a key's entry
 * is replaced by its next write. */
let WRITTEN = new BoundedMemo<string, Written>(2048);

interface Written {
  readonly value: string;
  /** What `value` is the JSON text of. */
  readonly object: KubeObject;
}

/** Notes a value the apiserver is about to store (storage.ts), and the object it encodes. */
export function noteWritten(key: string, value: string, object: KubeObject): void {
  WRITTEN.set(key, { value, object });
}

/** Tests set `verify` to run the skipped checks anyway and count every value they would
 * have refused (which must stay 0: a written value always passes them), and with `same`
 * every written object that is not what its text parses to (`unfaithful`, also 0);
 * `freeze` is given every object the cache takes from a write (to freeze it, so that a
 * component that mutates one throws). Functions the tests pass in, so that the page's
 * bundle does not carry them. */
export const writtenCheck: { verify: boolean; checked: number; refused: string[]; shared: number; unfaithful: string[]; same?: (shared: KubeObject, parsed: KubeObject) => boolean; freeze?: (o: KubeObject) => KubeObject } = { verify: false, checked: 0, refused: [], shared: 0, unfaithful: [] };

/** For tests that count what decodeFresh does: a run after an identical one would find
 * every value decoded already. */
export function forgetDecoded(): void {
  DECODED = new BoundedMemo<string, Decoded>(2048);
  WRITTEN = new BoundedMemo<string, Written>(2048);
}

function decodeFresh(key: string, value: string): KubeObject | undefined {
  const w = WRITTEN.get(key);
  const written = w !== undefined && w.value === value;
  if (written && !writtenCheck.verify && jsonFaithful(w.object)) {
    writtenCheck.shared++;
    const decoded = asDecodedOwned(w.object, w.object.kind);
    return writtenCheck.freeze ? writtenCheck.freeze(decoded) : decoded;
  }
  let obj: unknown;
  try {
    obj = JSON.parse(value);
  } catch {
    return undefined;
  }
  const k = parseKey(key);
  const o = obj as KubeObject;
  if (!k || !o || typeof o !== 'object' || Array.isArray(o) || o.kind !== k.resource.kind || !o.metadata || typeof o.metadata !== 'object') return undefined;
  if (written) {
    if (!writtenCheck.verify) return asDecodedOwned(o, o.kind);
    writtenCheck.checked++;
    if (writtenCheck.same && jsonFaithful(w.object) && !writtenCheck.same(asDecodedOwned(w.object, w.object.kind), asDecodedOwned(o, o.kind))) writtenCheck.unfaithful.push(key);
  }
  // The components read what the apiserver decoded and validated; a hand-written value
  // was neither, so it gets both, and value structs filled in as Go's decoder would.
  if (decodeTypeError(o.kind, o) !== undefined) return refused(written, key);
  const filled = asDecodedOwned(o, o.kind);
  if (validate(filled, k.resource).length > 0) return refused(written, key);
  return filled;
}

function refused(written: boolean, key: string): undefined {
  if (written) writtenCheck.refused.push(key);
  return undefined;
}

/** The object as stored: without its resourceVersion. */
export function stored(obj: KubeObject): KubeObject {
  const { resourceVersion: _rv, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

export class WatchCache {
  rev = 0;
  private readonly objects = new Map<string, CachedObject>();
  /** `objects` by resource (its key prefix; no resource's prefix starts another's), as
   * the real cacher keeps one store per resource: a list walks its resource's objects,
   * not every Event in the cluster (lists were 2.8 % of an idle 100-worker run). */
  private readonly byResource = new Map<string, Map<string, CachedObject>>();
  /** The window is `window[head..]`: dropping the oldest changes moves `head`, and the
   * array is compacted only once `head` reaches WINDOW (shifting 2 000 entries on
   * every batch of events was 3 % of a 100-worker run). */
  private readonly window: Change[] = [];
  private head = 0;
  /** Every change after this revision is in the window. */
  private complete = 0;

  /** Replaces everything with a fresh list from etcd. */
  reset(kvs: readonly KeyValue[], rev: number): void {
    this.objects.clear();
    this.byResource.clear();
    this.window.length = 0;
    this.head = 0;
    for (const kv of kvs) {
      const k = parseKey(kv.key);
      if (!k || !hasWatchCache(k.resource)) continue;
      const object = decode(kv);
      if (object) this.put(kv.key, { resource: k.resource, object, rev: kv.modRevision });
    }
    this.rev = rev;
    this.complete = rev;
  }

  /** Applies a batch of etcd watch events; returns the resulting changes. */
  apply(events: readonly WatchEvent[], revision: number): Change[] {
    const out: Change[] = [];
    for (const e of events) {
      if (e.kv.modRevision <= this.rev) continue; // already seen (a resumed watch)
      const k = parseKey(e.kv.key);
      // The cache still moves to the watch's revision below: it holds every cached
      // resource's changes up to it.
      if (!k || !hasWatchCache(k.resource)) continue;
      const before = this.objects.get(e.kv.key);
      let change: Change;
      const object = e.type === 'PUT' ? decode(e.kv) : undefined;
      if (object) {
        this.put(e.kv.key, { resource: k.resource, object, rev: e.kv.modRevision });
        change = before ? { rev: e.kv.modRevision, type: 'MODIFIED', resource: k.resource, object, prev: before.object } : { rev: e.kv.modRevision, type: 'ADDED', resource: k.resource, object };
      } else {
        // A delete, or a value that no longer decodes: either way the object is gone.
        if (!before) continue;
        this.objects.delete(e.kv.key);
        this.byResource.get(before.resource.prefix)?.delete(e.kv.key);
        const object = { ...before.object, metadata: { ...before.object.metadata, resourceVersion: String(e.kv.modRevision) } };
        change = { rev: e.kv.modRevision, type: 'DELETED', resource: k.resource, object, prev: before.object };
      }
      out.push(change);
      this.window.push(change);
    }
    if (this.window.length - this.head > WINDOW) {
      this.head = this.window.length - WINDOW;
      this.complete = this.window[this.head - 1]!.rev;
      if (this.head >= WINDOW) {
        this.window.splice(0, this.head);
        this.head = 0;
      }
    }
    this.rev = Math.max(this.rev, revision);
    return out;
  }

  private put(key: string, c: CachedObject): void {
    this.objects.set(key, c);
    let store = this.byResource.get(c.resource.prefix);
    if (store === undefined) this.byResource.set(c.resource.prefix, (store = new Map()));
    store.set(key, c);
  }

  get(key: string): CachedObject | undefined {
    return this.objects.get(key);
  }

  /** Objects whose key starts with prefix, in key order (etcd's order). */
  list(prefix: string): KubeObject[] {
    const out: [string, KubeObject][] = [];
    for (const [k, c] of this.storeOf(prefix)) if (k.startsWith(prefix)) out.push([k, c.object]);
    out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    return out.map(([, o]) => o);
  }

  /** The objects a list of `prefix` can find: its resource's when the prefix is within
   * one resource's (a resource, or a namespace of it), else all of them. */
  private storeOf(prefix: string): ReadonlyMap<string, CachedObject> {
    for (const r of RESOURCE_LIST) if (prefix.startsWith(r.prefix)) return this.byResource.get(r.prefix) ?? EMPTY;
    return this.objects;
  }

  /** Several resources' objects (by their key prefixes) in one pass over the cache, each
   * list in key order as `list` gives it. The UI's cluster summary reads six: six passes
   * over thousands of Events were a tenth of the page's simulation worker at 100 workers. */
  listResources(prefixes: readonly string[]): KubeObject[][] {
    const at = new Map(prefixes.map((p, i) => [p, i]));
    const out: [string, KubeObject][][] = prefixes.map(() => []);
    for (const [prefix, i] of at) {
      const store = this.byResource.get(prefix);
      if (store !== undefined) for (const [k, c] of store) out[i]!.push([k, c.object]);
    }
    return out.map((l) => l.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([, o]) => o));
  }

  /** The changes after `rev`, or undefined when some have left the window (410 Gone). */
  since(rev: number): Change[] | undefined {
    if (rev < this.complete) return undefined;
    if (rev >= this.rev) return [];
    let i = this.window.length;
    while (i > this.head && this.window[i - 1]!.rev > rev) i--;
    return this.window.slice(i);
  }

  get size(): number {
    return this.objects.size;
  }
}
