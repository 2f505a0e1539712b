// The CronJob controller (pkg/controller/cronjob, the v2 controller of v1.31) and the
// TTL-after-finished controller.
// CronJob: at each time its schedule names (sim clock, UTC), a Job from its jobTemplate,
// named <cronjob>-<scheduled time in minutes since the Unix epoch> (so a retried
// creation finds the same name: AlreadyExists), owned by the CronJob and annotated with
// batch.kubernetes.io/cronjob-scheduled-timestamp. Only the most recent missed time
// runs; startingDeadlineSeconds drops a start that is too late. concurrencyPolicy
// Allow / Forbid (skip while one is active) / Replace (delete the active ones first);
// suspend stops new runs. Finished Jobs leave status.active ("SawCompletedJob"), and the
// oldest beyond successfulJobsHistoryLimit / failedJobsHistoryLimit are deleted (their
// pods follow through the garbage collector).

import { finishedCondition, type CronJob, type CronJobStatus, type Job } from '../api/batch-types';
import { nextTime, parseSchedule, type Schedule } from '../api/cron';
import { parseTimestamp, timestamp, unixSeconds } from '../api/time';
import type { ObjectReference } from '../api/types';
import { controllerOf, ref, same, type Controller, type ControllerContext } from './context';

/** The controller gives up on a CronJob that missed more start times than this. */
const TOO_MANY_MISSED = 100;

export class CronJobController implements Controller {
  readonly name = 'cronjob-controller';
  /** Parsed schedules by text (parsing is the only costly part of a sync). */
  private readonly schedules = new Map<string, Schedule | undefined>();

  constructor(private readonly ctx: ControllerContext) {}

  sync(): void {
    const { informers } = this.ctx;
    if (informers.cronjobs.store.size === 0) return;
    const byOwner = new Map<string, Job[]>();
    for (const j of informers.jobs.store.values()) {
      const o = controllerOf(j);
      if (o) (byOwner.get(o) ?? byOwner.set(o, []).get(o)!).push(j);
    }
    for (const cj of informers.cronjobs.store.values()) if (!cj.metadata.deletionTimestamp) this.syncOne(cj, byOwner.get(cj.metadata.uid ?? '') ?? []);
  }

  private schedule(text: string): Schedule | undefined {
    if (!this.schedules.has(text)) {
      const s = parseSchedule(text);
      this.schedules.set(text, 'error' in s ? undefined : s);
    }
    return this.schedules.get(text);
  }

  private syncOne(cj: CronJob, jobs: Job[]): void {
    const now = this.ctx.rt.now();
    const recorder = this.ctx.recorder.withComponent('cronjob-controller');
    const status: CronJobStatus = { ...cj.status };
    let active: ObjectReference[] = [...(cj.status?.active ?? [])];
    // Finished Jobs leave the active list; a running one missing from it is added back.
    for (const j of jobs) {
      const done = finishedCondition(j);
      const listed = active.some((a) => a.uid === j.metadata.uid);
      if (done && listed) {
        active = active.filter((a) => a.uid !== j.metadata.uid);
        this.once(`saw/${j.metadata.uid}`, () => recorder.record(ref(cj), 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, status: ${done.type}`));
        if (done.type === 'Complete') {
          const t = j.status?.completionTime;
          if (t && (!status.lastSuccessfulTime || parseTimestamp(t) > parseTimestamp(status.lastSuccessfulTime))) status.lastSuccessfulTime = t;
        }
      } else if (!done && !listed && !j.metadata.deletionTimestamp) active.push(jobRef(j));
    }
    // A listed Job that is gone (deleted by hand) is dropped.
    active = active.filter((a) => jobs.some((j) => j.metadata.uid === a.uid));
    this.cleanHistory(cj, jobs);
    const scheduled = cj.spec.suspend ? undefined : this.dueTime(cj, now);
    if (scheduled !== undefined) {
      const deadline = cj.spec.startingDeadlineSeconds;
      const tooLate = deadline !== undefined && now - scheduled > deadline * 1000;
      if (tooLate) {
        this.once(`miss/${cj.metadata.uid}/${scheduled}`, () => recorder.record(ref(cj), 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${timestamp(scheduled)}`));
      } else if (cj.spec.concurrencyPolicy === 'Forbid' && active.length > 0) {
        // Skipped: this run is not made at all (a later time may be).
      } else {
        if (cj.spec.concurrencyPolicy === 'Replace') for (const a of active) this.deleteJob(cj, a.name ?? '', 'SuccessfulDelete');
        if (cj.spec.concurrencyPolicy === 'Replace') active = [];
        this.createJob(cj, scheduled);
      }
      status.lastScheduleTime = timestamp(scheduled);
    }
    const next: CronJobStatus = { ...(active.length > 0 ? { active } : {}), ...(status.lastScheduleTime ? { lastScheduleTime: status.lastScheduleTime } : {}), ...(status.lastSuccessfulTime ? { lastSuccessfulTime: status.lastSuccessfulTime } : {}) };
    if (same(next, cj.status ?? {})) return;
    const release = this.ctx.claim(`cronjob-status/${cj.metadata.uid}`);
    if (!release) return;
    this.ctx.client.request({ verb: 'updateStatus', resource: 'cronjobs', namespace: cj.metadata.namespace, name: cj.metadata.name, body: { ...cj, status: next } }, release);
  }

