// The Job controller (pkg/controller/job, v1.31): runs a Job's pods until enough of
// them succeed, or gives up.
// - At most `parallelism` pods active, and never more than the completions still
//   missing; creations in slow-start batches (1, 2, 4, …, at most burstReplicas per
//   sync), as the ReplicaSet controller does, named <job>-<5 chars>, owned by the Job.
// - A failed pod is replaced after the pod failure back-off (10 s doubling, at most
//   10 min), counted from the last failure.
// - backoffLimit: more failed pods than that (restartPolicy Never), or as many container
//   restarts of the active pods (OnFailure), fails the Job with reason
//   BackoffLimitExceeded; activeDeadlineSeconds past startTime fails it with
//   DeadlineExceeded. Its active pods are deleted.
// - Terminal conditions come in two steps, as v1.31 does with JobPodReplacementPolicy
//   on: first the interim FailureTarget / SuccessCriteriaMet, then, once no pod of it
//   is active any more, Failed / Complete (with completionTime for Complete).
// Not modelled: Indexed completion, pod failure policies, success policies, suspend's
// pod deletion, the job-tracking finalizer (succeeded and failed counts never go down
// instead: a deleted finished pod stays counted).

import { matchesSelector } from '../api/labels';
import { finishedCondition, type Job, type JobCondition, type JobStatus } from '../api/batch-types';
import { parseTimestamp, timestamp } from '../api/time';
import type { Pod } from '../api/types';
import { controllerOf, isActive, isReady, ref, same, type Controller, type ControllerContext } from './context';
import { BURST_REPLICAS } from './replicaset';

/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff. */
const POD_FAILURE_BACKOFF_MS = 10_000;
const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;
/** In-flight creations are forgotten after this long (the real expectations: 5 min). */
const EXPECTATION_MS = 30_000;

export const BACKOFF_LIMIT_MESSAGE = 'Job has reached the specified backoff limit';
export const DEADLINE_MESSAGE = 'Job was active longer than specified deadline';

interface Expectation {
  adds: number;
  until: number;
}

/** When a terminated pod finished: its last container's finishedAt. */
function finishedAt(p: Pod): number {
  let t = NaN;
  for (const c of p.status?.containerStatuses ?? []) {
    const f = c.state?.terminated?.finishedAt;
    if (f) t = Number.isNaN(t) ? parseTimestamp(f) : Math.max(t, parseTimestamp(f));
  }
  return t;
}

export class JobController implements Controller {
  readonly name = 'job-controller';
  private readonly expect = new Map<string, Expectation>();

  constructor(private readonly ctx: ControllerContext) {}

  /** The pods informer saw a pod of ours created: one expectation met. */
  observed(pod: Pod): void {
    const e = this.expect.get(controllerOf(pod) ?? '');
    if (e) e.adds = Math.max(0, e.adds - 1);
  }

  sync(): void {
    const { informers } = this.ctx;
    if (informers.jobs.store.size === 0) return;
    const byOwner = new Map<string, Pod[]>();
    for (const p of informers.pods.store.values()) {
      const o = controllerOf(p);
      if (o) (byOwner.get(o) ?? byOwner.set(o, []).get(o)!).push(p);
    }
    for (const job of informers.jobs.store.values()) this.syncOne(job, byOwner.get(job.metadata.uid ?? '') ?? []);
  }

