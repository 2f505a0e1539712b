// ← / → travel between the timeline's events, as its ◀ event / event ▶ buttons do
// (issue 17's presenter keys, issue 11's timeline): kill the etcd leader's master,
// pause, press ← until the clock is before the kill: the old leader leads again; →
// moves forward to the next marker. Arrows inside the log stay the log's.

import { expect, test } from './fixtures';
import { atMs, leaderKilledAfter, pauseSettled } from './helpers';

test('← goes back event by event to before a kill, → forward to the next marker', async ({ page }) => {
  test.setTimeout(120_000);
  const { timeline, old, killAt } = await leaderKilledAfter(page, '/?masters=3&workers=0&speed=5&seed=3', 6000, 2000);
  // Pause by its button: the focus is on a button, and the arrows still travel.
  const end = await pauseSettled(page);

  // ← once: the previous marker (the new leader, after the kill), paused there.
  await page.keyboard.press('ArrowLeft');
  await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeLessThan(end);
  await expect(page.getByTestId('play-state')).toHaveText('paused');
  // ← until the clock is before the kill: the old leader leads again, its master up.
  await expect.poll(async () => {
    if ((await atMs(timeline)) < killAt) return true;
    await page.keyboard.press('ArrowLeft');
    await page.waitForTimeout(400);
    return (await atMs(timeline)) < killAt;
  }, { timeout: 40_000 }).toBe(true);
  await expect(page.getByTestId(`machine-${old.machine}`)).toHaveAttribute('data-status', 'up');
  await expect(page.getByTestId(`etcd-${old.member}`)).toHaveAttribute('data-role', 'leader');
  await expect(page.getByTestId('sim-clock')).toHaveText(`${((await atMs(timeline)) / 1000).toFixed(1)} s`);

  // → : the next marker after now, which is the kill itself (seeked just after it).
  const here = await atMs(timeline);
  const markers = await timeline.locator('[data-testid="time-marker"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-at-ms'))));
  const next = markers.filter((m) => m + 20 > here + 50).sort((a, b) => a - b)[0]!;
  expect(next).toBeLessThanOrEqual(killAt);
  await page.keyboard.press('ArrowRight');
  await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeGreaterThan(here);
  expect(Math.abs((await atMs(timeline)) - (next + 20))).toBeLessThanOrEqual(50);
  await expect(page.getByTestId('play-state')).toHaveText('paused');

  // The help card lists the keys (letters on a focused button are the button's: off it first).
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-card')).toContainText('previous / next event on the timeline');
  await page.keyboard.press('Escape');

  // Inside the log, ← / → are the log's: the clock does not move.
  const still = await atMs(timeline);
  await page.getByTestId('event-log').focus();
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowRight');
  await page.waitForTimeout(1000);
  expect(await atMs(timeline)).toBe(still);
});
