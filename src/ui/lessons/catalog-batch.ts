// Lesson on batch work: a Job's containers end. A Job runs pods to completion (phase
// Succeeded, shown Completed) and is Complete once enough of them succeeded; a Job whose
// pods keep failing is retried with a growing back-off until backoffLimit, then Failed
// with the reason BackoffLimitExceeded. A CronJob creates such a Job at each minute its
// schedule names, with a countdown to the next run.

import { consoleLine } from './catalog-scheduling';
import { answered, etcdLeaderHost, type Lesson, type LessonView } from './lesson';

const allReady = (v: LessonView): boolean => Object.keys(v.nodes).length > 0 && Object.values(v.nodes).every((r) => r === 'True');
const jobStatus = (v: LessonView, name: string): string | undefined => v.jobs?.[`default/${name}`]?.status;
/** The Jobs a CronJob made: named <cronjob>-<scheduled minute since 1970>. */
const cronJobsOf = (v: LessonView, cronjob: string) => Object.entries(v.jobs ?? {}).filter(([k]) => new RegExp(`^default/${cronjob}-\\d+$`).test(k)).map(([, j]) => j);

export const CRON_LINE = 'kubectl create cronjob tick --image=busybox --schedule="*/1 * * * *" -- sleep 2';

/** A Job whose only container exits 1; backoffLimit 1: two failed pods and it gives up. */
export const FAILING_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: fail
spec:
  backoffLimit: 1
  template:
    spec:
      restartPolicy: Never
      containers:
        - name: fail
          image: busybox:1.36
          command: ["sh", "-c", "exit 1"]
