import { expect, test } from '@playwright/test';
test('shot', async ({ page }) => {
  test.setTimeout(90_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/?masters=3&workers=3&speed=10&seed=3');
  await expect.poll(async () => Number(await page.getByTestId('timeline').getAttribute('data-at-ms')), { timeout: 40_000 }).toBeGreaterThan(20000);
  await page.getByTestId('machine-master-2').click();
  await page.getByTestId('kill-master-2').click();
  await page.waitForTimeout(3000);
  await page.screenshot({ path: '/tmp/tl/shot1.png' });
  await page.getByTestId('timeline').screenshot({ path: '/tmp/tl/shot2.png' });
});
