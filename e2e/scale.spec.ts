// The page at scale: more than a dozen workers are drawn as tiles with their pods as
// dots, and `?pods=N` starts a Deployment of N pods that reach Running on them.

import { expect, test } from './fixtures';

test('13 workers and 26 pods from the URL: the workers are tiles, the pods run as dots on them', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto('/?masters=1&workers=13&pods=26&speed=0');
  const tile = page.getByTestId('machine-worker-13');
  await expect(tile).toBeVisible({ timeout: 60_000 });
  await expect(tile).toHaveClass(/\btile\b/);
  // No per-worker arrow to the load balancer on a tiled cluster.
  await expect(page.locator('.react-flow__edge.edge-node')).toHaveCount(0);
  const running = page.locator('.pod-dot[data-testid^="pod-default-web-"][data-phase="Running"]');
  await expect.poll(() => running.count(), { timeout: 120_000 }).toBe(26);
  // Each dot sits on the tile of the node it runs on.
  const onTile = await page.locator('[data-testid^="machine-worker-"]').evaluateAll((tiles) =>
    tiles.every((t) => [...t.querySelectorAll('.pod-dot')].every((d) => `machine-${d.getAttribute('data-node')}` === t.getAttribute('data-testid'))));
  expect(onTile).toBe(true);
  await expect(page.getByTestId('topology')).toHaveValue('-1'); // a custom shape, from the URL
});
