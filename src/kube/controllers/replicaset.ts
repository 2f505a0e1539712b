// The ReplicaSet controller: keeps `spec.replicas` active pods matching the template,
// owned through ownerReferences. It creates pods named <rs>-<5 chars>, deletes the
// least valuable extras first (unscheduled, pending, not ready, newest), records
// SuccessfulCreate / SuccessfulDelete, and counts its own in-flight creations and
// deletions ("expectations") so it never acts twice on a stale cache.

import { matchesSelector } from '../api/labels';
import type { Pod, ReplicaSet, ReplicaSetStatus } from '../api/types';
import { controllerOf, isActive, isReady, ref, same, type Controller, type ControllerContext } from './context';

/** In-flight creations and deletions are forgotten after this long (the real timeout is 5 min). */
const EXPECTATION_MS = 30_000;
/** kube-controller-manager's BurstReplicas: at most this many creations or deletions
 * per sync of one ReplicaSet, so `--replicas=20000` arrives 500 at a time. */
export const BURST_REPLICAS = 500;
/** SlowStartInitialBatchSize: the first batch of creations; each batch that succeeds
 * doubles the next, and a failure stops the rest (a quota or a webhook that refuses
 * one pod would refuse them all). */
const SLOW_START_INITIAL_BATCH = 1;

/** A pod's flags in Derived. */
const ACTIVE = 1;
const READY = 2;

interface Derived {
  gen: number;
  readonly selector: string;
  /** Per pod key of the owner's list: ACTIVE, and READY when active and Ready. */
  readonly flags: Map<string, number>;
  active: number;
  ready: number;
}

interface Expectation {
  adds: number;
  dels: number;
  until: number;
}

export class ReplicaSetController implements Controller {
  readonly name = 'replicaset-controller';
  private readonly expect = new Map<string, Expectation>();

  constructor(private readonly ctx: ControllerContext) {}

  /** The pods informer saw a pod created / going away: one expectation met. */
  observed(pod: Pod, kind: 'add' | 'del'): void {
    const owner = controllerOf(pod);
    if (!owner) return;
    const e = this.expect.get(owner);
    if (!e) return;
    if (kind === 'add') e.adds = Math.max(0, e.adds - 1);
    else e.dels = Math.max(0, e.dels - 1);
  }

  /** Without an expectation outstanding nothing here moves with the clock. */
  timeless(): boolean {
    for (const e of this.expect.values()) if (e.adds > 0 || e.dels > 0) return false;
    return true;
  }

  /** What each ReplicaSet's sync derived from its pods, by uid: per pod key whether it
   * is active (owned, selected, not terminating or finished) and Ready, and the counts.
   * Brought up to date from the keys the owner index says moved since `gen` (during a
   * rollout one or two of a thousand per sync), and made afresh when its selector
   * changed or the index no longer knows. */
  private readonly derived = new Map<string, Derived>();

  sync(): void {
    const { informers } = this.ctx;
    const seen = new Set<string>();
    for (const rs of informers.replicasets.store.values()) {
      seen.add(rs.metadata.uid ?? '');
      this.syncOne(rs);
    }
    for (const uid of this.derived.keys()) if (!seen.has(uid)) this.derived.delete(uid);
  }

  /** How many of the ReplicaSet's pods are active, and how many of those are Ready:
   * its pods from the owner index, not a walk of every pod. */
  private owned(rs: ReplicaSet): Derived {
    const uid = rs.metadata.uid ?? '';
    const index = this.ctx.podsByOwner;
    const gen = index.generation(uid);
    const selector = JSON.stringify(rs.spec.selector);
    let d = this.derived.get(uid);
    if (d && d.gen === gen && d.selector === selector) return d;
    const changed = d && d.selector === selector ? index.changedSince(uid, d.gen) : undefined;
    if (!d || !changed) {
      d = { gen, selector, flags: new Map(), active: 0, ready: 0 };
      this.derived.set(uid, d);
      this.refresh(rs, d, index.keys(uid));
    } else this.refresh(rs, d, changed);
    d.gen = gen;
    return d;
  }

  /** Counts `keys`' pods again (each is in the owner's list now, or left it). */
  private refresh(rs: ReplicaSet, d: Derived, keys: readonly string[]): void {
    const uid = rs.metadata.uid ?? '';
    for (const key of keys) {
      const was = d.flags.get(key) ?? 0;
      const p = this.ctx.podsByOwner.get(uid, key);
      const active = p !== undefined && matchesSelector(rs.spec.selector, p.metadata.labels) && isActive(p);
      const now = active ? (isReady(p) ? ACTIVE | READY : ACTIVE) : 0;
      d.active += (now & ACTIVE) - (was & ACTIVE);
      d.ready += ((now & READY) - (was & READY)) / READY;
      if (p === undefined) d.flags.delete(key);
      else d.flags.set(key, now);
    }
  }

