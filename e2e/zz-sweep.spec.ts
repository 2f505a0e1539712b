import { expect, test } from '@playwright/test';
import { atMs, killLeaderMaster, leaders, nextLeader } from './helpers';

test('sweep: Play at various delays after a log-time seek', async ({ page }) => {
  test.setTimeout(600_000);
  await page.goto('/?masters=3&workers=3&speed=5&seed=3');
  const timeline = page.getByTestId('timeline');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  await expect.poll(() => atMs(timeline), { timeout: 30_000 }).toBeGreaterThan(6000);
  const old = await killLeaderMaster(page);
  await nextLeader(page, old);
  const kill = page.getByTestId('log-line').filter({ hasText: `fault: ${old.machine} was killed` });
  await expect(kill).toHaveCount(1);
  const killAt = await atMs(kill);
  const results: string[] = [];
  for (const delay of [0, 10, 20, 40, 60, 80, 100, 130, 160, 200, 250, 300, 400, 0, 15, 30, 50, 70, 90, 120, 150, 180]) {
    await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeGreaterThan(killAt + 1500);
    await kill.getByTestId('log-seek').click();
    if (delay > 0) await page.waitForTimeout(delay);
    const before = await page.evaluate(() => { const s = (window as unknown as { __lab: { state: () => Record<string, unknown> } }).__lab.state(); return JSON.stringify({ now: s.now, playing: s.playing, preview: s.seekPreview, epoch: s.seekEpoch }); });
    await page.getByTestId('time-play').click();
    const ok = await expect(page.getByTestId(`machine-${old.machine}`)).toHaveAttribute('data-status', 'down', { timeout: 8_000 }).then(() => true, () => false);
    const after = await page.evaluate(() => { const s = (window as unknown as { __lab: { state: () => Record<string, unknown> } }).__lab.state(); return JSON.stringify({ now: s.now, playing: s.playing, preview: s.seekPreview, epoch: s.seekEpoch, ps: document.querySelector('[data-testid=play-state]')?.textContent }); });
    results.push(`delay ${delay}: ${ok ? 'ok' : 'STUCK'} before=${before} after=${after}`);
    console.log(results.at(-1));
    if (!ok) {
      await page.getByTestId('time-play').click().catch(() => undefined);
      await page.getByTestId('time-pause').waitFor({ timeout: 5000 }).catch(() => undefined);
    }
  }
  expect(results.filter((r) => r.includes('STUCK'))).toEqual([]);
});
