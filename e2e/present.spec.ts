// Presenter mode on a projector: the HA cluster (3 masters, 3 workers, 6 pods) after
// fit-to-view has no text under 16 px at 1920×1080 nor under 12 px at 1280×720; the
// console overlay prints at ≥ 18 px and its kubectl / etcdctl tables fit; the keys work.

import { expect, test, type Page } from './fixtures';
import { consoleLine, leaders } from './helpers';

/** The smallest on-screen text size in the graph: each visible element with text of
 * its own, its computed font size times the viewport's zoom. */
async function smallestGraphText(page: Page): Promise<{ px: number; text: string }> {
  return page.evaluate(() => {
    const vp = document.querySelector('.react-flow__viewport') as HTMLElement;
    const zoom = new DOMMatrix(getComputedStyle(vp).transform).a;
    let best = { px: Infinity, text: '' };
    for (const el of vp.querySelectorAll<HTMLElement>('*')) {
      const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
      if (own === '' || el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      const px = parseFloat(style.fontSize) * zoom;
      if (px < best.px) best = { px, text: own };
    }
    return best;
  });
}

async function haWithSixPods(page: Page) {
  await page.goto('/?masters=3&workers=3&speed=10&seed=5&present=1');
  await expect(page.getByTestId('present')).toHaveAttribute('data-on', 'true');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  await page.getByTestId('console-overlay').click();
  await expect.poll(async () => consoleLine(page, 'kubectl scale deployment web --replicas=6'), { timeout: 40_000 }).toContain('deployment.apps/web scaled');
  await page.keyboard.press('Escape');
  await expect(page.locator('[data-testid^="pod-default-web-"][data-phase="Running"]')).toHaveCount(6, { timeout: 40_000 });
}

for (const { w, h, min } of [{ w: 1920, h: 1080, min: 16 }, { w: 1280, h: 720, min: 12 }]) {
  test(`presenter mode at ${w}×${h}: the HA cluster's graph text is at least ${min} px after fit-to-view`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: w, height: h });
    await haWithSixPods(page);
    await page.locator('.react-flow__controls-fitview').click();
    await page.waitForTimeout(300);
    const smallest = await smallestGraphText(page);
    console.log(`${w}×${h}: smallest graph text ${smallest.px.toFixed(1)} px ("${smallest.text}")`);
    expect(smallest.px).toBeGreaterThanOrEqual(min);
    // Every machine card is on screen, none under the captions.
    const band = await page.getByTestId('captions').boundingBox();
    for (const card of await page.locator('[data-testid^="machine-"]').all()) {
      const box = (await card.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(w);
      if (band) expect(box.y + box.height).toBeLessThanOrEqual(band.y + 1);
    }
  });
}

test('presenter mode: the console overlay prints at 18 px and its kubectl and etcdctl tables fit without cutting', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await haWithSixPods(page);
  await page.getByTestId('console-overlay').click();
  const out = page.getByTestId('console-output');
  await expect(out).toBeVisible();
  expect(parseFloat(await out.evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(18);
  for (const line of ['kubectl get pods -o wide', 'kubectl get nodes -o wide', 'etcdctl endpoint status -w table', 'etcdctl member list -w table']) {
    await consoleLine(page, line);
    const { scroll, client } = await out.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(scroll, `${line} is cut`).toBeLessThanOrEqual(client);
  }
});

test('presenter keys: p toggles, ? shows the keys, a selected card carries kill and boot, k and b act on it, ← steps back through the events', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?masters=3&workers=3&speed=10&seed=5');
  await expect(page.getByTestId('present')).toHaveAttribute('data-on', 'false');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  await page.locator('body').press('p');
  await expect(page.getByTestId('present')).toHaveAttribute('data-on', 'true');
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-card')).toContainText('kill the selected machine');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-card')).toHaveCount(0);

  await page.getByTestId('machine-worker-3').click();
  await expect(page.getByTestId('kill-worker-3')).toBeVisible();
  await page.locator('body').press('k');
  await expect(page.getByTestId('machine-worker-3')).toHaveAttribute('data-status', 'down');
  await expect(page.getByTestId('captions')).toContainText('worker-3 is down');
  await page.locator('body').press('b');
  await expect(page.getByTestId('machine-worker-3')).toHaveAttribute('data-status', 'up');

  // ← travels back event by event (the timeline's ◀ event), paused: back past the boot,
  // worker-3 is down again and the captions tell the kill.
  await expect.poll(async () => {
    if ((await page.getByTestId('machine-worker-3').getAttribute('data-status')) === 'down') return true;
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(400);
    return (await page.getByTestId('machine-worker-3').getAttribute('data-status')) === 'down';
  }, { timeout: 30_000 }).toBe(true);
  await expect(page.getByTestId('play-state')).toHaveText('paused');
  await expect(page.getByTestId('captions')).toContainText('worker-3 is down');
  await page.locator('body').press('p');
  await expect(page.getByTestId('present')).toHaveAttribute('data-on', 'false');
});

