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
import type { Controller, ControllerContext } from '../../kube/controllers/context';

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

/** A controller built from the real class at its first sync with work: until then the
 * real one's sync would return at once, and so does this one. */
class Deferred {
  protected real: Controller | undefined;

  constructor(
    readonly name: string,
    private readonly ctx: ControllerContext,
    private readonly make: (ctx: ControllerContext) => Controller,
    private readonly hasWork: (ctx: ControllerContext) => boolean,
  ) {}

  sync(): void {
    if (!this.real && !this.hasWork(this.ctx)) return;
    (this.real ??= this.make(this.ctx)).sync();
  }
}

const hasJobs = (ctx: ControllerContext) => ctx.informers.jobs.store.size > 0;
const hasCronJobs = (ctx: ControllerContext) => ctx.informers.cronjobs.store.size > 0;

class DeferredJobController extends Deferred {
  constructor(ctx: ControllerContext) {
    super('job-controller', ctx, (c) => new (batch().job.JobController)(c), hasJobs);
  }

  /** Before the real controller exists it has no creations in flight: nothing to meet. */
  observed(pod: Pod): void {
    (this.real as InstanceType<JobModule['JobController']> | undefined)?.observed(pod);
  }
}

class DeferredCronJobController extends Deferred {
  constructor(ctx: ControllerContext) {
    super('cronjob-controller', ctx, (c) => new (batch().cronjob.CronJobController)(c), hasCronJobs);
  }
}

class DeferredTtlAfterFinishedController extends Deferred {
  constructor(ctx: ControllerContext) {
    super('ttl-after-finished-controller', ctx, (c) => new (batch().cronjob.TtlAfterFinishedController)(c), hasJobs);
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
