// Every lesson completes through its own "Show me" path at full speed, with no page
// error: Show me where a step acts, waiting where it only waits, Next after each
// checkpoint, until the lesson says it is complete.

import { expect, test } from '@playwright/test';
import { LESSONS } from '../src/ui/lessons/catalog';

for (const lesson of LESSONS) {
  test(`lesson ${lesson.id} completes through Show me`, async ({ page }) => {
    test.setTimeout(180_000);
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`/?lesson=${lesson.id}&speed=0`);
    const step = page.getByTestId('lesson-step');
    for (const [i, s] of lesson.steps.entries()) {
      await expect(step).toHaveAttribute('data-step', s.id, { timeout: 10_000 });
      await expect(step).toHaveAttribute('data-index', String(i));
      const showMe = page.getByTestId('lesson-show-me');
      if (s.showMe({ target: 'x', term: 0 }).length > 0) {
        // The step knows its target once the cluster is there (a leader elected, pods running).
        await expect(showMe).toBeEnabled({ timeout: 60_000 });
        await showMe.click();
      }
      await expect(step).toHaveAttribute('data-done', 'true', { timeout: 90_000 });
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
