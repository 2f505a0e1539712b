// Job and CronJob validation (pkg/apis/batch/validation, v1.31), with the real texts:
//   spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"
// (a Job's pods must end: the defaulted "Always" is refused as if it were absent), the
// generated selector, non-negative counts, a CronJob's schedule in robfig/cron's words
// and its 52-character name (the controller appends an 11-character suffix).

import { parseSchedule } from './cron';
import { matchesSelector } from './labels';
import { fieldChecks as F, type FieldError } from './validation';

type Obj = Record<string, unknown>;

function validateJobSpec(spec: Obj, path: string, out: FieldError[]): void {
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished']) F.nonNegative(out, `${path}.${f}`, spec[f]);
  F.oneOf(out, `${path}.completionMode`, spec.completionMode, ['NonIndexed', 'Indexed']);
  if (spec.completionMode === 'Indexed' && spec.completions === undefined) out.push(F.required(`${path}.completions`, 'when completion mode is Indexed'));
  const template = F.rec(spec.template);
  F.validateLabels(F.rec(template.metadata).labels, `${path}.template.labels`, out);
  F.validatePodSpec(template.spec, `${path}.template.spec`, out);
  const rp = F.rec(template.spec).restartPolicy;
  const at = `${path}.template.spec.restartPolicy`;
  if (rp === 'Always' || rp === '' || rp === undefined || rp === null) out.push(F.required(at, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') out.push(F.unsupported(at, rp, ['OnFailure', 'Never']));
}

export function validateJob(obj: Obj, out: FieldError[]): void {
  const spec = F.rec(obj.spec);
  const meta = F.rec(obj.metadata);
  validateJobSpec(spec, 'spec', out);
  if (spec.selector === undefined || spec.selector === null) out.push(F.required('spec.selector'));
  else {
    const labels = F.rec(F.rec(F.rec(spec.template).metadata).labels) as Record<string, string>;
    if (!matchesSelector(F.rec(spec.selector), labels)) out.push(F.invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
    // ValidateGeneratedSelector: a generated selector must select this Job's own pods.
    if (spec.manualSelector !== true && !matchesSelector(F.rec(spec.selector), { 'batch.kubernetes.io/controller-uid': F.str(meta.uid), 'batch.kubernetes.io/job-name': F.str(meta.name), 'controller-uid': F.str(meta.uid), 'job-name': F.str(meta.name) })) {
      out.push(F.invalid('spec.selector', spec.selector, '`selector` not auto-generated'));
    }
  }
}

export function validateCronJob(obj: Obj, out: FieldError[]): void {
  const spec = F.rec(obj.spec);
  const name = F.str(F.rec(obj.metadata).name);
  if (name.length > 52) out.push(F.invalid('metadata.name', name, 'must be no more than 52 characters'));
  const schedule = F.str(spec.schedule);
  if (!schedule) out.push(F.required('spec.schedule'));
  else {
    const parsed = parseSchedule(schedule);
    if ('error' in parsed) out.push(F.invalid('spec.schedule', schedule, parsed.error));
  }
  if (spec.timeZone !== undefined && spec.timeZone !== null) {
    const tz = F.str(spec.timeZone);
    if (tz === '') out.push(F.invalid('spec.timeZone', tz, 'timeZone must be nil or non-empty string'));
    else if (tz.toLowerCase() === 'local') out.push(F.invalid('spec.timeZone', tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
    else if (tz !== 'UTC' && tz !== 'Etc/UTC') out.push(F.invalid('spec.timeZone', tz, `unknown time zone ${tz}`));
    if (schedule.includes('TZ')) out.push(F.invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  }
  F.nonNegative(out, 'spec.startingDeadlineSeconds', spec.startingDeadlineSeconds);
  const cp = spec.concurrencyPolicy;
  if (cp === '' || cp === null) out.push(F.required('spec.concurrencyPolicy'));
  else F.oneOf(out, 'spec.concurrencyPolicy', cp, ['Allow', 'Forbid', 'Replace']);
  const jt = F.rec(F.rec(spec.jobTemplate).spec);
  validateJobSpec(jt, 'spec.jobTemplate.spec', out);
  if (jt.selector !== undefined && jt.selector !== null) out.push(F.invalid('spec.jobTemplate.spec.selector', jt.selector, '`selector` will be auto-generated'));
  if (jt.manualSelector === true) out.push(F.unsupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
  for (const f of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) F.nonNegative(out, `spec.${f}`, spec[f]);
}
