// Stands in for the batch kinds' code in the page's workers (lazy-console.ts): the Job,
// CronJob and TTL-after-finished controllers, Job and CronJob validation and defaults,
// and the cron schedule parser. A Job or a CronJob exists only once a console line, a
// scenario, a start's manifests or a write under /registry/ made one, and the coordinator
// hands the simulation each of those only after it awaited the console's part
// (needsLazyParts). Until then the controllers find no object: the real ones' syncs would
// return at once, and so do these, without their code.
//
// A controller is built by kube-controller-manager when it takes its Lease, often before
// the console's part is here. Each stand-in keeps the context and builds the real
// controller from it at its first sync that has work; the real constructors only keep
// the context and make empty maps, so building one later is the same as building it then.

import type { Pod } from '../../kube/api/types';
import type { ControllerContext } from '../../kube/controllers/context';

type JobModule = typeof import('../../kube/controllers/job');
type CronJobModule = typeof import('../../kube/controllers/cronjob');
type CronModule = typeof import('../../kube/api/cron');
type ValidationModule = typeof import('../../kube/api/validation-batch');
type DefaultsModule = typeof import('../../kube/api/batch-defaults');

export interface BatchModules {
  readonly job: JobModule;
  readonly cronjob: CronJobModule;
  readonly cron: CronModule;
  readonly validation: ValidationModule;
  readonly defaults: DefaultsModule;
}

let loaded: BatchModules | undefined;
/** lazy-console.ts hands the real modules over once loaded. */
export function batchLoaded(modules: BatchModules): void {
  loaded = modules;
}
const batch = (): BatchModules => {
  if (!loaded) throw new Error('the console is still loading; try again in a moment');
  return loaded;
};

class DeferredJobController {
  readonly name = 'job-controller';
  private real: InstanceType<JobModule['JobController']> | undefined;

  constructor(private readonly ctx: ControllerContext) {}

  /** Before the real controller exists it has no creations in flight: nothing to meet. */
  observed(pod: Pod): void {
    this.real?.observed(pod);
  }

  sync(): void {
    if (!this.real && this.ctx.informers.jobs.store.size === 0) return;
    (this.real ??= new (batch().job.JobController)(this.ctx)).sync();
  }
}

class DeferredCronJobController {
  readonly name = 'cronjob-controller';
  private real: InstanceType<CronJobModule['CronJobController']> | undefined;

  constructor(private readonly ctx: ControllerContext) {}

  sync(): void {
    if (!this.real && this.ctx.informers.cronjobs.store.size === 0) return;
    (this.real ??= new (batch().cronjob.CronJobController)(this.ctx)).sync();
  }
}

class DeferredTtlAfterFinishedController {
  readonly name = 'ttl-after-finished-controller';
  private real: InstanceType<CronJobModule['TtlAfterFinishedController']> | undefined;

  constructor(private readonly ctx: ControllerContext) {}

  sync(): void {
    if (!this.real && this.ctx.informers.jobs.store.size === 0) return;
    (this.real ??= new (batch().cronjob.TtlAfterFinishedController)(this.ctx)).sync();
  }
}

export const JobController = DeferredJobController as unknown as JobModule['JobController'];
export const CronJobController = DeferredCronJobController as unknown as CronJobModule['CronJobController'];
export const TtlAfterFinishedController = DeferredTtlAfterFinishedController as unknown as CronJobModule['TtlAfterFinishedController'];

export const parseSchedule: CronModule['parseSchedule'] = (...args) => batch().cron.parseSchedule(...args);
export const nextTime: CronModule['nextTime'] = (...args) => batch().cron.nextTime(...args);
export const validateJob: ValidationModule['validateJob'] = (...args) => batch().validation.validateJob(...args);
export const validateCronJob: ValidationModule['validateCronJob'] = (...args) => batch().validation.validateCronJob(...args);
export const defaultJob: DefaultsModule['defaultJob'] = (...args) => batch().defaults.defaultJob(...args);
export const defaultCronJob: DefaultsModule['defaultCronJob'] = (...args) => batch().defaults.defaultCronJob(...args);