  /** The most recent scheduled time in (last schedule or creation, now], if any. */
  private dueTime(cj: CronJob, now: number): number | undefined {
    const s = this.schedule(cj.spec.schedule);
    if (!s) return undefined;
    const from = parseTimestamp(cj.status?.lastScheduleTime ?? cj.metadata.creationTimestamp ?? '');
    if (Number.isNaN(from)) return undefined;
    let t = nextTime(s, from);
    if (t === undefined || t > now) return undefined;
    let missed = 1;
    for (let n = nextTime(s, t); n !== undefined && n <= now; n = nextTime(s, n)) {
      t = n;
      if (++missed > TOO_MANY_MISSED) {
        this.once(`toomany/${cj.metadata.uid}`, () => this.ctx.recorder.withComponent('cronjob-controller').record(ref(cj), 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew'));
        break;
      }
    }
    return t;
  }

  private createJob(cj: CronJob, scheduled: number): void {
    const recorder = this.ctx.recorder.withComponent('cronjob-controller');
    const name = `${cj.metadata.name}-${Math.floor(unixSeconds(scheduled) / 60)}`;
    // Claimed for good: this name is made once (a new leader starts without claims and
    // meets AlreadyExists).
    if (!this.ctx.claim(`cronjob-create/${cj.metadata.uid}/${name}`)) return;
    const tmpl = cj.spec.jobTemplate;
    const job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        namespace: cj.metadata.namespace,
        labels: { ...tmpl.metadata?.labels },
        annotations: { ...tmpl.metadata?.annotations, 'batch.kubernetes.io/cronjob-scheduled-timestamp': timestamp(scheduled) },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name ?? '', uid: cj.metadata.uid ?? '', controller: true, blockOwnerDeletion: true }],
      },
      spec: tmpl.spec,
    } as Job;
    this.ctx.client.request({ verb: 'create', resource: 'jobs', namespace: cj.metadata.namespace, body: job }, (r) => {
      if (r.ok) recorder.record(ref(cj), 'Normal', 'SuccessfulCreate', `Created job ${name}`);
      else if (r.status.reason !== 'AlreadyExists') recorder.record(ref(cj), 'Warning', 'FailedCreate', `Error creating job: ${r.status.message}`);
    });
  }

  private deleteJob(cj: CronJob, name: string, reason: string): void {
    const release = this.ctx.claim(`cronjob-delete/${cj.metadata.namespace}/${name}`);
    if (!release) return;
    this.ctx.client.request({ verb: 'delete', resource: 'jobs', namespace: cj.metadata.namespace, name }, (r) => {
      if (r.ok) this.ctx.recorder.withComponent('cronjob-controller').record(ref(cj), 'Normal', reason, `Deleted job ${name}`);
    });
  }

  /** Keeps the newest successfulJobsHistoryLimit Complete and failedJobsHistoryLimit
   * Failed Jobs. */
  private cleanHistory(cj: CronJob, jobs: Job[]): void {
    const byStart = (a: Job, b: Job) => (a.status?.startTime ?? a.metadata.creationTimestamp ?? '').localeCompare(b.status?.startTime ?? b.metadata.creationTimestamp ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '');
    const live = jobs.filter((j) => !j.metadata.deletionTimestamp);
    for (const [type, limit] of [['Complete', cj.spec.successfulJobsHistoryLimit ?? 3], ['Failed', cj.spec.failedJobsHistoryLimit ?? 1]] as const) {
      const done = live.filter((j) => finishedCondition(j)?.type === type).sort(byStart);
      for (const j of done.slice(0, Math.max(0, done.length - limit))) this.deleteJob(cj, j.metadata.name ?? '', 'SuccessfulDelete');
    }
  }

  /** Things said once per key (events that a later sync would repeat). */
  private readonly said = new Set<string>();
  private once(key: string, fn: () => void): void {
    if (this.said.has(key)) return;
    this.said.add(key);
    fn();
  }
}

function jobRef(j: Job): ObjectReference {
  return { kind: 'Job', namespace: j.metadata.namespace, name: j.metadata.name, uid: j.metadata.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata.resourceVersion };
}

/** The TTL-after-finished controller: deletes a finished Job ttlSecondsAfterFinished
 * after it finished (completionTime, or when it failed). */
export class TtlAfterFinishedController implements Controller {
  readonly name = 'ttl-after-finished-controller';

  constructor(private readonly ctx: ControllerContext) {}

  sync(): void {
    const now = this.ctx.rt.now();
    for (const job of this.ctx.informers.jobs.store.values()) {
      const ttl = job.spec.ttlSecondsAfterFinished;
      if (ttl === undefined || job.metadata.deletionTimestamp) continue;
      const done = finishedCondition(job);
      if (!done) continue;
      const at = parseTimestamp((done.type === 'Complete' ? job.status?.completionTime : undefined) ?? done.lastTransitionTime ?? '');
      if (Number.isNaN(at) || now < at + ttl * 1000) continue;
      const release = this.ctx.claim(`ttl/${job.metadata.uid}`);
      if (!release) continue;
      this.ctx.client.request({ verb: 'delete', resource: 'jobs', namespace: job.metadata.namespace, name: job.metadata.name }, release);
    }
  }
}
