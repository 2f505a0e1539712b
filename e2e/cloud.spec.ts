// On a simulated cloud (?cloud=sim, issue 12): terminating an instance from the
// inspector deletes its Node and its pods come back on the other workers; the
// dashboard on the client machine shows the pods it read through the apiserver.

import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { consoleLine, withPageState } from './helpers';

const running = (page: import('@playwright/test').Page, node?: string) =>
  page.locator(`[data-testid^="pod-default-web-"][data-phase="Running"]:not([data-terminating="true"])${node ? `[data-node="${node}"]` : ''}`);

test('terminate an instance: the machine is gone, its Node is deleted and its pods are rescheduled; the dashboard lists the pods', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/?cloud=sim&dashboard=1&workers=3&speed=10&seed=3');
  await expect(page.getByTestId('cloud')).toHaveAttribute('data-cloud', 'sim');
  await expect(page.getByTestId('machine-cloud')).toBeVisible();
  await expect(page.locator('[data-testid$="-cloud-controller-manager"][data-leader="true"]')).toHaveCount(1, { timeout: 30_000 });
  await expect(running(page)).toHaveCount(3, { timeout: 60_000 });

  // The dashboard read the same pods through the load balancer.
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-synced', 'true', { timeout: 30_000 });
  await page.getByTestId('dashboard-tab-pods').click();
  await expect(page.locator('[data-testid^="dashboard-pod-default-web-"][data-phase="Running"]')).toHaveCount(3, { timeout: 30_000 });
  // Events have no watch cache: the dashboard's Events informer lists and watches them
  // straight from etcd (the apiserver's storage watches, loaded with the console's part).
  await page.getByTestId('dashboard-tab-events').click();
  await expect(page.getByTestId('dashboard').getByText('Started container', { exact: false }).first()).toBeVisible({ timeout: 30_000 });

  const victim = (await running(page).first().getAttribute('data-node'))!;
  expect(victim).toMatch(/^worker-/);
  await page.getByTestId(`machine-${victim}`).click();
  await page.getByTestId(`terminate-${victim}`).click();
  // Gone from the picture at once: a terminated instance is not restartable.
  await expect(page.getByTestId(`machine-${victim}`)).toHaveCount(0, { timeout: 15_000 });
  // The Node disappears once it is NotReady and the cloud says the instance is gone.
  await expect.poll(async () => consoleLine(page, 'kubectl get nodes'), { timeout: 60_000, intervals: [2000] }).not.toContain(victim);
  await expect(page.getByTestId(`dashboard-tab-nodes`)).toBeVisible();
  await page.getByTestId('dashboard-tab-nodes').click();
  await expect(page.getByTestId(`dashboard-node-${victim}`)).toHaveCount(0, { timeout: 30_000 });
  // Its pods were force-deleted by PodGC and replaced on the other workers.
  await expect(running(page)).toHaveCount(3, { timeout: 60_000 });
  await expect(running(page, victim)).toHaveCount(0);
  await expect(page.locator(`[data-testid="cloud-summary"]`)).toContainText('1 terminated');
});

test('axe: the cloud inspector and the dashboard panel have no violations', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?cloud=sim&dashboard=1&workers=2&speed=10');
  await expect(page.getByTestId('dashboard')).toHaveAttribute('data-synced', 'true', { timeout: 30_000 });
  await page.getByTestId('machine-cloud').click();
  await withPageState(page, () => expect(page.getByTestId('cloud-inspector')).toBeVisible());
  await expect(page.getByTestId('cloud-routes')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('dashboard-tab-events').click();
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
});
