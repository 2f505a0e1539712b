// The graph's first paint (src/ui/graph/FirstPaint.tsx): with React Flow's chunk held
// back, the cluster is drawn and its etcd leader found without it; once React Flow
// arrives it takes over with every card at the same place and the same viewport, and a
// click on a card selects it in both.

import { expect, test, type Page } from './fixtures';
import { leaders, pauseSettled } from './helpers';

/** Every machine card's box on screen, by test id. */
const cardBoxes = (page: Page) =>
  page.locator('[data-testid^="machine-"]').evaluateAll((els) => Object.fromEntries(els.map((e) => {
    const r = e.getBoundingClientRect();
    return [e.getAttribute('data-testid'), [r.x, r.y, r.width, r.height].map((v) => Math.round(v * 10) / 10)];
  })));

/** Holds React Flow's chunks (with d3, and the graph built on it) back until `release`. */
async function holdReactFlow(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/assets\/(Graph|esm)-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

for (const url of ['/?masters=3&workers=3&seed=5', '/?masters=3&workers=30&pods=300&seed=5', '/?masters=3&workers=3&present=1&seed=5']) {
  test(`${url}: the first leader is drawn before React Flow has loaded, and React Flow takes over at the same places`, async ({ page }) => {
    test.setTimeout(90_000);
    const release = await holdReactFlow(page);
    await page.goto(url);
    await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
    await expect(page.getByTestId('graph-first-paint')).toBeVisible();
    await expect(page.locator('.react-flow__node')).toHaveCount(0);
    // Pause, so both pictures show the same cluster (the coordinator's own paused frame:
    // a late frame could still add a pod and grow a card).
    await pauseSettled(page);
    await expect(page.getByTestId('time-play')).toBeVisible();
    const before = await cardBoxes(page);
    const viewport = await page.locator('.react-flow__viewport').getAttribute('style');
    expect(Object.keys(before).length).toBeGreaterThanOrEqual(7);

    release();
    await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('graph-first-paint')).toHaveCount(0);
    await expect(page.locator('.react-flow__viewport')).toHaveAttribute('style', viewport!);
    const after = await cardBoxes(page);
    // A large cluster: React Flow renders only the cards on screen, all of them here.
    for (const [id, box] of Object.entries(after)) expect(box, id).toEqual(before[id]);
    expect(Object.keys(after).length).toBe(Object.keys(before).length);
    await expect(leaders(page)).toHaveCount(1);
  });
}

test('a click on a card of the first paint selects the machine', async ({ page }) => {
  await page.route(/\/assets\/(Graph|esm)-[^/]*\.js$/, () => {
    /* never answered: React Flow does not arrive in this test */
  });
  await page.goto('/?masters=3&workers=3&seed=5');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  await page.getByTestId('machine-worker-1').click();
  await expect(page.getByTestId('machine-worker-1')).toHaveClass(/\bselected\b/);
  await page.getByTestId('graph-first-paint').click({ position: { x: 5, y: 5 } });
  await expect(page.getByTestId('machine-worker-1')).not.toHaveClass(/\bselected\b/);
});

test('a card focused in the first paint keeps the focus when React Flow takes over, and the arrows go on', async ({ page }) => {
  test.setTimeout(90_000);
  const release = await holdReactFlow(page);
  await page.goto('/?masters=3&workers=3&seed=5');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  await page.getByTestId('machine-master-1').focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('machine-master-2')).toBeFocused();
  release();
  await expect(page.locator('.react-flow__node').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('graph-first-paint')).toHaveCount(0);
  await expect(page.getByTestId('machine-master-2')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('machine-master-3')).toBeFocused();
});
