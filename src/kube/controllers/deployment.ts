// The Deployment controller: one ReplicaSet per pod template, named
// <deployment>-<pod-template-hash>, and a rolling update between them that keeps at
// most replicas + maxSurge pods and at least replicas − maxUnavailable available
// (25 % / 25 % by default). Scaling changes the current ReplicaSet only. Events say
// "Scaled up replica set web-5d8f7c9b6 to 3 from 0", as the real one does. A paused
// Deployment (`kubectl rollout pause`) rolls nothing out: a changed template makes no
// new ReplicaSet and a rollout in flight stays where it is, as the real controller's
// sync() for paused Deployments; its Progressing condition says DeploymentPaused.

import { timestamp } from '../api/time';
import type { Deployment, DeploymentStatus, ReplicaSet } from '../api/types';
import { controllerOf, ref, same, type Controller, type ControllerContext } from './context';

/** pod-template-hash: FNV-1a (32 bit) of the template, written in the alphabet of
 * k8s.io/apimachinery's SafeEncodeString (no vowels, no look-alike digits). */
export function templateHash(template: unknown): string {
  const known = typeof template === 'object' && template !== null ? hashes.get(template) : undefined;
  if (known !== undefined) return known;
  const text = JSON.stringify(template);
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  let out = '';
  for (const ch of String(h)) out += alphabet[ch.charCodeAt(0) % alphabet.length];
  if (typeof template === 'object' && template !== null) hashes.set(template, out);
  return out;
}

/** Hashes by template object: informer objects are never mutated, only replaced. */
const hashes = new WeakMap<object, string>();

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** "25%" of n, rounded up (surge) or down (unavailable); plain numbers as they are. */
function scaled(v: number | string | undefined, n: number, up: boolean): number {
  if (v === undefined) return up ? Math.ceil(n / 4) : Math.floor(n / 4);
  if (typeof v === 'number') return v;
  const pct = Number(v.replace('%', '')) / 100;
  return up ? Math.ceil(pct * n) : Math.floor(pct * n);
}

const REVISION = 'deployment.kubernetes.io/revision';

/** A new ReplicaSet's revision: one more than any of the Deployment's so far. */
function nextRevision(sets: readonly ReplicaSet[]): number {
  return sets.reduce((max, rs) => Math.max(max, Number(rs.metadata.annotations?.[REVISION] ?? 0) || 0), 0) + 1;
}

export class DeploymentController implements Controller {
  readonly name = 'deployment-controller';

  /** Per Deployment uid: the objects of its last sync that found nothing to write. The
   * same objects would find nothing again (a sync reads only them, and writes nothing
   * time-dependent when it writes nothing), so they are not looked at again: the real
   * controller only syncs a Deployment when an event queues it. */
  private readonly quiet = new Map<string, { d: Deployment; sets: readonly ReplicaSet[] }>();
  /** Set by every write this sync attempted (or found claimed). */
  private acted = false;

  constructor(private readonly ctx: ControllerContext) {}

  sync(): void {
    const owned = new Map<string, ReplicaSet[]>();
    for (const rs of this.ctx.informers.replicasets.store.values()) {
      const o = controllerOf(rs);
      if (o) (owned.get(o) ?? owned.set(o, []).get(o)!).push(rs);
    }
    const seen = new Set<string>();
    for (const d of this.ctx.informers.deployments.store.values()) {
      if (d.metadata.deletionTimestamp) continue;
      const uid = d.metadata.uid ?? '';
      const sets = owned.get(uid) ?? [];
      seen.add(uid);
      const q = this.quiet.get(uid);
      if (q && q.d === d && sameItems(q.sets, sets)) continue;
      this.acted = false;
      this.syncOne(d, sets);
      if (this.acted) this.quiet.delete(uid);
      else this.quiet.set(uid, { d, sets });
    }
    for (const uid of this.quiet.keys()) if (!seen.has(uid)) this.quiet.delete(uid);
  }

