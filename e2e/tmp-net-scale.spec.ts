import { expect, test, type Page } from '@playwright/test';

const SERVICE = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
EOF`;

async function fps(page: Page, ms: number): Promise<number> {
  return page.evaluate((ms) => new Promise<number>((resolve) => {
    let n = 0;
    const start = performance.now();
    const tick = () => {
      n++;
      if (performance.now() - start < ms) requestAnimationFrame(tick);
      else resolve((n * 1000) / (performance.now() - start));
    };
    requestAnimationFrame(tick);
  }), ms);
}

test('100 workers with the overlays', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto(`/?workers=${process.env.NW ?? 30}&pods=300&speed=1&seed=5`);
  await expect(page.locator('[data-testid^="node-worker-"][data-ready="True"]')).toHaveCount(Number(process.env.NW ?? 30), { timeout: 200_000 });
  await page.getByTestId('console-input').fill(SERVICE);
  await page.getByTestId('console-input').press('Enter');
  await expect(page.getByTestId('console-output')).toContainText('service/web created', { timeout: 60_000 });
  await page.waitForTimeout(2000);
  await page.getByTestId('overlay-network').click();
  await page.getByTestId('overlay-services').click();
  await expect(page.getByTestId('service-default-web')).toBeVisible({ timeout: 30_000 });
  await page.waitForTimeout(3000);
  const t0 = Date.now();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(0))));
  console.log('one frame ms', Date.now() - t0);
  console.log('endpoints', await page.getByTestId('service-default-web').getAttribute('data-endpoints'), 'arrows', await page.locator('[data-testid="service-arrow"]').count());
  await page.screenshot({ path: 'test-results/network-100.png' });
});
