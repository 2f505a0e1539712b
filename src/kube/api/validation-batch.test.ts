import { describe, expect, it } from 'vitest';
import { applyDefaults } from './defaults';
import { RESOURCES, type ResourceInfo } from './resources';
import type { KubeObject } from './types';
import { invalidStatus, validate } from './validation';

/** Default (with the uid the apiserver sets first), then validate: the 422 message. */
function check(r: ResourceInfo, obj: KubeObject): string | undefined {
  const o = applyDefaults({ ...obj, metadata: { ...obj.metadata, uid: 'u-1' } });
  const errs = validate(o, r);
  return errs.length ? invalidStatus(o, r, errs).message : undefined;
}

const podSpec = (restartPolicy?: string) => ({ ...(restartPolicy ? { restartPolicy } : {}), containers: [{ name: 'c', image: 'busybox:1.36' }] });
const job = (spec: Record<string, unknown>, name = 'pi'): KubeObject => ({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default' }, spec: { template: { spec: podSpec('Never') }, ...spec } });
const cron = (spec: Record<string, unknown>, name = 'tick'): KubeObject => ({
  apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace: 'default' }, spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: { spec: podSpec('OnFailure') } } }, ...spec },
});

describe('Job and CronJob validation and defaults (batch/v1, real texts)', () => {
  it('a Job gets the defaults and a selector generated from its uid', () => {
    const o = applyDefaults({ ...job({}), metadata: { name: 'pi', namespace: 'default', uid: 'u-1' } }) as KubeObject & { spec: Record<string, unknown> };
    expect(o.spec).toMatchObject({ completions: 1, parallelism: 1, backoffLimit: 6, completionMode: 'NonIndexed', suspend: false, selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u-1' } } });
    expect(o.metadata.labels).toEqual({ 'batch.kubernetes.io/controller-uid': 'u-1', 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': 'u-1', 'job-name': 'pi' });
    expect(check(RESOURCES.jobs, job({}))).toBeUndefined();
    // Only parallelism: a work queue, completions stays unset.
    expect((applyDefaults(job({ parallelism: 3 })) as KubeObject & { spec: Record<string, unknown> }).spec.completions).toBeUndefined();
  });

  it('a Job must say how its pods restart: Never or OnFailure', () => {
    expect(check(RESOURCES.jobs, job({ template: { spec: podSpec() } }))).toBe('Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    expect(check(RESOURCES.jobs, job({ template: { spec: podSpec('Always') } }))).toBe('Job.batch "pi" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    expect(check(RESOURCES.jobs, job({ backoffLimit: -1 }))).toBe('Job.batch "pi" is invalid: spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0');
  });

  it('a CronJob: defaults, its schedule in robfig/cron words, a 52-character name, a concurrency policy', () => {
    const o = applyDefaults(cron({})) as KubeObject & { spec: Record<string, unknown> };
    expect(o.spec).toMatchObject({ concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 });
    expect(check(RESOURCES.cronjobs, cron({}))).toBeUndefined();
    expect(check(RESOURCES.cronjobs, cron({ schedule: '* * *' }))).toBe('CronJob.batch "tick" is invalid: spec.schedule: Invalid value: "* * *": expected exactly 5 fields, found 3: [* * *]');
    expect(check(RESOURCES.cronjobs, cron({}, 'a'.repeat(53)))).toBe(`CronJob.batch "${'a'.repeat(53)}" is invalid: metadata.name: Invalid value: "${'a'.repeat(53)}": must be no more than 52 characters`);
    expect(check(RESOURCES.cronjobs, cron({ concurrencyPolicy: 'Sometimes' }))).toBe('CronJob.batch "tick" is invalid: spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"');
  });
});