  private syncOne(d: Deployment, sets: ReplicaSet[]): void {
    const hash = templateHash(d.spec.template);
    const replicas = d.spec.replicas ?? 1;
    const newRS = sets.find((rs) => rs.metadata.labels?.['pod-template-hash'] === hash);
    const old = sets.filter((rs) => rs !== newRS);
    const recreate = d.spec.strategy?.type === 'Recreate';
    const surge = recreate ? 0 : scaled(d.spec.strategy?.rollingUpdate?.maxSurge, replicas, true);
    const unavailable = recreate ? replicas : scaled(d.spec.strategy?.rollingUpdate?.maxUnavailable, replicas, false);
    const total = sets.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
    if (d.spec.paused) return this.syncPaused(d, sets, newRS);

    if (!newRS) {
      const oldActive = old.reduce((n, rs) => n + (rs.spec.replicas ?? 0), 0);
      if (recreate && oldActive > 0) return this.scaleOld(d, old, oldActive);
      const start = old.length === 0 ? replicas : Math.max(0, Math.min(replicas, replicas + surge - total));
      return this.createRS(d, hash, start, nextRevision(sets), replicas + surge);
    }
    // A ReplicaSet that becomes the new one again (kubectl rollout undo) takes the next
    // revision, as getNewReplicaSet's SetNewReplicaSetAnnotations writes it: history
    // then lists 2, 3 instead of 1, 2.
    const next = nextRevision(old);
    if (old.length > 0 && Number(newRS.metadata.annotations?.[REVISION] ?? 0) < next) return this.renumber(d, newRS, next);
    this.stampRevision(d, newRS);
    let want = newRS.spec.replicas ?? 0;
    if (old.every((rs) => (rs.spec.replicas ?? 0) === 0)) want = replicas;
    else if (want < replicas) want = Math.min(replicas, want + Math.max(0, replicas + surge - total));
    if (want !== (newRS.spec.replicas ?? 0)) return this.scale(d, newRS, want);

    // Scale old sets down as far as availability allows.
    const available = sets.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0);
    let room = available - (replicas - unavailable);
    const newUnavailable = (newRS.spec.replicas ?? 0) - (newRS.status?.availableReplicas ?? 0);
    room -= Math.max(0, newUnavailable);
    for (const rs of old) {
      const cur = rs.spec.replicas ?? 0;
      if (cur === 0) continue;
      // Unavailable old pods can always go.
      const down = Math.min(cur, Math.max(room, cur - (rs.status?.availableReplicas ?? 0)));
      if (down <= 0) continue;
      room -= down;
      this.scale(d, rs, cur - down);
    }
    this.updateStatus(d, sets, newRS);
  }

  /** deployment_controller.go's sync() for a paused Deployment: no ReplicaSet is made
   * for a new template and no rollout step is taken; only a scale of the one active
   * ReplicaSet follows `replicas` (the real one also spreads a scale proportionally over
   * several active ones in a paused rollout: not simulated, they stay as they are). */
  private syncPaused(d: Deployment, sets: ReplicaSet[], newRS: ReplicaSet | undefined): void {
    const replicas = d.spec.replicas ?? 1;
    const active = sets.filter((rs) => (rs.spec.replicas ?? 0) > 0);
    const only = active.length === 1 ? active[0] : active.length === 0 ? newRS : undefined;
    if (only && (only.spec.replicas ?? 0) !== replicas) return this.scale(d, only, replicas);
    this.updateStatus(d, sets, newRS);
  }

  private scaleOld(d: Deployment, old: ReplicaSet[], _active: number): void {
    for (const rs of old) if ((rs.spec.replicas ?? 0) > 0) this.scale(d, rs, 0);
  }

  /** The Deployment carries its newest ReplicaSet's revision (what `kubectl rollout
   * history` lists), as SetDeploymentRevision writes it. */
  private stampRevision(d: Deployment, newRS: ReplicaSet): void {
    const rev = newRS.metadata.annotations?.[REVISION];
    if (!rev || d.metadata.annotations?.[REVISION] === rev) return;
    this.acted = true;
    const release = this.ctx.claim(`deploy-rev/${d.metadata.uid}`);
    if (!release) return;
    const body: Deployment = { ...d, metadata: { ...d.metadata, annotations: { ...d.metadata.annotations, [REVISION]: rev } } };
    this.ctx.client.request({ verb: 'update', resource: 'deployments', namespace: d.metadata.namespace, name: d.metadata.name, body }, release);
  }

  private renumber(d: Deployment, rs: ReplicaSet, revision: number): void {
    this.acted = true;
    const release = this.ctx.claim(`deploy-renumber/${rs.metadata.uid}`);
    if (!release) return;
    const body: ReplicaSet = { ...rs, metadata: { ...rs.metadata, annotations: { ...rs.metadata.annotations, [REVISION]: String(revision) } } };
    this.ctx.client.request({ verb: 'update', resource: 'replicasets', namespace: d.metadata.namespace, name: rs.metadata.name, body }, release);
  }

  private createRS(d: Deployment, hash: string, replicas: number, revision: number, maxReplicas: number): void {
    this.acted = true;
    const release = this.ctx.claim(`deploy-new-rs/${d.metadata.uid}/${hash}`);
    if (!release) return;
    const ns = d.metadata.namespace ?? 'default';
    const labels = { ...d.spec.template.metadata?.labels, 'pod-template-hash': hash };
    const rs: ReplicaSet = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: ns,
        labels,
        annotations: { 'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1), 'deployment.kubernetes.io/max-replicas': String(maxReplicas), [REVISION]: String(revision) },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name ?? '', uid: d.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        replicas,
        selector: { ...d.spec.selector, matchLabels: { ...d.spec.selector.matchLabels, 'pod-template-hash': hash } },
        template: { ...d.spec.template, metadata: { ...d.spec.template.metadata, labels } },
      },
    };
    this.ctx.client.request({ verb: 'create', resource: 'replicasets', namespace: ns, body: rs }, (r) => {
      release();
      if (r.ok) this.ctx.recorder.withComponent('deployment-controller').record(ref(d), 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${rs.metadata.name} to ${replicas}`);
    });
  }

  private scale(d: Deployment, rs: ReplicaSet, to: number): void {
    this.acted = true;
    const release = this.ctx.claim(`scale/${rs.metadata.uid}`);
    if (!release) return;
    const from = rs.spec.replicas ?? 0;
    const body: ReplicaSet = {
      ...rs,
      metadata: { ...rs.metadata, annotations: { ...rs.metadata.annotations, 'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas ?? 1) } },
      spec: { ...rs.spec, replicas: to },
    };
    this.ctx.client.request({ verb: 'update', resource: 'replicasets', namespace: rs.metadata.namespace, name: rs.metadata.name, body }, (r) => {
      release();
      if (r.ok) this.ctx.recorder.withComponent('deployment-controller').record(ref(d), 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} to ${to} from ${from}`);
    });
  }

  private updateStatus(d: Deployment, sets: ReplicaSet[], newRS: ReplicaSet | undefined): void {
    const replicas = d.spec.replicas ?? 1;
    const sum = (f: (rs: ReplicaSet) => number | undefined) => sets.reduce((n, rs) => n + (f(rs) ?? 0), 0);
    const available = sum((rs) => rs.status?.availableReplicas);
    const unavailable = scaled(d.spec.strategy?.rollingUpdate?.maxUnavailable, replicas, false);
    const was = d.status?.conditions ?? [];
    const cond = (type: 'Available' | 'Progressing', status: 'True' | 'False' | 'Unknown', reason: string, message: string) => {
      const prev = was.find((c) => c.type === type);
      const ts = prev && prev.status === status && prev.reason === reason ? prev.lastTransitionTime : timestampNow(this.ctx);
      return { type, status, lastUpdateTime: prev?.reason === reason ? prev.lastUpdateTime : timestampNow(this.ctx), lastTransitionTime: ts, reason, message };
    };
    const complete = newRS !== undefined && (newRS.status?.availableReplicas ?? 0) >= replicas && sum((rs) => rs.spec.replicas) === replicas;
    const wasPaused = was.find((c) => c.type === 'Progressing')?.reason === 'DeploymentPaused';
    // checkPausedConditions: paused, then resumed, say so before the rollout goes on.
    const progressing = d.spec.paused
      ? cond('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused')
      : wasPaused
        ? cond('Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed')
        : complete
          ? cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${newRS.metadata.name}" has successfully progressed.`)
          : cond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${newRS?.metadata.name ?? ''}" is progressing.`);
    const status: DeploymentStatus = {
      observedGeneration: d.metadata.generation ?? 1,
      replicas: sum((rs) => rs.status?.replicas),
      updatedReplicas: newRS?.status?.replicas ?? 0,
      readyReplicas: sum((rs) => rs.status?.readyReplicas),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, replicas - available),
      conditions: [
        available >= replicas - unavailable
          ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
          : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
        progressing,
      ],
    };
    const strip = (s: DeploymentStatus | undefined) => ({ ...s, conditions: s?.conditions?.map((c) => ({ type: c.type, status: c.status, reason: c.reason })) });
    if (same(strip(status), strip(d.status))) return;
    this.acted = true;
    const release = this.ctx.claim(`deploy-status/${d.metadata.uid}`);
    if (!release) return;
    this.ctx.client.request({ verb: 'updateStatus', resource: 'deployments', namespace: d.metadata.namespace, name: d.metadata.name, body: { ...d, status } }, release);
  }
}

function timestampNow(ctx: ControllerContext): string {
  return timestamp(ctx.rt.now());
}
