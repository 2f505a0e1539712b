// The browser and the headless runner (src/host/in-process.ts, in this Node process)
// produce the same trace for the same scenario file and seed, whether the machines run
// inside the coordinator's worker (the default) or one Web Worker each
// (?isolation=worker).

import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../src/cluster/scenario';
import { runScenario } from '../src/host/in-process';
import { consoleLine, leaders, pauseSettled } from './helpers';

// kill-etcd-leader: masters only; kill-worker: workers, whose machines tick only when
// their kubelet or kube-proxy has something due (wake-ups), and one killed.
for (const [SCENARIO, isolation] of [['kill-etcd-leader', 'shared'], ['kill-etcd-leader', 'worker'], ['kill-worker', 'shared'], ['kill-worker', 'worker']] as const) {
  test(`the browser run of ${SCENARIO} at max speed (isolation ${isolation}) gives the headless trace`, async ({ page }) => {
    test.setTimeout(120_000);
    const headless = runScenario(parseScenario(readFileSync(`scenarios/${SCENARIO}.yaml`, 'utf8')));
    await page.goto(`/?scenario=${SCENARIO}&speed=0${isolation === 'worker' ? '&isolation=worker' : ''}`);
    await page.waitForFunction(() => window.__lab?.state().finished === true, undefined, { timeout: 100_000, polling: 250 });
    const trace = await page.evaluate(() => window.__lab!.trace());
    expect(trace.split('\n').length).toBe(headless.traceText.split('\n').length);
    expect(trace).toBe(headless.traceText);
  });
}

// In the page's workers the Job, CronJob and TTL-after-finished controllers and the batch
// kinds' validation come with the console's part (src/host/lazy/batch.ts):
// kube-controller-manager builds stand-ins when it takes its Lease, and the first Job
// makes them the real controllers. The run, exported as a recording and replayed
// headless, must give the browser's trace byte for byte.
test('a Job and a CronJob made from the console: the browser trace equals the headless replay of its recording', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/?workers=2&seed=3&speed=10');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator('[data-testid^="pod-default-web-"][data-phase="Running"]').first()).toBeVisible({ timeout: 60_000 });
  expect(await consoleLine(page, 'kubectl create job hello --image=busybox -- sleep 5')).toContain('job.batch/hello created');
  expect(await consoleLine(page, 'kubectl create cronjob tick --image=busybox --schedule="*/1 * * * *" -- sleep 2')).toContain('cronjob.batch/tick created');
  // Past the next whole minute of sim time, when the CronJob makes its first Job.
  const madeAt = await page.evaluate(() => window.__lab!.state().now);
  await page.waitForFunction((t) => window.__lab!.state().now > (Math.floor(t / 60_000) + 1) * 60_000 + 5_000, madeAt, { timeout: 60_000, polling: 250 });
  await pauseSettled(page);
  await expect(page.getByTestId('job-hello')).toHaveAttribute('data-status', 'Complete');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-scenario').click()]);
  const recording = readFileSync((await download.path())!, 'utf8');
  const trace = await page.evaluate(() => window.__lab!.trace());
  expect(trace).toContain('hello-');
  expect(trace).toMatch(/tick-\d+-/);
  const headless = runScenario(parseScenario(recording));
  expect(trace.split('\n').length).toBe(headless.traceText.split('\n').length);
  expect(trace).toBe(headless.traceText);
});
