// `kubectl describe job` and `kubectl describe cronjob` as kubectl 1.31's describers
// (JobDescriber, CronJobDescriber) print them.

import type { CronJob, Job, JobSpec } from '../api/batch-types';
import { parseTimestamp } from '../api/time';
import { annotationsMultiline, labelsMultiline } from './describe-meta';
import type { W } from './describe-unstructured';
import { describePodTemplate } from './describe';
import { humanDuration, rfc1123z, selectorString } from './print';

export function describeJob(w: W, job: Job): void {
  const s = job.spec;
  const st = job.status ?? {};
  w(0, `Name:\t${job.metadata.name ?? ''}\n`);
  w(0, `Namespace:\t${job.metadata.namespace ?? ''}\n`);
  w(0, `Selector:\t${selectorString(s.selector)}\n`);
  labelsMultiline(w, 'Labels', job.metadata.labels);
  annotationsMultiline(w, 'Annotations', job.metadata.annotations);
  const owner = job.metadata.ownerReferences?.find((o) => o.controller);
  if (owner) w(0, `Controlled By:\t${owner.kind}/${owner.name}\n`);
  if (s.parallelism !== undefined) w(0, `Parallelism:\t${s.parallelism}\n`);
  w(0, `Completions:\t${s.completions ?? '<unset>'}\n`);
  if (s.completionMode) w(0, `Completion Mode:\t${s.completionMode}\n`);
  if (s.suspend !== undefined) w(0, `Suspend:\t${s.suspend}\n`);
  if (s.backoffLimit !== undefined) w(0, `Backoff Limit:\t${s.backoffLimit}\n`);
  if (s.ttlSecondsAfterFinished !== undefined) w(0, `TTL Seconds After Finished:\t${s.ttlSecondsAfterFinished}\n`);
  if (st.startTime) w(0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
  if (st.completionTime) w(0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
  if (st.startTime && st.completionTime) w(0, `Duration:\t${humanDuration(parseTimestamp(st.completionTime) - parseTimestamp(st.startTime))}\n`);
  if (s.activeDeadlineSeconds !== undefined) w(0, `Active Deadline Seconds:\t${s.activeDeadlineSeconds}s\n`);
  const ready = st.ready === undefined ? '' : ` (${st.ready} Ready)`;
  w(0, `Pods Statuses:\t${st.active ?? 0} Active${ready} / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
  describePodTemplate(w, s.template);
}

function describeJobTemplate(w: W, spec: JobSpec): void {
  w(0, `Selector:\t${spec.selector ? selectorString(spec.selector) : '<unset>'}\n`);
  w(0, `Parallelism:\t${spec.parallelism ?? '<unset>'}\n`);
  w(0, `Completions:\t${spec.completions ?? '<unset>'}\n`);
  if (spec.activeDeadlineSeconds !== undefined) w(0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
  describePodTemplate(w, spec.template);
}

export function describeCronJob(w: W, cj: CronJob): void {
  const s = cj.spec;
  const bool = (b: boolean | undefined) => (b === undefined ? '<unset>' : b ? 'True' : 'False');
  w(0, `Name:\t${cj.metadata.name ?? ''}\n`);
  w(0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`);
  labelsMultiline(w, 'Labels', cj.metadata.labels);
  annotationsMultiline(w, 'Annotations', cj.metadata.annotations);
  w(0, `Schedule:\t${s.schedule}\n`);
  w(0, `Concurrency Policy:\t${s.concurrencyPolicy ?? ''}\n`);
  w(0, `Suspend:\t${bool(s.suspend)}\n`);
  w(0, `Successful Job History Limit:\t${s.successfulJobsHistoryLimit ?? '<unset>'}\n`);
  w(0, `Failed Job History Limit:\t${s.failedJobsHistoryLimit ?? '<unset>'}\n`);
  w(0, `Starting Deadline Seconds:\t${s.startingDeadlineSeconds !== undefined ? `${s.startingDeadlineSeconds}s` : '<unset>'}\n`);
  describeJobTemplate(w, s.jobTemplate.spec);
  w(0, `Last Schedule Time:\t${cj.status?.lastScheduleTime ? rfc1123z(cj.status.lastScheduleTime) : '<unset>'}\n`);
  const active = cj.status?.active ?? [];
  w(0, `Active Jobs:\t${active.length === 0 ? '<none>' : active.map((a) => a.name ?? '').join(', ')}\n`);
}
