// Jobs and CronJobs on a live cluster (realistic profile, one master, two workers):
// completions and parallelism, a failing Job stopped at its backoffLimit, a deadline,
// the TTL-after-finished controller, and a CronJob every minute with its history
// limits. Each runs through kubectl and the real controllers, as a learner would.

import { beforeAll, describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../host/in-process';
import { eventsOf, kubeCluster, kubectl, output, pods, runUntilTrue } from '../host/testing/cluster';

const job = (name: string, extra: string, command: string, restartPolicy = 'Never') => `apiVersion: batch/v1
kind: Job
metadata: { name: ${name} }
spec:
${extra}
  template:
    spec:
      restartPolicy: ${restartPolicy}
      containers: [ { name: work, image: "busybox:1.36", command: ${command} } ]
`;

const podsOf = (c: InProcessCluster, name: string) => [...pods(c)].filter(([n]) => n.startsWith(`${name}-`));

describe('Jobs on a live cluster (realistic profile)', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: jobs\nseed: 12\nuntil: 2h\nprofile: realistic\ntopology: { masters: 1, workers: 2 }\n');
    expect(runUntilTrue(c, () => /worker-2\s+Ready/.test(output(kubectl(c, 'kubectl get nodes'))), 120_000)).toBe(true);
  });

  it('completions 3, parallelism 2: three pods Succeeded, never more than two running at once', () => {
    expect(output(kubectl(c, 'kubectl apply -f -', job('batch', '  completions: 3\n  parallelism: 2', '["sh", "-c", "sleep 5; echo done"]')))).toBe('job.batch/batch created');
    let maxRunning = 0;
    const done = runUntilTrue(c, () => {
      const mine = podsOf(c, 'batch');
      maxRunning = Math.max(maxRunning, mine.filter(([, p]) => p.status === 'Running' || p.status === 'ContainerCreating').length);
      return /\nbatch\s+Complete\s+3\/3\s/.test(output(kubectl(c, 'kubectl get jobs')));
    }, 120_000);
    expect(done).toBe(true);
    expect(maxRunning).toBe(2);
    const mine = podsOf(c, 'batch');
    expect(mine).toHaveLength(3);
    expect(mine.every(([, p]) => p.status === 'Completed')).toBe(true);
    expect(eventsOf(c, 'job.complete', (e) => e.job === 'default/batch')).toHaveLength(1);
    const yaml = output(kubectl(c, 'kubectl get job batch -o yaml'));
    expect(yaml).toMatch(/type: SuccessCriteriaMet/);
    expect(yaml).toMatch(/type: Complete/);
    expect(yaml).toMatch(/succeeded: 3/);
    expect(yaml).toMatch(/batch.kubernetes.io\/job-name: batch/);
  });

  it('a failing Job stops at its backoffLimit with BackoffLimitExceeded', () => {
    expect(output(kubectl(c, 'kubectl apply -f -', job('fails', '  backoffLimit: 2', '["sh", "-c", "exit 1"]')))).toBe('job.batch/fails created');
    expect(runUntilTrue(c, () => eventsOf(c, 'job.failed', (e) => e.job === 'default/fails').length === 1, 300_000)).toBe(true);
    expect(eventsOf(c, 'job.failed', (e) => e.job === 'default/fails')[0]!.reason).toBe('BackoffLimitExceeded');
    const mine = podsOf(c, 'fails');
    expect(mine).toHaveLength(3);
    expect(mine.every(([, p]) => p.status === 'Error')).toBe(true);
    expect(output(kubectl(c, 'kubectl get job fails'))).toMatch(/\nfails\s+Failed\s+0\/1\s/);
    const described = output(kubectl(c, 'kubectl describe job fails'));
    expect(described).toMatch(/Pods Statuses:\s+0 Active \(0 Ready\) \/ 0 Succeeded \/ 3 Failed/);
    expect(described).toMatch(/Warning\s+BackoffLimitExceeded\s+\S+\s+job-controller\s+Job has reached the specified backoff limit/);
  });

  it('restartPolicy OnFailure: the kubelet restarts the container; its restarts count against backoffLimit', () => {
    expect(output(kubectl(c, 'kubectl apply -f -', job('retry', '  backoffLimit: 2', '["sh", "-c", "exit 2"]', 'OnFailure')))).toBe('job.batch/retry created');
    expect(runUntilTrue(c, () => eventsOf(c, 'job.failed', (e) => e.job === 'default/retry').length === 1, 120_000)).toBe(true);
    expect(eventsOf(c, 'job.failed', (e) => e.job === 'default/retry')[0]!.reason).toBe('BackoffLimitExceeded');
    // One pod, restarted in place (not replaced), then deleted with the failed Job.
    expect(eventsOf(c, 'k8s.event', (e) => e.object === 'job/default/retry' && e.reason === 'SuccessfulCreate')).toHaveLength(1);
    expect(runUntilTrue(c, () => podsOf(c, 'retry').length === 0, 60_000)).toBe(true);
  });

  it('activeDeadlineSeconds fails a Job that runs too long and deletes its pod', () => {
    expect(output(kubectl(c, 'kubectl apply -f -', job('slow', '  activeDeadlineSeconds: 10', '["sleep", "3600"]')))).toBe('job.batch/slow created');
    expect(runUntilTrue(c, () => eventsOf(c, 'job.failed', (e) => e.job === 'default/slow').length === 1, 60_000)).toBe(true);
    expect(eventsOf(c, 'job.failed', (e) => e.job === 'default/slow')[0]!.reason).toBe('DeadlineExceeded');
    expect(output(kubectl(c, 'kubectl get job slow -o yaml'))).toMatch(/message: Job was active longer than specified deadline/);
    expect(runUntilTrue(c, () => podsOf(c, 'slow').length === 0, 60_000)).toBe(true);
  });

  it('ttlSecondsAfterFinished deletes the finished Job and its pods', () => {
    expect(output(kubectl(c, 'kubectl apply -f -', job('brief', '  ttlSecondsAfterFinished: 20', '["true"]')))).toBe('job.batch/brief created');
    expect(runUntilTrue(c, () => eventsOf(c, 'job.complete', (e) => e.job === 'default/brief').length === 1, 60_000)).toBe(true);
    const completedAt = eventsOf(c, 'job.complete', (e) => e.job === 'default/brief')[0]!.t;
    expect(runUntilTrue(c, () => !kubectl(c, 'kubectl get job brief').ok, 60_000)).toBe(true);
    expect(c.sim.now - completedAt).toBeGreaterThanOrEqual(20_000);
    expect(runUntilTrue(c, () => podsOf(c, 'brief').length === 0, 60_000)).toBe(true);
  });

  it('a CronJob every minute creates Jobs named after the minute and keeps its history limits', () => {
    expect(output(kubectl(c, 'kubectl create cronjob tick --image=busybox:1.36 --schedule="*/1 * * * *" -- sh -c "sleep 2"'))).toBe('cronjob.batch/tick created');
    c.runUntil(c.sim.now + 5 * 60_000 + 30_000);
    const jobs = output(kubectl(c, 'kubectl get jobs'));
    const names = [...jobs.matchAll(/\n(tick-\d+)\s+Complete/g)].map((m) => m[1]!);
    expect(names.length).toBe(3);
    for (const n of names) expect(Number(n.slice('tick-'.length)) % 1).toBe(0);
    expect(eventsOf(c, 'k8s.event', (e) => e.object === 'cronjob/default/tick' && e.reason === 'SuccessfulDelete').length).toBeGreaterThanOrEqual(2);
    expect(output(kubectl(c, 'kubectl get cronjobs'))).toMatch(/^NAME\s+SCHEDULE\s+TIMEZONE\s+SUSPEND\s+ACTIVE\s+LAST SCHEDULE\s+AGE\ntick\s+\*\/1 \* \* \* \*\s+<none>\s+False\s+[01]\s+\d+s\s+\d+m/);
  });
});
