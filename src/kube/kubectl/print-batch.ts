// `kubectl get jobs` and `kubectl get cronjobs` columns, as kubectl 1.31's printers
// (pkg/printers/internalversion printJob / printCronJob) fill them.

import { jobCompletions, jobStatusText, type CronJob, type Job } from '../api/batch-types';
import { parseTimestamp } from '../api/time';
import { age, containerCells, humanDuration, selectorString, type Columns } from './print';

/** DURATION: start to completion, or to now while it runs; empty before it starts. */
export function jobDuration(job: Job, now: number): string {
  const start = job.status?.startTime ? parseTimestamp(job.status.startTime) : NaN;
  if (Number.isNaN(start)) return '';
  const end = job.status?.completionTime ? parseTimestamp(job.status.completionTime) : now;
  return humanDuration(end - start);
}

export const BATCH_COLUMNS: Readonly<Record<string, Columns>> = {
  jobs: {
    header: (w) => ['NAME', 'STATUS', 'COMPLETIONS', 'DURATION', 'AGE', ...(w ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
    row: (o, w, now) => {
      const j = o as Job;
      return [j.metadata.name ?? '', jobStatusText(j), jobCompletions(j), jobDuration(j, now), age(j.metadata.creationTimestamp, now),
        ...(w ? [...containerCells(j.spec.template.spec), selectorString(j.spec.selector)] : [])];
    },
  },
  cronjobs: {
    header: (w) => ['NAME', 'SCHEDULE', 'TIMEZONE', 'SUSPEND', 'ACTIVE', 'LAST SCHEDULE', 'AGE', ...(w ? ['CONTAINERS', 'IMAGES', 'SELECTOR'] : [])],
    row: (o, w, now) => {
      const cj = o as CronJob;
      const last = cj.status?.lastScheduleTime ? age(cj.status.lastScheduleTime, now) : '<none>';
      const sel = cj.spec.jobTemplate.spec.selector;
      return [cj.metadata.name ?? '', cj.spec.schedule, cj.spec.timeZone ?? '<none>', cj.spec.suspend === undefined ? '<unset>' : cj.spec.suspend ? 'True' : 'False',
        String(cj.status?.active?.length ?? 0), last, age(cj.metadata.creationTimestamp, now),
        ...(w ? [...containerCells(cj.spec.jobTemplate.spec.template.spec), sel ? selectorString(sel) : '<none>'] : [])];
    },
  },
};
