// The cacher's trigger index: a Pod watch with a `spec.nodeName=` field selector (every
// kubelet's) is kept under that node name, as kube-apiserver's cacher keys such watchers
// by their trigger value (pkg/registry/core/pod/storage: TriggerFunc on spec.nodeName,
// k8s.io/apiserver cacher.go's valueWatchers), so a pod's change is looked at by the
// watchers of its node (before and after the change) and by those without a node filter,
// not by the hundred kubelets' watchers of a 100-worker cluster.

import type { Pod } from '../api/types';
import type { Change } from './cache';
import type { Watcher } from './watchers';

/** A resource's watchers, each with its place in the apiserver's order (sends go out in
 * that order, as they did when every watcher was visited). */
export interface WatcherIndex {
  /** Every watcher of the resource, in order. */
  readonly all: readonly Watcher[];
  /** Watchers without a node filter, with their places, and alone. */
  readonly unfiltered: readonly Placed[];
  readonly unfilteredWatchers: readonly Watcher[];
  /** Watchers with a node filter, by node name. */
  readonly byNode: ReadonlyMap<string, readonly Placed[]>;
}

interface Placed {
  readonly at: number;
  readonly w: Watcher;
}

export function indexWatchers(all: readonly Watcher[]): WatcherIndex {
  const unfiltered: Placed[] = [];
  const byNode = new Map<string, Placed[]>();
  for (let at = 0; at < all.length; at++) {
    const w = all[at]!;
    const node = w.options?.nodeName;
    if (node === undefined) {
      unfiltered.push({ at, w });
      continue;
    }
    const list = byNode.get(node);
    if (list) list.push({ at, w });
    else byNode.set(node, [{ at, w }]);
  }
  return { all, unfiltered, unfilteredWatchers: unfiltered.map(watcherOf), byNode };
}

/** The watchers that can see anything of `changes` (all of the index's resource), in
 * order: a node-filtered watcher matches an object only when its node is the object's
 * spec.nodeName (watchers.ts `matches`), so one whose node is neither a changed object's
 * nor its previous state's would get nothing. */
export function watchersFor(index: WatcherIndex, changes: readonly Change[]): readonly Watcher[] {
  if (index.byNode.size === 0) return index.all;
  let lists: (readonly Placed[])[] | undefined;
  for (let i = 0; i < changes.length; i++) {
    const c = changes[i]!;
    lists = withNode(index, lists, nodeOf(c.object));
    if (c.prev !== undefined) lists = withNode(index, lists, nodeOf(c.prev));
  }
  if (lists === undefined) return index.unfilteredWatchers;
  const placed = [...index.unfiltered];
  for (const l of lists) for (const p of l) placed.push(p);
  placed.sort(byPlace);
  return placed.map(watcherOf);
}

/** The object's node as `matches` reads it. */
function nodeOf(o: unknown): string | undefined {
  return (o as Pod).spec?.nodeName;
}

function withNode(index: WatcherIndex, lists: (readonly Placed[])[] | undefined, node: string | undefined): (readonly Placed[])[] | undefined {
  if (node === undefined) return lists;
  const l = index.byNode.get(node);
  if (l === undefined || lists?.includes(l)) return lists;
  if (lists === undefined) return [l];
  lists.push(l);
  return lists;
}

function byPlace(a: Placed, b: Placed): number {
  return a.at - b.at;
}

function watcherOf(p: Placed): Watcher {
  return p.w;
}
