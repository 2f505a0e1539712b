// The e2e tests' `test`: Playwright's own, plus an opt-in slow machine.
//
// E2E_CPU_THROTTLE=N (N > 1) slows the page's main thread N times through Chromium's
// DevTools CPU throttling (Emulation.setCPUThrottlingRate), for every page the test
// opens. The outside CI runs on a loaded machine where the lazy parts, frames and key
// handlers arrive late; a race that only shows there shows here on any machine. Off by
// default and never set by CI (.ci/run): a throttled suite takes several times longer.
// The target is the page's main thread (its drawing, its chunks, its key handlers):
// the page falls behind the cluster it draws, which is the race CI lost (stop 23).
// E2E_FRAME_DELAY_MS=N: every message from the coordinator worker reaches the page N ms
// late (frame-delay.ts): the frames after a Pause, a kill or a seek come late, as on a
// loaded machine, every time.

import { test as base, expect, type BrowserContext, type Page } from '@playwright/test';
import { delayFrames, frameDelayFromEnv } from './frame-delay';

/** The throttle rate from E2E_CPU_THROTTLE: 1 (off) when unset; a clear error when bad. */
export function cpuThrottleRate(raw = process.env.E2E_CPU_THROTTLE): number {
  if (raw === undefined || raw.trim() === '') return 1;
  const rate = Number(raw);
  if (!Number.isFinite(rate) || rate < 1) throw new Error(`E2E_CPU_THROTTLE: expected a number ≥ 1 (how many times slower the page runs, e.g. 4), got "${raw}"`);
  return rate;
}

const RATE = cpuThrottleRate();
const FRAME_DELAY_MS = frameDelayFromEnv();

async function throttle(context: BrowserContext, page: Page): Promise<void> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: RATE });
}

export const test = base.extend({
  context: async ({ context }, use) => {
    // Pages a test opens itself (a share link in a fresh page) are slowed too.
    if (RATE > 1) context.on('page', (p) => void throttle(context, p).catch(() => {}));
    if (FRAME_DELAY_MS > 0) await delayFrames(context, FRAME_DELAY_MS);
    await use(context);
  },
  page: async ({ context, page }, use) => {
    if (RATE > 1) await throttle(context, page);
    await use(page);
  },
});

export { expect };
export type { Locator, Page } from '@playwright/test';
