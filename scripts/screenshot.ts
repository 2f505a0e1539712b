// Screenshots of the page (docs/screenshot.png and a few more in test-results/shots).
// Run against a preview server:  npx vite build && npx vite preview &  npx tsx scripts/screenshot.ts
// Options: --url http://127.0.0.1:4173  --out test-results/shots

import { chromium, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const arg = (name: string, dflt: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : dflt;
};
const base = arg('url', 'http://127.0.0.1:4173');
const out = arg('out', 'test-results/shots');
mkdirSync(out, { recursive: true });

// The same flags as playwright.config.ts.
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'];

async function leader(page: Page): Promise<string> {
  await page.locator('[data-testid^="etcd-"][data-role="leader"]').first().waitFor({ timeout: 20_000 });
  const id = await page.locator('[data-testid^="etcd-"][data-role="leader"]').first().getAttribute('data-testid');
  return id!.replace(/^etcd-etcd-/, 'master-');
}

async function main(): Promise<void> {
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ARGS });
  for (const [w, h] of [[1440, 900], [1280, 720]] as const) {
    const page = await browser.newPage({ viewport: { width: w, height: h } });
    await page.goto(`${base}/?speed=0.5`);
    const lead = await leader(page);
    // Some writes so the logs have entries, then a pause mid-flight.
    for (const [k, v] of [['greeting', 'hello'], ['color', 'blue']]) {
      await page.getByTestId('kv-key').fill(k);
      await page.getByTestId('kv-value').fill(v);
      await page.getByTestId('kv-put').click();
      await page.locator('[data-testid="kv-result"][data-ok="true"]').waitFor();
    }
    await page.getByTestId(`machine-${lead}`).click();
    await page.waitForTimeout(700);
    // Catch a moment with messages on the wire.
    await page.waitForFunction(() => document.querySelectorAll('.packet-dot').length >= 2, undefined, { timeout: 8000 }).catch(() => undefined);
    await page.screenshot({ path: join(out, `overview-${w}x${h}.png`) });
    await page.getByTestId(`kill-${lead}`).click();
    await page.waitForTimeout(2500);
    await page.screenshot({ path: join(out, `after-kill-${w}x${h}.png`) });
    await page.close();
  }
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.goto(`${base}/?topology=external&masters=2&etcd=5&workers=2&speed=1&seed=7`);
  await leader(page).catch(() => undefined);
  await page.waitForTimeout(1500);
  await page.screenshot({ path: join(out, 'external-1440x900.png') });
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
