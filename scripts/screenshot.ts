// Screenshots of the page (docs/screenshot.png and a few more in test-results/shots).
// Run against a preview server:  npx vite build && npx vite preview &  npx tsx scripts/screenshot.ts
// Options: --url http://127.0.0.1:4173  --out test-results/shots

import { flag } from './args';
import { CHROMIUM_ARGS } from './chromium-args';
import { chromium, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const arg = (name: string, dflt: string) => flag(`--${name}`) || dflt;
const base = arg('url', 'http://127.0.0.1:4173');
const out = arg('out', 'test-results/shots');
mkdirSync(out, { recursive: true });

// The same flags as playwright.config.ts.
const ARGS = CHROMIUM_ARGS;

async function leader(page: Page): Promise<string> {
  await page.locator('[data-testid^="etcd-"][data-role="leader"]').first().waitFor({ timeout: 20_000 });
  const id = await page.locator('[data-testid^="etcd-"][data-role="leader"]').first().getAttribute('data-testid');
  return id!.replace(/^etcd-etcd-/, 'master-');
}

async function console_(page: Page, line: string): Promise<void> {
  await page.getByTestId('console-input').fill(line);
  await page.getByTestId('console-input').press('Enter');
  await page.waitForTimeout(400);
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...ARGS] });
  for (const [w, h] of [[1440, 900], [1280, 720]] as const) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    // HA: three stacked masters, three workers, a Deployment of six.
    await page.goto(`${base}/?masters=3&workers=3&speed=5&seed=5`);
    const lead = await leader(page);
    await console_(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=6');
    await page.locator('[data-testid^="pod-default-web-"][data-phase="Running"]').nth(5).waitFor({ timeout: 30_000 });
    await page.getByTestId(`machine-${lead}`).click();
    await page.waitForFunction(() => document.querySelectorAll('.packet-dot').length >= 2, undefined, { timeout: 8000 }).catch(() => undefined);
    await page.screenshot({ path: join(out, `overview-${w}x${h}.png`) });
    // Kill the master that runs the etcd leader, and a worker.
    await page.getByTestId(`kill-${lead}`).click();
    await page.getByTestId('machine-worker-3').click();
    await page.getByTestId('kill-worker-3').click();
    await page.waitForTimeout(9000);
    await page.screenshot({ path: join(out, `after-kill-${w}x${h}.png`) });
    await page.close();
  }
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${base}/?topology=external&masters=3&etcd=3&workers=3&speed=5&seed=7`);
  await leader(page).catch(() => undefined);
  await console_(page, 'kubectl create deployment web --image=nginx:1.27 --replicas=5');
  await page.waitForTimeout(3000);
  await page.screenshot({ path: join(out, 'external-1440x900.png') });
  await page.goto(`${base}/?speed=5`);
  await page.waitForTimeout(1500);
  await console_(page, 'kubectl create deployment db --image=postgres:16 --replicas=2');
  await page.getByTestId('machine-worker-1').click();
  await page.waitForTimeout(3000);
  await page.screenshot({ path: join(out, 'default-1440x900.png') });
  await page.goto(`${base}/?masters=4&bogus=1`);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(out, 'bad-params-1440x900.png') });
  await browser.close();
  console.log(`screenshots in ${out}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
