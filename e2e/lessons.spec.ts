// Every lesson completes through its own "Show me" path at 25× (or its maxSpeed, which
// `?lesson=` applies), with no page error: Show me where a step acts, waiting where it
// only waits, Next after each checkpoint, until the lesson says it is complete. Every
// wait is on a condition, never on the clock. The lessons are independent pages: with
// `--workers=N` they run side by side. LESSON_TIMING=1 prints each step's wall ms and
// sim clock; LESSON_SPEED=N runs them at another speed.
//
// Why 25× and not "as fast as possible" (speed=0): flat out, the simulation worker
// takes a whole core and simulates hours of cluster time between two clicks (4 h for
// small-cluster), starving the page and Playwright. Measured on the shared 2-core
// machine (load ~30), worker-death + small-cluster + pod-network: speed=0 2.6 / 3.0 min,
// 100× 2.6 min (it cannot keep up, so it is flat out too), 25× 1.5 / 1.3 min, 10× 1.3 min.
// The longest wait of any lesson (grace 16 s + toleration 30 s) is 2 s of wall time at 25×.
const E2E_SPEED = process.env.LESSON_SPEED ?? '25';

import { expect, test } from './fixtures';
import { LESSONS } from '../src/ui/lessons/catalog';

test.describe.configure({ mode: 'parallel' });

/** Steps that ring a part of the page beyond a machine (an overlay's route, a Service's
 * shape, a why-table row, a panel): once done, an element of that data-testid is ringed. */
const RINGED: Readonly<Record<string, Readonly<Record<string, RegExp>>>> = {
  'pod-network': { routes: /^route-worker-\d+$/, why: /^why-row-/, 'services-overlay': /^service-default-web$/ },
  jobs: { 'cron-run': /^cronjob-tick$/ },
  'apiserver-path': { dashboard: /^dashboard$/ },
  'scheduler-ssd': { 'why-pending': /^why-row-worker-2$/ },
};

for (const lesson of LESSONS) {
  test(`lesson ${lesson.id} completes through Show me`, async ({ page }) => {
    test.setTimeout(180_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`/?lesson=${lesson.id}&speed=${E2E_SPEED}`);
    const step = page.getByTestId('lesson-step');
    const t0 = Date.now();
    for (const [i, s] of lesson.steps.entries()) {
      // The lesson's card is a lazy part (its chunk and the catalog's): on a loaded machine
      // it arrives well after the page; each next step shows at once after Next.
      await expect(step).toHaveAttribute('data-index', String(i), { timeout: i === 0 ? 60_000 : 10_000 });
      await expect(step).toHaveAttribute('data-step', s.id);
      const showMe = page.getByTestId('lesson-show-me');
      const acts = s.showMe({ target: 'x', term: 0 });
      if (acts.length > 0) {
        // The step knows its target once the cluster is there (a leader elected, pods running).
        await expect(showMe).toBeEnabled({ timeout: 60_000 });
        await showMe.click();
      }
      await expect(step).toHaveAttribute('data-done', 'true', { timeout: 90_000 });
      // A console line Show me typed is printed on the card with its answer.
      if (acts.some((c) => c.type === 'console')) await expect(page.getByTestId('lesson-answer')).toHaveAttribute('data-ok', /^(true|false)$/);
      const ring = RINGED[lesson.id]?.[s.id];
      if (ring) {
        await expect.poll(async () => (await page.locator('[data-lesson-ring]').evaluateAll((els) => els.map((e) => e.getAttribute('data-testid') ?? ''))).some((id) => ring.test(id)), { timeout: 10_000 }).toBe(true);
      }
      if (process.env.LESSON_TIMING) console.log(lesson.id, s.id, Date.now() - t0, await page.getByTestId('sim-clock').innerText());
      await page.getByTestId('lesson-next').click();
    }
    await expect(page.getByTestId('lesson-complete')).toBeVisible();
    expect(errors).toEqual([]);
  });
}

test('the picker lists the lessons and opens one; an unknown lesson is named and the page runs', async ({ page }) => {
  await page.goto('/?speed=5');
  await page.getByTestId('lesson-picker').click();
  for (const l of LESSONS) await expect(page.getByTestId(`lesson-${l.id}`)).toBeVisible();
  await page.getByTestId('lesson-raft-election').click();
  await expect(page).toHaveURL(/lesson=raft-election/);
  await expect(page.getByTestId('lesson-panel')).toHaveAttribute('data-lesson', 'raft-election');
  await page.goto('/?lesson=no-such-lesson');
  await expect(page.getByTestId('notice').filter({ hasText: 'lesson:' })).toContainText('raft-election');
  await expect(page.getByTestId('try-this')).toBeVisible();
});
