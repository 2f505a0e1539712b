// A Job from the console (classroom profile): its pods run on the workers, end, and are
// drawn as Succeeded (✓) on the graph; the Workloads panel lists the Job as Complete.

import { expect, test } from './fixtures';
import { consoleLine, leaders, recordSeen } from './helpers';

test('a Job created in the console runs its pods to completion on the graph', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?workers=2&speed=10&seed=3');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator('[data-testid^="pod-default-web-"][data-phase="Running"]').first()).toBeVisible({ timeout: 60_000 });
  // A Job pod runs for 5 s of sim time, half a second at 10×: expect's polling can step
  // over it, so the page records it.
  const batchRan = await recordSeen(page, '[data-testid^="pod-default-batch-"][data-phase="Running"]');
  const answer = await consoleLine(page, 'kubectl apply -f - <<EOF\napiVersion: batch/v1\nkind: Job\nmetadata: { name: batch }\nspec:\n  completions: 3\n  parallelism: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [ { name: work, image: "busybox:1.36", command: ["sh", "-c", "sleep 5"] } ]\nEOF');
  expect(answer).toContain('job.batch/batch created');
  await expect.poll(batchRan, { timeout: 30_000 }).toBe(true);
  await expect(page.locator('[data-testid^="pod-default-batch-"][data-phase="Succeeded"]')).toHaveCount(3, { timeout: 60_000 });
  await expect(page.locator('[data-testid^="pod-default-batch-"][data-phase="Succeeded"]').first()).toContainText('✓');
  await expect(page.getByTestId('job-batch')).toHaveAttribute('data-status', 'Complete');
  expect(await consoleLine(page, 'kubectl get jobs')).toMatch(/batch\s+Complete\s+3\/3/);
  await page.screenshot({ path: 'test-results/jobs-complete.png' });
});
