// Time travel on the page (issue 11): kill the etcd leader's master, seek back to before
// the kill (the old leader leads again, the clock shows the earlier time), kill another
// master there: the run forks, and the dropped future is gone from the timeline.

import { expect, test } from './fixtures';
import { atMs, leaderKilledAfter, leaders, pauseSettled } from './helpers';

test('seek back to before a kill, then fork by killing another master', async ({ page }) => {
  test.setTimeout(120_000);
  // Kill the leader's master; wait for the next leader and a little more run.
  const { timeline, old, killAt } = await leaderKilledAfter(page, '/?masters=3&workers=3&speed=5&seed=3', 8000, 4000);
  const leaderMarkersAfterKill = await timeline.locator(`[data-testid="time-marker"][data-kind="leader"]`).evaluateAll((els, t) => els.filter((e) => Number(e.getAttribute('data-at-ms')) > t).length, killAt);
  expect(leaderMarkersAfterKill).toBeGreaterThan(0);

  // Back to two seconds before the kill, by the scrubber (as a learner drags it).
  const before = killAt - 2000;
  await page.evaluate((at) => (window as unknown as { __lab: { send(c: unknown): void } }).__lab.send({ type: 'seek', at }), before);
  await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeLessThanOrEqual(before);
  // The view history's moment may show first (up to its grain earlier); the exact one lands.
  await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeGreaterThan(before - 100);
  expect(await atMs(timeline)).toBeLessThanOrEqual(before);
  await expect(page.getByTestId('sim-clock')).toHaveText(`${((await atMs(timeline)) / 1000).toFixed(1)} s`);
  await expect(page.getByTestId(`etcd-${old.member}`)).toHaveAttribute('data-role', 'leader');
  await expect(page.getByTestId(`machine-${old.machine}`)).toHaveAttribute('data-status', 'up');
  await expect(page.getByTestId('play-state')).toHaveText('paused');
  // The future is still there until something is done differently.
  const end = Number(await timeline.getAttribute('data-end-ms'));
  expect(end).toBeGreaterThan(killAt + 4000);

  // Fork: kill a different master at this moment.
  const other = ['master-1', 'master-2', 'master-3'].find((m) => m !== old.machine)!;
  await page.getByTestId(`machine-${other}`).click();
  await page.getByTestId(`kill-${other}`).click();
  await expect(page.getByTestId(`machine-${other}`)).toHaveAttribute('data-status', 'down');
  await expect.poll(async () => Number(await timeline.getAttribute('data-end-ms')), { timeout: 10_000 }).toBeLessThan(killAt);
  // The old kill and everything after it are gone; the fork's kill is there.
  await expect(timeline.locator(`[data-testid="time-marker"][title*="kill ${old.machine}"]`)).toHaveCount(0);
  await expect(timeline.locator(`[data-testid="time-marker"][title*="kill ${other}"]`)).toHaveCount(1);
  // The old leader is still leading (its master is up in this branch), and the run goes on.
  await page.getByTestId('time-play').click();
  await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeGreaterThan(before + 3000);
  await expect(page.getByTestId(`machine-${old.machine}`)).toHaveAttribute('data-status', 'up');
  await expect(leaders(page)).toHaveCount(1, { timeout: 20_000 });
});

test('back 5 s, previous / next event and step to the next event', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?masters=3&workers=0&speed=5&seed=4');
  const timeline = page.getByTestId('timeline');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  await expect.poll(() => atMs(timeline), { timeout: 30_000 }).toBeGreaterThan(9000);
  // The clock holds still once the pause reached the coordinator.
  const t0 = await pauseSettled(page);
  await page.getByTestId('time-back').click();
  await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeLessThanOrEqual(t0 - 4900);
  // Previous event: a marker of the boot (the first leader, the first lease holders).
  const back = await atMs(timeline);
  await page.getByTestId('time-prev-event').click();
  await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeLessThan(back);
  const markers = await timeline.locator('[data-testid="time-marker"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-at-ms'))));
  expect(markers.some((m) => Math.abs(m + 20 - back) >= 0 && m < back)).toBe(true);
  // Step to the next event from pause: a Raft role change, vote, lease or fault.
  const before = await atMs(timeline);
  await page.getByTestId('time-step-event').click();
  await expect.poll(() => atMs(timeline), { timeout: 20_000 }).not.toBe(before);
  await expect(page.getByTestId('play-state')).toHaveText('paused');
});