// The keyboard's shortcuts load as a chunk of their own (issue 14's first-path budget):
// a key pressed on the page before it has arrived is held for it, not lost.
test('keys pressed before the shortcuts have loaded still act: p turns presenter mode on, space pauses', async ({ page }) => {
  test.setTimeout(90_000);
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let asked = false;
  await page.route(/\/assets\/Keys-[^/]*\.js$/, async (route) => {
    asked = true;
    await held;
    await route.continue();
  });
  await page.goto('/?masters=3&workers=3&seed=5');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  // The page asks for the chunk as it first renders; on a loaded machine the request can
  // still be on its way when the first leader is drawn.
  await expect.poll(() => asked).toBe(true);
  await page.locator('body').press('p');
  await page.locator('body').press(' ');
  await expect(page.getByTestId('present')).toHaveAttribute('data-on', 'false');
  release();
  await expect(page.getByTestId('present')).toHaveAttribute('data-on', 'true');
  await expect(page.getByTestId('time-play')).toBeVisible();
  // Once loaded, keys act at once and are not handled twice.
  await page.locator('body').press('p');
  await expect(page.getByTestId('present')).toHaveAttribute('data-on', 'false');
});

test('presenter mode at 1280×720: the lesson menu opens inside the window and scrolls to its last lesson', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?masters=3&workers=3&present=1');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  await page.getByTestId('lesson-picker').click();
  const menu = page.getByRole('list', { name: 'lessons' });
  await expect(menu).toBeVisible();
  // Left-anchored under the button, the menu ran 120 px off the right edge here.
  const box = (await menu.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(1280);
  expect(box.y + box.height).toBeLessThanOrEqual(720);
  const last = menu.getByRole('button').last();
  await last.scrollIntoViewIfNeeded();
  await expect(last).toBeInViewport();
});

test('presenter mode at 1280×720: a killed master\'s card holds its countdowns and its etcd member inside its border, clear of the workers', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/?masters=3&workers=3&present=1');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  const card = page.getByTestId('machine-master-2');
  await card.click();
  await page.getByTestId('kill-master-2').click();
  await expect(card).toHaveAttribute('data-status', 'down');
  // The grace countdown and the struck components add two rows: at a fixed height the
  // etcd member ran 30 px out of the card's bottom edge, over the node bus.
  await expect(page.getByTestId('countdown-grace-master-2')).toBeVisible({ timeout: 20_000 });
  const cardBox = (await card.boundingBox())!;
  const memberBox = (await card.locator('.member').boundingBox())!;
  expect(memberBox.y + memberBox.height).toBeLessThanOrEqual(cardBox.y + cardBox.height);
  const worker = (await page.getByTestId('machine-worker-2').boundingBox())!;
  expect(cardBox.y + cardBox.height).toBeLessThanOrEqual(worker.y);
});

// A worker cut off from the network in presenter mode: its head shows the countdown to
// NotReady and wraps, and its pods stay inside its card, the card inside the graph's
// pane. (A split's cards were classed `side`, the panels' column, which presenter mode
// hides: every card vanished once a machine was isolated.)
for (const { w, h } of [{ w: 1280, h: 720 }, { w: 1920, h: 1080 }]) {
  test(`presenter mode at ${w}×${h}: an isolated worker's countdown keeps its pods inside its card and the pane`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?masters=3&workers=3&pods=12&speed=5&seed=5&present=1');
    await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
    await expect(page.locator('[data-testid^="pod-default-web-"][data-phase="Running"]')).toHaveCount(12, { timeout: 60_000 });
    await page.evaluate(() => window.__lab!.send({ type: 'isolate', machine: 'worker-1' }));
    const card = page.getByTestId('machine-worker-1');
    /** How far (px) the card's pods run past its border, and the card past the pane. */
    const overflow = () =>
      card.evaluate((el) => {
        const c = el.getBoundingClientRect();
        const pane = document.querySelector('.react-flow')!.getBoundingClientRect();
        const pods = [...el.querySelectorAll('.pod')].map((p) => p.getBoundingClientRect());
        return { pods: pods.length, podsOut: Math.max(0, ...pods.map((p) => p.bottom - c.bottom), ...pods.map((p) => p.right - c.right)), cardOut: Math.max(0, c.bottom - pane.bottom) };
      });
    // Seed 5 puts five pods on worker-1 today: more than the four two-line tiles a
    // presenter card holds, so they show their names on one line.
    const inside = { podsOut: 0, cardOut: 0 };
    // The head's countdown to NotReady, then the node's taints and the pods' eviction
    // countdowns.
    await expect(card.locator('.machine-head .countdown')).toBeVisible({ timeout: 30_000 });
    const outside = async () => { const o = await overflow(); return { podsOut: o.podsOut, cardOut: o.cardOut }; };
    await expect.poll(outside, { timeout: 2_000 }).toEqual(inside);
    expect((await overflow()).pods).toBeGreaterThanOrEqual(3);
    for (const c of await page.locator('[data-testid^="machine-"]').all()) await expect(c).toBeVisible();
    // The split's wider border takes no room from the text: no card's CIDR line is cut.
    const cut = await page.locator('.machine.net-side .node-cidr').evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent));
    expect(cut).toEqual([]);
    await expect(card.locator('.taints')).toBeVisible({ timeout: 30_000 });
    await expect(card.locator('.countdown-evict').first()).toBeVisible({ timeout: 10_000 });
    await expect.poll(outside, { timeout: 2_000 }).toEqual(inside);
    await page.screenshot({ path: `test-results/present-isolated-${w}.png` });
  });
}

