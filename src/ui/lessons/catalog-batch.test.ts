import { describe, expect, it } from 'vitest';
import { CRON_LINE } from './catalog-batch';
import { lessonById } from './catalog';
import type { LessonView } from './lesson';
import { runLesson, smallCluster, withAnswer } from './testing';

const withJob = (v: LessonView, name: string, status: string, completions = '0/1'): LessonView => ({ ...v, jobs: { ...v.jobs, [`default/${name}`]: { status, completions } } });
const withCron = (v: LessonView, name: string, at: { lastMs?: number; nextMs?: number }): LessonView =>
  ({ ...v, cronjobs: { ...v.cronjobs, [`default/${name}`]: { schedule: '*/1 * * * *', active: 0, ...at } } });
const withPod = (v: LessonView, name: string, phase: string): LessonView =>
  ({ ...v, pods: [...v.pods.filter((p) => p.name !== name), { name, node: 'worker-2', running: phase === 'Running', terminating: false, phase, owner: 'Job/hello' }] });

describe('the jobs lesson, step by step', () => {
  it('waits for the Job to exist, its pod Succeeded and the Job Complete, then a Job Failed with BackoffLimitExceeded, then a CronJob\'s first run counted down', () => {
    const l = runLesson('jobs');
    let v = smallCluster();
    l.check(v);
    l.showMe();
    expect(l.lines()).toEqual(['kubectl create job hello --image=busybox -- sleep 5']);
    expect(l.done()).toBe(false);
    v = withPod(withJob(v, 'hello', 'Running'), 'hello-x7k2p', 'Pending');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('completed');
    v = withPod(v, 'hello-x7k2p', 'Running');
    l.check(v);
    expect(l.done()).toBe(false);
    v = withPod(v, 'hello-x7k2p', 'Succeeded');
    l.check(v);
    expect(l.done()).toBe(false); // the Job controller has not counted it yet
    v = withJob(v, 'hello', 'Complete', '1/1');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('get-jobs');
    l.showMe();
    expect(l.lines().at(-1)).toBe('kubectl get jobs');
    l.check(withAnswer(v, 'NAME    STATUS    COMPLETIONS   DURATION   AGE\nhello   Running   0/1           3s         3s'));
    expect(l.done()).toBe(false);
    v = withAnswer(v, 'NAME    STATUS     COMPLETIONS   DURATION   AGE\nhello   Complete   1/1           6s         9s');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('failing-job');
    l.showMe();
    const apply = l.sent.at(-1);
    expect(apply).toMatchObject({ type: 'console', line: 'kubectl apply -f -' });
    expect(JSON.stringify(apply)).toContain('backoffLimit: 1');
    l.check(v);
    expect(l.done()).toBe(false);
    v = withJob(v, 'fail', 'Running');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('failed');
    expect(l.baseline()?.target).toBe('fail');
    v = withJob(v, 'fail', 'FailureTarget');
    l.check(v);
    expect(l.done()).toBe(false);
    v = withJob(v, 'fail', 'Failed');
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('why');
    l.showMe();
    expect(l.lines().at(-1)).toBe('kubectl describe job fail');
    l.check(withAnswer(v, 'Error from server (NotFound): jobs.batch "fail" not found', false));
    expect(l.done()).toBe(false);
    l.check(withAnswer(v, '  Warning  BackoffLimitExceeded  2s    job-controller  Job has reached the specified backoff limit'));
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('create-cronjob');
    expect(l.baseline()?.ring).toEqual(['cronjob-tick']);
    l.showMe();
    expect(l.lines().at(-1)).toBe(CRON_LINE);
    l.check(v);
    expect(l.done()).toBe(false);
    v = withCron(v, 'tick', { nextMs: 60_000 });
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('cron-run');
    expect(l.baseline()?.ring).toEqual(['cronjob-tick']); // the row with its countdown
    const step = lessonById('jobs')!.steps.find((s) => s.id === 'cron-run')!;
    expect(step.countdown!(v, l.baseline()!)).toMatchObject({ what: 'cronjob', target: 'tick', atMs: 60_000 });
    expect(step.countdown!(withCron(v, 'tick', {}), l.baseline()!)).toBeUndefined();
    v = withJob(v, 'tick-29447041', 'Running', '0/1');
    l.check(v);
    expect(l.done()).toBe(false);
    l.check(withJob(v, 'ticker', 'Complete', '1/1')); // another Job's name starting with tick
    expect(l.done()).toBe(false);
    v = withCron(withJob(v, 'tick-29447041', 'Complete', '1/1'), 'tick', { lastMs: 60_000, nextMs: 120_000 });
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('get-cronjobs');
    l.showMe();
    expect(l.lines().at(-1)).toBe('kubectl get cronjobs');
    l.check(withAnswer(v, 'NAME   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\ntick   */1 * * * *   <none>     False     0        <none>          20s'));
    expect(l.done()).toBe(false); // not run yet
    l.check(withAnswer(v, 'NAME   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE\ntick   */1 * * * *   <none>     False     0        14s             50s'));
    expect(l.done()).toBe(true);
    l.next();
    expect(l.complete()).toBe(true);
  });
});
