// The batch kinds' real modules, one chunk the console's part loads (lazy-console.ts);
// in the page's workers everything else imports their stand-in, ./lazy/batch.ts.

export * as job from '../kube/controllers/job';
export * as cronjob from '../kube/controllers/cronjob';
export * as cron from '../kube/api/cron';
export * as validation from '../kube/api/validation-batch';
export * as defaults from '../kube/api/batch-defaults';
