// Late frames on purpose: every message the coordinator worker sends reaches the page a
// set time later, in order. On a loaded machine frames land late, after the buttons have
// already changed (a Pause shows at once; the frames made before the coordinator took it
// still come and move the clock). A race that needs late frames shows here every time.

import type { BrowserContext, Page } from '@playwright/test';

/** Wraps Worker.prototype.onmessage before the page's scripts run (of one page, or of
 * every page of a context): each message is
 * handled `ms` later (window.frameDelayMs, which a test may change: raise it only, or
 * messages overtake each other). */
export async function delayFrames(target: Page | BrowserContext, ms: number): Promise<void> {
  await target.addInitScript((initial) => {
    const w = window as unknown as { frameDelayMs?: number };
    w.frameDelayMs = initial;
    const own = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage')!;
    Object.defineProperty(Worker.prototype, 'onmessage', {
      configurable: true,
      get() {
        return own.get!.call(this);
      },
      set(handle: ((e: MessageEvent) => void) | null) {
        own.set!.call(this, handle && ((e: MessageEvent) => {
          const delay = w.frameDelayMs ?? 0;
          if (delay > 0) setTimeout(() => handle.call(this, e), delay);
          else handle.call(this, e);
        }));
      },
    });
  }, ms);
}

/** Changes the delay from now on (raise it only: see delayFrames). */
export async function setFrameDelay(page: Page, ms: number): Promise<void> {
  await page.evaluate((d) => ((window as unknown as { frameDelayMs: number }).frameDelayMs = d), ms);
}

/** The delay from E2E_FRAME_DELAY_MS: 0 (off) when unset; a clear error when bad. */
export function frameDelayFromEnv(raw = process.env.E2E_FRAME_DELAY_MS): number {
  if (raw === undefined || raw.trim() === '') return 0;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0) throw new Error(`E2E_FRAME_DELAY_MS: expected a number of milliseconds ≥ 0 (how late every frame reaches the page, e.g. 500), got "${raw}"`);
  return ms;
}
