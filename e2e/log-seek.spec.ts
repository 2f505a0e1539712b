// A log line's time goes back there (issue 17, with the timeline of issue 11): kill the
// etcd leader's master, click the time of the kill's line: the clock shows that time,
// the run is paused just before the kill, and the old leader leads again on its card.
// Clicking the line's text only selects its machine: the run is not rewound.

import { expect, test } from './fixtures';
import { atMs, killLeaderMaster, leaders, nextLeader } from './helpers';

const seconds = (text: string) => Number(text.replace(/\s*s$/, ''));

test("a click on a log line's time goes back to just before it; a click on its text only selects", async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?masters=3&workers=3&speed=5&seed=3');
  const timeline = page.getByTestId('timeline');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  await expect.poll(() => atMs(timeline), { timeout: 30_000 }).toBeGreaterThan(6000);

  const old = await killLeaderMaster(page);
  await nextLeader(page, old);
  await page.getByTestId('log-only').click(); // every machine's lines again (the card was selected)

  const kill = page.getByTestId('log-line').filter({ hasText: `fault: ${old.machine} was killed` });
  await expect(kill).toHaveCount(1);
  const killAt = await atMs(kill);

  // The text selects its machine, and the run goes on.
  await kill.locator('.log-clickable').click();
  await expect(page.getByTestId(`machine-${old.machine}`)).toHaveClass(/selected/);
  await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeGreaterThan(killAt + 2000);
  await expect(page.getByTestId('play-state')).not.toHaveText('paused');
  await page.getByTestId('log-only').click();

  // The time goes back to just before the kill, paused.
  const time = kill.getByTestId('log-seek');
  await expect(time).toHaveText(`${(killAt / 1000).toFixed(1)} s`);
  await time.click();
  await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeLessThan(killAt);
  // The view history's moment may show first (up to a grain earlier); the exact one follows.
  await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeGreaterThan(killAt - 100);
  await expect(page.getByTestId('play-state')).toHaveText('paused');
  expect(Math.abs(seconds(await page.getByTestId('sim-clock').innerText()) - killAt / 1000)).toBeLessThanOrEqual(0.1);
  await expect(page.getByTestId(`etcd-${old.member}`)).toHaveAttribute('data-role', 'leader');
  await expect(page.getByTestId(`machine-${old.machine}`)).toHaveAttribute('data-status', 'up');
  // The log is the log up to then: the kill has not happened yet.
  await expect(page.getByTestId('log-line').filter({ hasText: `fault: ${old.machine} was killed` })).toHaveCount(0);

  // Play: the recorded kill happens again at the same moment.
  await page.getByTestId('time-play').click();
  await expect(page.getByTestId(`machine-${old.machine}`)).toHaveAttribute('data-status', 'down', { timeout: 20_000 });
  await expect(page.getByTestId('log-line').filter({ hasText: `fault: ${old.machine} was killed` })).toHaveAttribute('data-at-ms', String(killAt));
});

test('keyboard: from a line, Left reaches its time and Enter goes back there', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?masters=3&workers=0&speed=5&seed=4');
  const timeline = page.getByTestId('timeline');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  await expect.poll(() => atMs(timeline), { timeout: 30_000 }).toBeGreaterThan(5000);
  await page.getByTestId('event-log').focus();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('.log-clickable:focus')).toHaveCount(1);
  await page.keyboard.press('ArrowLeft');
  const focused = page.locator('.log-seek:focus');
  await expect(focused).toHaveCount(1);
  const at = Number(await page.locator('.log-line:has(.log-seek:focus)').getAttribute('data-at-ms'));
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('play-state')).toHaveText('paused', { timeout: 20_000 });
  await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeLessThan(at);
  expect(await atMs(timeline)).toBeGreaterThan(at - 100);
  // The seek rebuilt the log, the focused time with it: the keyboard stays in the log
  // (not on <body>) and the arrows go on.
  await expect(page.getByTestId('event-log')).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('.log-clickable:focus')).toHaveCount(1);
});
