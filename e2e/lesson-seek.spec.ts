// A lesson follows a seek back (issues 17 and 11): in the Raft election lesson, kill the
// leader and watch the new one, then go back on the timeline to before the kill: the
// lesson is at its first step again, not done, and says where it went back to; Show me
// does it again.

import { expect, test } from './fixtures';

const atMs = async (el: import('@playwright/test').Locator) => Number(await el.getAttribute('data-at-ms'));

test('seeking back before a step’s checkpoint makes it to do again', async ({ page }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?lesson=raft-election&speed=5');
  const step = page.getByTestId('lesson-step');
  const timeline = page.getByTestId('timeline');
  // The lesson's card is a lazy part: on a loaded machine it arrives well after the page.
  await expect(step).toHaveAttribute('data-step', 'kill-leader', { timeout: 60_000 });
  await expect(page.getByTestId('lesson-show-me')).toBeEnabled({ timeout: 60_000 });
  await page.getByTestId('lesson-show-me').click();
  await expect(step).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
  await page.getByTestId('lesson-next').click();
  await expect(step).toHaveAttribute('data-step', 'new-leader');
  await expect(step).toHaveAttribute('data-done', 'true', { timeout: 60_000 });
  await page.getByTestId('lesson-next').click();
  await expect(step).toHaveAttribute('data-step', 'rejoin');
  await expect(page.getByTestId('lesson-rewound')).toHaveCount(0);

  // Back to before the kill (the timeline's fault marker).
  const kill = timeline.locator('[data-testid="time-marker"][data-kind="fault"]').first();
  const killAt = await atMs(kill);
  await page.evaluate((at) => (window as unknown as { __lab: { send(c: unknown): void } }).__lab.send({ type: 'seek', at }), killAt - 500);
  await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeLessThan(killAt);
  await expect(step).toHaveAttribute('data-step', 'kill-leader');
  await expect(step).toHaveAttribute('data-done', 'false');
  await expect(page.getByTestId('lesson-rewound')).toContainText(/Went back to [\d.]+ s: steps 1–2 are not done/);

  // Do it again: Show me kills the leader once more, and the lesson goes on.
  await expect(page.getByTestId('lesson-show-me')).toBeEnabled();
  await page.getByTestId('lesson-show-me').click();
  await expect(step).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('lesson-rewound')).toHaveCount(0);
  await page.getByTestId('lesson-next').click();
  await expect(step).toHaveAttribute('data-step', 'new-leader');
  expect(errors).toEqual([]);
});
