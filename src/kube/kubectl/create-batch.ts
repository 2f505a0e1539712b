// `kubectl create job` and `kubectl create cronjob`: the objects kubectl 1.31's
// generators build. A Job's pod restarts Never, a CronJob's OnFailure (kubectl's
// defaults); the words after `--` are the container's command. `create job NAME
// --from=cronjob/X` runs a CronJob's template now, as the manual trigger does.

import type { CronJob, Job } from '../api/batch-types';
import type { CommandResult } from '../../sim/process';
import { createObjects } from './apply';
import type { Flags, KubectlEnv } from './env';
import { kubectlError } from './errors';

type Reply = (r: CommandResult) => void;

const exactlyOneName = (n: number): CommandResult => ({ ok: false, error: `error: exactly one NAME is required, got ${n}` });

export function createJob(names: string[], f: Flags, ns: string, env: KubectlEnv, reply: Reply): void {
  if (names.length !== 1) return reply(exactlyOneName(names.length));
  const name = names[0]!;
  const image = f.values.get('image');
  const from = f.values.get('from');
  if ((image === undefined) === (from === undefined)) return reply({ ok: false, error: 'error: either --image or --from must be specified' });
  if (image !== undefined) {
    const command = f.afterDash ?? [];
    const job: Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name },
      spec: { template: { spec: { containers: [{ name, image, ...(command.length > 0 ? { command } : {}) }], restartPolicy: 'Never' } } },
    };
    return createObjects([job], ns, env, reply, false);
  }
  if (f.afterDash && f.afterDash.length > 0) return reply({ ok: false, error: 'error: cannot specify --from and command' });
  const slash = from!.indexOf('/');
  const kind = slash < 0 ? '' : from!.slice(0, slash).toLowerCase();
  const source = slash < 0 ? '' : from!.slice(slash + 1);
  if (!source) return reply({ ok: false, error: `error: from must be of the form <resource>/<name>, got "${from}"` });
  if (kind !== 'cronjob' && kind !== 'cronjobs' && kind !== 'cj' && kind !== 'cronjob.batch' && kind !== 'cronjobs.batch') {
    return reply({ ok: false, error: `error: unknown object type ${kind}` });
  }
  env.request({ verb: 'get', resource: 'cronjobs', namespace: ns, name: source }, (res) => {
    if (!res.ok || !res.object) return reply({ ok: false, error: res.ok ? 'not found' : kubectlError(res.status) });
    const cj = res.object as CronJob;
    const tmpl = cj.spec.jobTemplate;
    const job: Job = {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name,
        annotations: { 'cronjob.kubernetes.io/instantiate': 'manual', ...tmpl.metadata?.annotations },
        ...(tmpl.metadata?.labels ? { labels: { ...tmpl.metadata.labels } } : {}),
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name ?? '', uid: cj.metadata.uid ?? '', controller: true }],
      },
      spec: tmpl.spec,
    };
    createObjects([job], ns, env, reply, false);
  });
}

export function createCronJob(names: string[], f: Flags, ns: string, env: KubectlEnv, reply: Reply): void {
  const image = f.values.get('image');
  const schedule = f.values.get('schedule');
  const missing = [image === undefined ? '"image"' : '', schedule === undefined ? '"schedule"' : ''].filter(Boolean);
  if (missing.length > 0) return reply({ ok: false, error: `error: required flag(s) ${missing.join(', ')} not set` });
  if (names.length !== 1) return reply(exactlyOneName(names.length));
  const name = names[0]!;
  const restart = f.values.get('restart') ?? 'OnFailure';
  if (restart !== 'OnFailure' && restart !== 'Never') return reply({ ok: false, error: `error: invalid restart policy: ${restart}` });
  const command = f.afterDash ?? [];
  const cj: CronJob = {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name },
    spec: {
      schedule: schedule!,
      jobTemplate: {
        metadata: { name },
        spec: { template: { spec: { containers: [{ name, image: image!, ...(command.length > 0 ? { command } : {}) }], restartPolicy: restart } } },
      },
    },
  };
  createObjects([cj], ns, env, reply, false);
}