  /** The active pods themselves, in the store's order (for a scale-down's ranking). */
  private activePods(rs: ReplicaSet): Pod[] {
    return this.ctx.podsByOwner.list(rs.metadata.uid ?? '').filter((p) => matchesSelector(rs.spec.selector, p.metadata.labels) && isActive(p));
  }

  private syncOne(rs: ReplicaSet): void {
    if (rs.metadata.deletionTimestamp) return;
    const uid = rs.metadata.uid ?? '';
    const now = this.ctx.rt.now();
    const { active, ready } = this.owned(rs);
    const e = this.expect.get(uid);
    const satisfied = !e || (e.adds === 0 && e.dels === 0) || now > e.until;
    if (satisfied) {
      const want = rs.spec.replicas ?? 1;
      const diff = active - want;
      if (diff < 0) this.create(rs, Math.min(-diff, BURST_REPLICAS));
      else if (diff > 0) this.remove(rs, this.activePods(rs), Math.min(diff, BURST_REPLICAS));
    }
    this.updateStatus(rs, active, ready);
  }

  /** slowStartBatch: batches of 1, 2, 4, … creations, each sent once the previous
   * one all succeeded. */
  private create(rs: ReplicaSet, n: number): void {
    const { rt } = this.ctx;
    const uid = rs.metadata.uid ?? '';
    const e: Expectation = { adds: n, dels: 0, until: rt.now() + EXPECTATION_MS };
    this.expect.set(uid, e);
    const batch = (left: number, size: number): void => {
      const count = Math.min(left, size);
      let answered = 0;
      let failed = false;
      for (let i = 0; i < count; i++) {
        this.createOne(rs, (ok) => {
          failed ||= !ok;
          if (++answered < count) return;
          const rest = left - count;
          if (rest === 0) return;
          // The pods never asked for will not be observed: expect them no more.
          if (failed) e.adds = Math.max(0, e.adds - rest);
          else batch(rest, size * 2);
        });
      }
    };
    batch(n, SLOW_START_INITIAL_BATCH);
  }

  private createOne(rs: ReplicaSet, done: (ok: boolean) => void): void {
    const { client } = this.ctx;
    const recorder = this.ctx.recorder.withComponent('replicaset-controller');
    const uid = rs.metadata.uid ?? '';
    const ns = rs.metadata.namespace ?? 'default';
    const name = `${rs.metadata.name}-${this.ctx.randomChars(5)}`;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...rs.spec.template.metadata,
        name,
        namespace: ns,
        labels: { ...rs.spec.template.metadata?.labels },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name ?? '', uid, controller: true, blockOwnerDeletion: true }],
      },
      spec: rs.spec.template.spec,
    };
    client.request({ verb: 'create', resource: 'pods', namespace: ns, body: pod }, (r) => {
      if (r.ok) recorder.record(ref(rs), 'Normal', 'SuccessfulCreate', `Created pod: ${name}`);
      else {
        this.observed(pod, 'add');
        recorder.record(ref(rs), 'Warning', 'FailedCreate', `Error creating: ${r.status.message}`);
      }
      done(r.ok);
    });
  }

  private remove(rs: ReplicaSet, active: Pod[], n: number): void {
    const { client, rt } = this.ctx;
    const recorder = this.ctx.recorder.withComponent('replicaset-controller');
    this.expect.set(rs.metadata.uid ?? '', { adds: 0, dels: n, until: rt.now() + EXPECTATION_MS });
    const rank = (p: Pod) => (p.spec.nodeName ? 1 : 0) * 4 + (p.status?.phase === 'Running' ? 1 : 0) * 2 + (isReady(p) ? 1 : 0);
    const victims = [...active].sort((a, b) => rank(a) - rank(b) || ((b.metadata.creationTimestamp ?? '') < (a.metadata.creationTimestamp ?? '') ? -1 : 1)).slice(0, n);
    for (const p of victims) {
      const name = p.metadata.name ?? '';
      client.request({ verb: 'delete', resource: 'pods', namespace: p.metadata.namespace ?? 'default', name }, (r) => {
        if (r.ok) recorder.record(ref(rs), 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
        else this.observed(p, 'del');
      });
    }
  }

  private updateStatus(rs: ReplicaSet, replicas: number, ready: number): void {
    const status: ReplicaSetStatus = {
      replicas,
      fullyLabeledReplicas: replicas,
      readyReplicas: ready,
      availableReplicas: ready,
      observedGeneration: rs.metadata.generation ?? 1,
    };
    if (same(status, rs.status)) return;
    const release = this.ctx.claim(`rs-status/${rs.metadata.uid}`);
    if (!release) return;
    this.ctx.client.request({ verb: 'updateStatus', resource: 'replicasets', namespace: rs.metadata.namespace, name: rs.metadata.name, body: { ...rs, status } }, release);
  }
}
