// What kube-apiserver fills in on a Job or CronJob (batch/v1 SetDefaults_Job /
// SetDefaults_CronJob, v1.31), and the selector the Job strategy generates: unless the
// Job asks for a manual selector, its pods are labelled with its uid and name and its
// selector is the uid, so no two Jobs ever select each other's pods.

import { CONTROLLER_UID_LABEL, JOB_NAME_LABEL, type CronJob, type Job, type JobSpec } from './batch-types';
import { defaultTemplate } from './defaults';

const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

export function defaultJob(job: Job): void {
  job.spec = isObj(job.spec) ? job.spec : ({} as JobSpec);
  const s = job.spec;
  // Neither given: one pod, one completion. Only completions given: one at a time.
  // Only parallelism given: a work queue (completions stays unset).
  if (s.completions === undefined && s.parallelism === undefined) {
    s.completions = 1;
    s.parallelism = 1;
  }
  s.parallelism ??= 1;
  s.backoffLimit ??= 6;
  s.completionMode ||= 'NonIndexed';
  s.suspend ??= false;
  // JobPodReplacementPolicy (beta, on since 1.29): without a podFailurePolicy a pod is
  // replaced once it is terminating or failed.
  s.podReplacementPolicy ||= 'TerminatingOrFailed';
  s.template = defaultTemplate(s.template);
  generateSelector(job);
}

/** jobStrategy.PrepareForCreate's generateSelector: the template's labels and the
 * selector, from the Job's uid (set before defaults run) and name. */
function generateSelector(job: Job): void {
  const s = job.spec;
  if (s.manualSelector === true) return;
  const uid = job.metadata.uid ?? '';
  const name = job.metadata.name ?? '';
  const meta = (s.template.metadata = isObj(s.template.metadata) ? s.template.metadata : {});
  const labels = (meta.labels = isObj(meta.labels) ? meta.labels : {});
  if (uid) {
    labels[CONTROLLER_UID_LABEL] ??= uid;
    labels['controller-uid'] ??= uid;
  }
  if (name) {
    labels[JOB_NAME_LABEL] ??= name;
    labels['job-name'] ??= name;
  }
  if (s.selector === undefined && uid) s.selector = { matchLabels: { [CONTROLLER_UID_LABEL]: uid } };
  // SetDefaults_Job: a Job without labels of its own takes its template's.
  if (Object.keys(isObj(job.metadata.labels) ? job.metadata.labels : {}).length === 0) job.metadata.labels = { ...(labels as Record<string, string>) };
}

export function defaultCronJob(cj: CronJob): void {
  cj.spec = isObj(cj.spec) ? cj.spec : ({} as CronJob['spec']);
  const s = cj.spec;
  s.concurrencyPolicy ||= 'Allow';
  s.suspend ??= false;
  s.successfulJobsHistoryLimit ??= 3;
  s.failedJobsHistoryLimit ??= 1;
  s.jobTemplate = isObj(s.jobTemplate) ? s.jobTemplate : ({} as CronJob['spec']['jobTemplate']);
  s.jobTemplate.spec = isObj(s.jobTemplate.spec) ? s.jobTemplate.spec : ({} as JobSpec);
  s.jobTemplate.spec.template = defaultTemplate(s.jobTemplate.spec.template);
}
