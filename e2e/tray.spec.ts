// The Pending tray at 30 workers on a projector (1280×720): a strip under the graph, so
// no worker tile is hidden behind it; its count says how many pods wait, and a pod in
// it opens the scheduler's why-table.

import { expect, test, type Page } from './fixtures';

test.use({ viewport: { width: 1280, height: 720 } });

/** Every worker card inside the graph's box, none under the tray. */
async function trayHidesNothing(page: Page): Promise<void> {
  const r = await page.evaluate(() => {
    const graph = document.querySelector('.graph')!.getBoundingClientRect();
    const tray = document.querySelector('[data-testid="unscheduled"]')!.getBoundingClientRect();
    const cards = [...document.querySelectorAll('[data-testid^="machine-worker-"]')].map((e) => e.getBoundingClientRect());
    return { trayBelowGraph: tray.top >= graph.bottom - 0.5, cards: cards.length, inGraph: cards.filter((c) => c.top >= graph.top - 0.5 && c.bottom <= graph.bottom + 0.5).length };
  });
  expect(r.trayBelowGraph).toBe(true);
  expect(r.cards).toBe(30);
  expect(r.inGraph).toBe(30);
}

test('30 workers at 1280×720: the Pending tray sits under the graph and hides no worker; a pod in it says why', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?masters=3&workers=30&pods=300');
  // The rollout: every web pod scheduled, the Deployment ready, the tray gone.
  await expect(page.getByTestId('deployment-web')).toContainText('300/300 ready', { timeout: 60_000 });
  await expect(page.getByTestId('unscheduled')).toHaveCount(0);
  // Forty pods no node can take (no node has disk=nvme).
  await page.getByTestId('deploy-name').fill('big');
  await page.getByTestId('deploy-replicas').fill('40');
  await page.getByTestId('deploy-selector').fill('disk=nvme');
  await page.getByTestId('create-deployment').click();
  const tray = page.getByTestId('unscheduled');
  await expect(tray).toHaveAttribute('data-count', '40', { timeout: 30_000 });
  await trayHidesNothing(page);
  // The graph refits above the tray: still every worker in the graph's box after a resize.
  await page.setViewportSize({ width: 1920, height: 1080 });
  await expect.poll(() => page.evaluate(() => document.querySelector('.graph')!.getBoundingClientRect().bottom)).toBeGreaterThan(700);
  await trayHidesNothing(page);
  await tray.locator('[data-testid^="pod-default-big-"]').first().click();
  // Its FitError: from the scheduler's table (fit-error) or, once that left the
  // scheduler's bounded record, from the pod's PodScheduled condition (why-note).
  await expect(page.getByTestId('why')).toContainText("didn't match Pod's node affinity/selector", { timeout: 40_000 });
});