// The pod network's bar in presenter mode: its text as large as the cards' (it was 8–9 px
// on a 1280×720 projector), and every entry's text inside its box.
for (const { w, h, min } of [{ w: 1920, h: 1080, min: 16 }, { w: 1280, h: 720, min: 11.5 }]) {
  test(`presenter mode at ${w}×${h}: the pod network overlay's text is at least ${min} px and fits its entries`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: w, height: h });
    await page.goto('/?masters=3&workers=3&speed=10&seed=5&present=1');
    await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
    await expect(page.locator('[data-testid^="pod-default-web-"][data-phase="Running"]')).toHaveCount(3, { timeout: 60_000 });
    await page.getByTestId('overlay-network').click();
    await expect(page.locator('[data-testid^="route-worker-"]')).toHaveCount(3);
    await page.waitForTimeout(500);
    const texts = await page.evaluate(() => {
      const vp = document.querySelector('.react-flow__viewport') as HTMLElement;
      const zoom = new DOMMatrix(getComputedStyle(vp).transform).a;
      const out: { px: number; text: string; fits: boolean }[] = [];
      for (const el of document.querySelectorAll<HTMLElement>('[data-testid="pod-network"] *, [data-testid^="route-"]:not([data-testid^="route-line"]), [data-testid^="route-"] *')) {
        const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
        if (own === '') continue;
        const box = el.closest('[data-testid^="route-"], [data-testid="pod-network"]') as HTMLElement;
        out.push({ px: parseFloat(getComputedStyle(el).fontSize) * zoom, text: own, fits: box.scrollWidth <= box.clientWidth && box.scrollHeight <= box.clientHeight });
      }
      return out;
    });
    expect(texts.length).toBeGreaterThan(6);
    for (const t of texts) {
      expect(t.px, t.text).toBeGreaterThanOrEqual(min);
      expect(t.fits, `"${t.text}" inside its box`).toBe(true);
    }
  });
}

// The Services overlay in presenter mode, the same way: the "no Services yet" hint, then a
// Service's name, ClusterIP and endpoints, each at least as large as the cards' smallest
// text and inside its shape (it was 8–11 px on a 1280×720 projector).
// The hint's own command, as a class would type it.
const WEB_SERVICE = 'kubectl expose deployment web --port=80';

async function overlayTexts(page: Page, selector: string): Promise<{ px: number; text: string; fits: boolean }[]> {
  return page.evaluate((sel) => {
    const vp = document.querySelector('.react-flow__viewport') as HTMLElement;
    const zoom = new DOMMatrix(getComputedStyle(vp).transform).a;
    const out: { px: number; text: string; fits: boolean }[] = [];
    for (const box of document.querySelectorAll<HTMLElement>(sel)) {
      for (const el of [box, ...box.querySelectorAll<HTMLElement>('*')]) {
        const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent ?? '').join('').trim();
        if (own === '') continue;
        const cut = el !== box && el.scrollWidth > el.clientWidth;
        out.push({ px: parseFloat(getComputedStyle(el).fontSize) * zoom, text: own, fits: !cut && box.scrollWidth <= box.clientWidth && box.scrollHeight <= box.clientHeight });
      }
    }
    return out;
  }, selector);
}

/** At least `count` texts, each at least `min` px on screen and inside its box. */
function expectReadable(texts: { px: number; text: string; fits: boolean }[], min: number, count: number): void {
  expect(texts.length).toBeGreaterThanOrEqual(count);
  for (const t of texts) {
    expect(t.px, t.text).toBeGreaterThanOrEqual(min);
    expect(t.fits, `"${t.text}" inside its box`).toBe(true);
  }
}

for (const { w, h, min } of [{ w: 1920, h: 1080, min: 16 }, { w: 1280, h: 720, min: 11.5 }]) {
  test(`presenter mode at ${w}×${h}: the Services overlay's text is at least ${min} px and fits its shapes`, async ({ page }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: w, height: h });
    await haWithSixPods(page);
    await page.getByTestId('overlay-services').click();
    await expect(page.getByTestId('services-none')).toBeVisible();
    await page.waitForTimeout(500);
    expectReadable(await overlayTexts(page, '[data-testid="services-none"]'), min, 1);
    await page.getByTestId('console-overlay').click();
    expect((await consoleLine(page, WEB_SERVICE)).trim()).toBe('service/web exposed');
    await page.getByTestId('console-input').press('Escape');
    await expect(page.getByTestId('service-default-web')).toHaveAttribute('data-endpoints', /^[1-9]/, { timeout: 30_000 });
    await page.waitForTimeout(500);
    expectReadable(await overlayTexts(page, '[data-testid="service-default-web"]'), min, 4);
    await page.screenshot({ path: `test-results/present-services-${w}.png` });
  });
}