`;

export const jobsLesson: Lesson = {
  id: 'jobs',
  title: 'Jobs: containers that end',
  topic: 'Jobs and CronJobs: work that runs to completion, on a schedule',
  query: 'masters=1&workers=2&seed=13&profile=classroom',
  intro: 'A Deployment keeps its pods running for ever: a container that exits is restarted. A Job is for work that ends: it runs pods until enough of them have exited successfully (exit code 0), and counts the failures. A CronJob creates a Job on a schedule.',
  steps: [
    {
      id: 'create-job',
      say: 'kubectl create job makes a Job with one pod template (restartPolicy Never: the kubelet does not restart an exited container). The Job controller creates its pod; the scheduler places it like any other.',
      ask: () => 'Create a Job: kubectl create job hello --image=busybox -- sleep 5',
      begin: (v) => (allReady(v) && etcdLeaderHost(v) ? { target: 'hello', term: 0 } : undefined),
      done: (v) => jobStatus(v, 'hello') !== undefined,
      showMe: () => [consoleLine('kubectl create job hello --image=busybox -- sleep 5')],
    },
    {
      id: 'completed',
      say: 'The container sleeps 5 s and exits 0. Its pod ends in phase Succeeded (kubectl shows Completed) and stays, with its logs, until the Job is deleted. The Job controller counts it and marks the Job Complete.',
      ask: () => 'Watch the hello pod run and end Completed (kubectl get pods), and the Job turn Complete.',
      begin: (_v, prev) => prev,
      done: (v) => jobStatus(v, 'hello') === 'Complete' && v.pods.some((p) => p.name.startsWith('hello-') && p.phase === 'Succeeded'),
      showMe: () => [],
      waitsFor: 'the container’s sleep 5',
    },
    {
      id: 'get-jobs',
      say: 'COMPLETIONS counts the pods that succeeded against the ones wanted (spec.completions, 1 by default; with parallelism several run at once).',
      ask: () => 'See the Job: kubectl get jobs',
      begin: (_v, prev) => prev,
      done: (v) => answered(v, /\bhello\s+Complete\s+1\/1/),
      showMe: () => [consoleLine('kubectl get jobs')],
    },
    {
      id: 'failing-job',
      say: 'A pod whose container exits non-zero ends Failed. The Job controller creates a new pod, waiting longer each time (10 s, 20 s, 40 s … up to 6 min), until spec.backoffLimit failures have been retried (6 by default; 1 here).',
      ask: () => 'Apply a Job fail whose container exits 1, with backoffLimit 1 (kubectl apply -f -).',
      begin: (_v, prev) => prev,
      done: (v) => jobStatus(v, 'fail') !== undefined,
      showMe: () => [consoleLine('kubectl apply -f -', FAILING_JOB)],
    },
    {
      id: 'failed',
      say: 'The first pod fails, the controller waits its back-off and tries again; the second failure is one more than backoffLimit allows, so the Job gives up: condition Failed, reason BackoffLimitExceeded. No new pod is made.',
      ask: () => 'Wait for the Job fail to turn Failed (kubectl get jobs).',
      begin: (_v, prev) => ({ target: 'fail', term: prev?.term ?? 0 }),
      done: (v) => jobStatus(v, 'fail') === 'Failed',
      showMe: () => [],
      waitsFor: 'the Job’s back-off between retries',
    },
    {
      id: 'why',
      say: 'kubectl describe job prints the pod counts and the events: the pods created, then BackoffLimitExceeded “Job has reached the specified backoff limit”.',
      ask: () => 'See why: kubectl describe job fail',
      begin: (_v, prev) => prev,
      done: (v) => answered(v, /BackoffLimitExceeded/),
      showMe: () => [consoleLine('kubectl describe job fail')],
    },
    {
      id: 'create-cronjob',
      say: 'A CronJob makes Jobs on a schedule: five fields, minute hour day-of-month month day-of-week, on the cluster’s clock (UTC unless spec.timeZone says otherwise). "*/1 * * * *" is every minute; "0 3 * * *" would be 03:00 every night.',
      ask: () => `Create a CronJob that runs every minute: ${CRON_LINE}`,
      begin: (_v, prev) => ({ target: 'tick', term: prev?.term ?? 0, ring: ['cronjob-tick'] }),
      done: (v) => v.cronjobs?.['default/tick'] !== undefined,
      showMe: () => [consoleLine(CRON_LINE)],
    },
    {
      id: 'cron-run',
      say: 'The CronJob controller (in kube-controller-manager) does nothing until the scheduled minute. Then it creates a Job named tick-<the minute since 1970>, so a retry finds the same name and cannot make it twice; the Job runs its pod as before.',
      ask: () => 'Wait for the next minute: tick creates its first Job (in Workloads, under Jobs), and it completes.',
      begin: (v, prev) => (v.cronjobs?.['default/tick'] ? { target: 'tick', term: prev?.term ?? 0, ring: ['cronjob-tick'] } : undefined),
      done: (v) => cronJobsOf(v, 'tick').some((j) => j.status === 'Complete'),
      showMe: () => [],
      waitsFor: 'the next minute on tick’s schedule',
      countdown: (v) => {
        const next = v.cronjobs?.['default/tick']?.nextMs;
        return next === undefined ? undefined : { what: 'cronjob', target: 'tick', atMs: next, label: 'Next run of tick' };
      },
    },
    {
      id: 'get-cronjobs',
      say: 'kubectl get cronjobs shows the schedule, how many of its Jobs run now (ACTIVE) and how long ago the last one was started (LAST SCHEDULE). It keeps the last 3 finished Jobs (successfulJobsHistoryLimit) and the last failed one, and deletes older ones with their pods.',
      ask: () => 'See it: kubectl get cronjobs',
      begin: (_v, prev) => (prev ? { target: prev.target, term: prev.term } : undefined),
      done: (v) => answered(v, /^tick\s+\*\/1 \* \* \* \*\s+\S+\s+\S+\s+\d+\s+\d+[smh]/m),
      showMe: () => [consoleLine('kubectl get cronjobs')],
    },
  ],
  outro: 'A Job ends: Complete when enough pods succeeded, Failed when too many failed. Its pods stay (Completed or Error) for their logs; ttlSecondsAfterFinished or deleting the Job removes them. A CronJob creates such a Job at every minute its schedule names, and keeps a short history of them.',
};
