// Play pressed at any moment after a seek back (issue 11): while the view history's
// moment is on screen and the exact cluster is rebuilt behind it, as it lands, or after.
// The run plays on with the same future (the recorded kill happens again) and the
// button shows Pause: a frame the coordinator made before it took Play (the rebuild's
// landing) must not put the button back on Play (src/ui/machines/playback.ts).
// The space key plays and pauses too, and the button follows (React Flow's pan key
// took it first, in some page loads, before the graph gave it up).

import { expect, test } from './fixtures';
import { atMs, leaderKilledAfter, withPageState } from './helpers';

test('Play right after a seek back, at any moment of its rebuild, plays the same future on and shows Pause', async ({ page }) => {
  test.setTimeout(180_000);
  const { timeline, old } = await leaderKilledAfter(page, '/?masters=3&workers=3&speed=5&seed=3', 6000, 0);
  const kill = page.getByTestId('log-line').filter({ hasText: `fault: ${old.machine} was killed` });
  await expect(kill).toHaveCount(1);
  const killAt = await atMs(kill);
  const machine = page.getByTestId(`machine-${old.machine}`);
  // Delays that fall before the preview is drawn, while it is on screen, around the
  // landing and after it (on this machine the rebuild takes about 50–300 ms).
  for (const delay of [0, 25, 60, 120, 250]) {
    await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeGreaterThan(killAt + 1000);
    await kill.getByTestId('log-seek').click();
    await expect(machine).toHaveAttribute('data-status', 'up');
    if (delay > 0) await page.waitForTimeout(delay);
    await page.getByTestId('time-play').click();
    await withPageState(page, () => expect(machine, `Play ${delay} ms after the seek: the kill comes again`).toHaveAttribute('data-status', 'down', { timeout: 15_000 }));
    await expect.poll(() => atMs(timeline), { timeout: 15_000 }).toBeGreaterThan(killAt + 500);
    await expect(page.getByTestId('play-state'), `Play ${delay} ms after the seek: the button says Pause`).toHaveText('running');
    await expect(page.getByTestId('time-pause')).toBeVisible();
  }

  // The space key pauses and plays; the button follows.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(' ');
  await expect(page.getByTestId('play-state')).toHaveText('paused');
  await expect(page.getByTestId('time-play')).toBeVisible();
  const t = await atMs(timeline);
  await page.keyboard.press(' ');
  await expect(page.getByTestId('play-state')).toHaveText('running');
  await expect.poll(() => atMs(timeline), { timeout: 15_000 }).toBeGreaterThan(t + 500);
});
