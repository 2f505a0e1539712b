// batch/v1 Job and CronJob in their real shapes (k8s.io/api/batch/v1, v1.31): the
// subset the job and cronjob controllers, kubectl and the lessons use.

import type { KubeObject, LabelSelector, ObjectMeta, ObjectReference, PodTemplateSpec } from './types';

export type JobConditionType = 'Complete' | 'Failed' | 'Suspended' | 'FailureTarget' | 'SuccessCriteriaMet';

export interface JobCondition {
  type: JobConditionType;
  status: 'True' | 'False' | 'Unknown';
  lastProbeTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

export interface JobSpec {
  parallelism?: number;
  completions?: number;
  activeDeadlineSeconds?: number;
  backoffLimit?: number;
  selector?: LabelSelector;
  manualSelector?: boolean;
  template: PodTemplateSpec;
  ttlSecondsAfterFinished?: number;
  completionMode?: 'NonIndexed' | 'Indexed';
  suspend?: boolean;
  podReplacementPolicy?: 'TerminatingOrFailed' | 'Failed';
}

export interface JobStatus {
  conditions?: JobCondition[];
  startTime?: string;
  completionTime?: string;
  active?: number;
  succeeded?: number;
  failed?: number;
  terminating?: number;
  ready?: number;
  uncountedTerminatedPods?: { succeeded?: string[]; failed?: string[] };
}

export interface Job extends KubeObject {
  apiVersion: 'batch/v1';
  kind: 'Job';
  spec: JobSpec;
  status?: JobStatus;
}

export interface CronJobSpec {
  schedule: string;
  timeZone?: string;
  startingDeadlineSeconds?: number;
  concurrencyPolicy?: 'Allow' | 'Forbid' | 'Replace';
  suspend?: boolean;
  jobTemplate: { metadata?: ObjectMeta; spec: JobSpec };
  successfulJobsHistoryLimit?: number;
  failedJobsHistoryLimit?: number;
}

export interface CronJobStatus {
  active?: ObjectReference[];
  lastScheduleTime?: string;
  lastSuccessfulTime?: string;
}

export interface CronJob extends KubeObject {
  apiVersion: 'batch/v1';
  kind: 'CronJob';
  spec: CronJobSpec;
  status?: CronJobStatus;
}

/** The labels the apiserver puts on a Job's pod template (generateSelector, v1.27+: the
 * prefixed ones, and the legacy ones kept for old selectors). */
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';

/** The job's finished condition (Complete or Failed), if it has one. */
export function finishedCondition(job: Job): JobCondition | undefined {
  return job.status?.conditions?.find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
}

/** kubectl get jobs' STATUS: the terminal condition, else Terminating, Suspended, the
 * interim ones, Running. */
export function jobStatusText(job: Job): string {
  const has = (t: string) => job.status?.conditions?.some((c) => c.type === t && c.status === 'True') ?? false;
  const done = finishedCondition(job);
  if (done) return done.type;
  if (job.metadata.deletionTimestamp) return 'Terminating';
  if (has('Suspended')) return 'Suspended';
  if (has('FailureTarget')) return 'FailureTarget';
  if (has('SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  return 'Running';
}

/** COMPLETIONS: succeeded/completions; a work queue (no completions) is "n/1 of p". */
export function jobCompletions(job: Job): string {
  const ok = job.status?.succeeded ?? 0;
  if (job.spec.completions !== undefined) return `${ok}/${job.spec.completions}`;
  if ((job.spec.parallelism ?? 1) > 1) return `${ok}/1 of ${job.spec.parallelism}`;
  return `${ok}/1`;
}
