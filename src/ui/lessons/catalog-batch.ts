// Lesson on batch work: a Job's containers end. A Job runs pods to completion (phase
// Succeeded, shown Completed) and is Complete once enough of them succeeded; a Job whose
// pods keep failing is retried with a growing back-off until backoffLimit, then Failed
// with the reason BackoffLimitExceeded.

import { consoleLine } from './catalog-scheduling';
import { answered, etcdLeaderHost, type Lesson, type LessonView } from './lesson';

const allReady = (v: LessonView): boolean => Object.keys(v.nodes).length > 0 && Object.values(v.nodes).every((r) => r === 'True');
const jobStatus = (v: LessonView, name: string): string | undefined => v.jobs?.[`default/${name}`]?.status;

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
  topic: 'Jobs and CronJobs: work that runs to completion',
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
  ],
  outro: 'A Job ends: Complete when enough pods succeeded, Failed when too many failed. Its pods stay (Completed or Error) for their logs; ttlSecondsAfterFinished or deleting the Job removes them. A CronJob creates such a Job on every schedule tick.',
};