  private syncOne(job: Job, owned: Pod[]): void {
    if (job.metadata.deletionTimestamp || finishedCondition(job)) return;
    const now = this.ctx.rt.now();
    const spec = job.spec;
    const pods = owned.filter((p) => matchesSelector(spec.selector ?? {}, p.metadata.labels));
    const active = pods.filter(isActive);
    const terminating = pods.filter((p) => p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
    const failedPods = pods.filter((p) => p.status?.phase === 'Failed');
    const succeeded = Math.max(job.status?.succeeded ?? 0, pods.filter((p) => p.status?.phase === 'Succeeded').length);
    const failed = Math.max(job.status?.failed ?? 0, failedPods.length);
    const conditions = [...(job.status?.conditions ?? [])];
    const startTime = job.status?.startTime ?? (spec.suspend ? undefined : timestamp(now));
    let completionTime = job.status?.completionTime;
    const recorder = this.ctx.recorder.withComponent('job-controller');

    /** Recorded once the status that finishes the Job is sent (not on every retry). */
    let finalEvent: (() => void) | undefined;
    let interim = conditions.find((c) => (c.type === 'FailureTarget' || c.type === 'SuccessCriteriaMet') && c.status === 'True');
    if (!interim) {
      const backoffLimit = spec.backoffLimit ?? 6;
      const restarts = active.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, c) => m + (c.restartCount ?? 0), 0), 0);
      const onFailure = spec.template.spec.restartPolicy === 'OnFailure' && (backoffLimit === 0 ? restarts > 0 : restarts >= backoffLimit);
      const deadline = spec.activeDeadlineSeconds;
      const started = startTime ? parseTimestamp(startTime) : NaN;
      if (failed > backoffLimit || onFailure) interim = this.condition('FailureTarget', now, 'BackoffLimitExceeded', BACKOFF_LIMIT_MESSAGE);
      else if (deadline !== undefined && !Number.isNaN(started) && now - started >= deadline * 1000) interim = this.condition('FailureTarget', now, 'DeadlineExceeded', DEADLINE_MESSAGE);
      else if (spec.completions !== undefined ? succeeded >= spec.completions : succeeded > 0 && active.length === 0) interim = this.condition('SuccessCriteriaMet', now);
      if (interim) conditions.push(interim);
    }

    if (interim) {
      // Finishing: no new pods; a failed Job's (or a work queue's) leftovers are deleted.
      if (interim.type === 'FailureTarget' || active.length > 0) this.deleteAll(job, active);
      if (active.length === 0 && terminating.length === 0) {
        const finalType = interim.type === 'FailureTarget' ? 'Failed' : 'Complete';
        conditions.push({ ...interim, type: finalType, lastProbeTime: timestamp(now), lastTransitionTime: timestamp(now) });
        if (finalType === 'Complete') {
          completionTime = timestamp(now);
          finalEvent = () => recorder.record(ref(job), 'Normal', 'Completed', 'Job completed');
        } else finalEvent = () => recorder.record(ref(job), 'Warning', interim!.reason ?? 'Failed', interim!.message ?? '');
      }
    } else this.manage(job, active, failedPods, succeeded, failed, now);

    const status: JobStatus = {
      ...(conditions.length > 0 ? { conditions } : {}),
      ...(startTime ? { startTime } : {}),
      ...(completionTime ? { completionTime } : {}),
      ...(active.length > 0 ? { active: active.length } : {}),
      ...(succeeded > 0 ? { succeeded } : {}),
      ...(failed > 0 ? { failed } : {}),
      terminating: terminating.length,
      ready: active.filter(isReady).length,
      uncountedTerminatedPods: {},
    };
    if (same(status, job.status)) return;
    const release = this.ctx.claim(`job-status/${job.metadata.uid}`);
    if (!release) return;
    this.ctx.client.request({ verb: 'updateStatus', resource: 'jobs', namespace: job.metadata.namespace, name: job.metadata.name, body: { ...job, status } }, (r) => {
      release();
      if (r.ok) finalEvent?.();
    });
  }

  private condition(type: JobCondition['type'], now: number, reason?: string, message?: string): JobCondition {
    return { type, status: 'True', lastProbeTime: timestamp(now), lastTransitionTime: timestamp(now), ...(reason ? { reason } : {}), ...(message ? { message } : {}) };
  }

  /** Creates or deletes pods so that the right number is active. */
  private manage(job: Job, active: Pod[], failedPods: Pod[], succeeded: number, failed: number, now: number): void {
    const uid = job.metadata.uid ?? '';
    const e = this.expect.get(uid);
    if (e && e.adds > 0 && now <= e.until) return;
    const spec = job.spec;
    if (spec.suspend) return this.deleteAll(job, active);
    const parallelism = spec.parallelism ?? 1;
    // A work queue (no completions) stops starting pods once one succeeded.
    const want = spec.completions !== undefined ? Math.min(parallelism, Math.max(0, spec.completions - succeeded)) : succeeded > 0 ? 0 : parallelism;
    const diff = want - active.length;
    if (diff < 0) return this.deleteAll(job, [...active].sort((a, b) => ((b.metadata.creationTimestamp ?? '') < (a.metadata.creationTimestamp ?? '') ? -1 : 1)).slice(0, -diff));
    if (diff === 0) return;
    // The pod failure back-off: 10 s, 20 s, 40 s, … after the last failure.
    if (failed > 0) {
      const last = failedPods.reduce((t, p) => Math.max(t, finishedAt(p)), NaN);
      const delay = Math.min(MAX_POD_FAILURE_BACKOFF_MS, POD_FAILURE_BACKOFF_MS * 2 ** Math.min(20, failed - 1));
      if (!Number.isNaN(last) && now < last + delay) return;
    }
    this.create(job, Math.min(diff, BURST_REPLICAS));
  }

  private create(job: Job, n: number): void {
    const e: Expectation = { adds: n, until: this.ctx.rt.now() + EXPECTATION_MS };
    this.expect.set(job.metadata.uid ?? '', e);
    const batch = (left: number, size: number): void => {
      const count = Math.min(left, size);
      let answered = 0;
      let failed = false;
      for (let i = 0; i < count; i++) {
        this.createOne(job, (ok) => {
          failed ||= !ok;
          if (!ok) e.adds = Math.max(0, e.adds - 1);
          if (++answered < count) return;
          const rest = left - count;
          if (rest === 0) return;
          if (failed) e.adds = Math.max(0, e.adds - rest);
          else batch(rest, size * 2);
        });
      }
    };
    batch(n, 1);
  }

  private createOne(job: Job, done: (ok: boolean) => void): void {
    const recorder = this.ctx.recorder.withComponent('job-controller');
    const ns = job.metadata.namespace ?? 'default';
    const name = `${job.metadata.name}-${this.ctx.randomChars(5)}`;
    const template = job.spec.template;
    const pod: Pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...template.metadata,
        name,
        generateName: `${job.metadata.name}-`,
        namespace: ns,
        labels: { ...template.metadata?.labels },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name ?? '', uid: job.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: template.spec,
    };
    this.ctx.client.request({ verb: 'create', resource: 'pods', namespace: ns, body: pod }, (r) => {
      if (r.ok) recorder.record(ref(job), 'Normal', 'SuccessfulCreate', `Created pod: ${name}`);
      else recorder.record(ref(job), 'Warning', 'FailedCreate', `Error creating: ${r.status.message}`);
      done(r.ok);
    });
  }

  private deleteAll(job: Job, pods: Pod[]): void {
    const recorder = this.ctx.recorder.withComponent('job-controller');
    for (const p of pods) {
      const name = p.metadata.name ?? '';
      const release = this.ctx.claim(`job-delete/${p.metadata.uid}`);
      if (!release) continue;
      this.ctx.client.request({ verb: 'delete', resource: 'pods', namespace: p.metadata.namespace ?? 'default', name }, (r) => {
        if (r.ok) recorder.record(ref(job), 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`);
        release();
      });
    }
  }
}
