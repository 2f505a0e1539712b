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
    // The handler a message goes to is the one set when it is delivered (after its
    // delay), as the browser does: the page swaps its early handler (src/client/
    // connection.ts) for the connection's, and a late message must reach the new one.
    const current = new WeakMap<Worker, (e: MessageEvent) => void>();
    Object.defineProperty(Worker.prototype, 'onmessage', {
      configurable: true,
      get() {
        return current.get(this) ?? null;
      },
      set(this: Worker, handle: ((e: MessageEvent) => void) | null) {
        if (handle) current.set(this, handle);
        else current.delete(this);
        own.set!.call(this, handle && ((e: MessageEvent) => {
          const deliver = () => current.get(this)?.call(this, e);
          const delay = w.frameDelayMs ?? 0;
          if (delay > 0) setTimeout(deliver, delay);
          else deliver();
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
