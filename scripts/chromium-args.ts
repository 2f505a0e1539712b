// The flags every Chromium of this project runs with: the e2e tests (playwright.config.ts)
// and the scripts that measure the page (bench:page, trace:page, page-cpu-rate…).
//
// Chromium 156 in headless mode opens a WebUI renderer for the omnibox popup
// (chrome://omnibox-popup.top-chrome/) with every new browser context: measured here,
// about 1.3 s of CPU in that renderer and 0.6 s more in the browser process per context,
// spent in the first two seconds after the page is created, that is while the page under
// test loads and boots. On this 2-core machine it took a core from the page during
// bench:page's first-leader figure (docs/performance.md, 2026-12-07 "boot"). A person's
// browser has its omnibox loaded long before they open the lab, so the benchmark turns it
// off, as Puppeteer's launcher does by default since puppeteer/puppeteer#15278
// (WebUIOmniboxPopup, WebUIOmniboxAimPopup).
//
// Chromium keeps only the last --disable-features on its command line, and Playwright
// passes its own list (chromiumSwitches.ts: PaintHolding among others, which changes
// when a page first paints) before the caller's flags: this list repeats Playwright's,
// read from the installed playwright-core, and adds those two.

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Features this project turns off on top of Playwright's own list. */
export const EXTRA_DISABLED_FEATURES = ['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup'] as const;

/** Playwright's own `--disable-features` list, from the installed playwright-core. */
export function playwrightDisabledFeatures(): string[] {
  const root = dirname(createRequire(import.meta.url).resolve('playwright-core/package.json'));
  const bundle = readFileSync(join(root, 'lib', 'coreBundle.js'), 'utf8');
  const m = /disabledFeatures = \[([\s\S]*?)\]\.filter\(Boolean\)/.exec(bundle);
  const names = m ? [...m[1]!.matchAll(/^\s*"([\w-]+)",?\s*$/gm)].map((x) => x[1]!) : [];
  // A Playwright that stores its list differently: stop rather than drop its features.
  if (names.length === 0) throw new Error('chromium-args.ts: Playwright\'s disabledFeatures list was not found in playwright-core; update the parser');
  return names;
}

export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  `--disable-features=${[...playwrightDisabledFeatures(), ...EXTRA_DISABLED_FEATURES].join(',')}`,
];

/** The flags as they were before the omnibox features were turned off (an A/B of the
 * benchmark itself: `--chromium-default`). */
export const CHROMIUM_ARGS_DEFAULT: readonly string[] = CHROMIUM_ARGS.filter((a) => !a.startsWith('--disable-features='));
