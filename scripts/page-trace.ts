// A Chromium trace of the running page over a span of wall time, and how far the sim
// clock moved meanwhile (window.__lab): what trace:page and profile-page-worker record.

import type { Browser, Page } from '@playwright/test';

export interface TraceSpan<E> {
  readonly simMs: number;
  readonly events: E[];
}

export async function traceSpan<E>(browser: Browser, page: Page, categories: string[], seconds: number): Promise<TraceSpan<E>> {
  await browser.startTracing(page, { categories });
  const sim0 = await page.evaluate(() => window.__lab!.state().now);
  await page.waitForTimeout(seconds * 1000);
  const sim1 = await page.evaluate(() => window.__lab!.state().now);
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: E[] };
  return { simMs: sim1 - sim0, events: trace.traceEvents };
}
