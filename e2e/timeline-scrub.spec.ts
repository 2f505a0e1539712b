// Scrubbing on the page (issue 11): drag the timeline's scrubber back and forth across a
// kill of the etcd leader's master. Each position shows at once from the coordinator's
// view history (the exact cluster is rebuilt behind it): before the kill the old leader
// leads on its card and its master is up; after it, the master is down and another
// member leads. Released after the kill, the exact cluster lands there, paused.

import { expect, test, type Locator, type Page } from './fixtures';
import { atMs, leaderKilledAfter, pauseSettled } from './helpers';

/** Moves the pressed mouse to where the scrubber's value is `t` (of [0, end]). */
async function dragTo(page: Page, scrubber: Locator, t: number, end: number): Promise<void> {
  const box = (await scrubber.boundingBox())!;
  // A range input's thumb travels the track minus its own width (about 16 px).
  const x = box.x + 8 + ((box.width - 16) * t) / end;
  await page.mouse.move(x, box.y + box.height / 2, { steps: 4 });
}

test('drag the scrubber back and forth across a kill: the old leader before it, the new one after', async ({ page }) => {
  test.setTimeout(150_000);
  const { timeline, old, killAt, next } = await leaderKilledAfter(page, '/?masters=3&workers=3&speed=5&seed=3', 8000, 6000);
  // The button says paused at once; frames posted before the pause still extend the run:
  // the end is where the coordinator's own paused frame says.
  await pauseSettled(page);
  const end = Number(await timeline.getAttribute('data-end-ms'));

  const scrubber = timeline.locator('.timeline-scrubber');
  // Where to drag, with room on the track: the run is longer on a loaded machine (its
  // waits take more sim time), and a fixed 2 s was 6 px of a 135 s track, closer than a
  // drag lands. Before: halfway to the kill (the first leader came in the first two
  // seconds, the kill after eight). After: near the end, long after the next election
  // (over the end is the end, after the kill too).
  const before = Math.round(killAt / 2);
  const after = Math.max(killAt + 4000, end - 2000);
  const oldCard = page.getByTestId(`etcd-${old.member}`);
  const oldMachine = page.getByTestId(`machine-${old.machine}`);
  const showsBefore = async () => {
    await expect.poll(() => atMs(timeline), { timeout: 10_000 }).toBeLessThan(killAt);
    await expect(oldMachine).toHaveAttribute('data-status', 'up');
    await expect(oldCard).toHaveAttribute('data-role', 'leader');
  };
  const showsAfter = async () => {
    await expect.poll(() => atMs(timeline), { timeout: 10_000 }).toBeGreaterThan(killAt + 1000);
    await expect(oldMachine).toHaveAttribute('data-status', 'down');
    await expect(page.getByTestId(`etcd-${next.member}`)).toHaveAttribute('data-role', 'leader');
  };

  // Press on the thumb (at the end) and drag: back, forth, back, forth; the mouse stays down.
  await dragTo(page, scrubber, end, end);
  await page.mouse.down();
  await dragTo(page, scrubber, before, end);
  await showsBefore();
  await dragTo(page, scrubber, after, end);
  await showsAfter();
  await dragTo(page, scrubber, before + 1000, end);
  await showsBefore();
  await dragTo(page, scrubber, after, end);
  await showsAfter();
  await page.mouse.up();

  // Released after the kill: the exact cluster is there, paused, the future kept.
  await expect(page.getByTestId('play-state')).toHaveText('paused');
  await showsAfter();
  expect(Number(await timeline.getAttribute('data-end-ms'))).toBe(end);
  // Playing on from here goes on with the same run.
  await page.getByTestId('time-play').click();
  await expect.poll(() => atMs(timeline), { timeout: 20_000 }).toBeGreaterThan(after + 2000);
  await expect(oldMachine).toHaveAttribute('data-status', 'down');
});
