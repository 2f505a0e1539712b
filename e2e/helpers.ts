// Small helpers for the e2e tests: reading members and driving the client panel.

import { expect, type Locator, type Page } from '@playwright/test';

export const leaders = (page: Page) => page.locator('[data-testid^="etcd-"][data-role="leader"]');
export const members = (page: Page) => page.locator('[data-testid^="etcd-"][data-role]');

/** The one leader: its member name, term, and the machine it runs on. */
export async function theLeader(page: Page): Promise<{ member: string; term: number; machine: string }> {
  await expect(leaders(page)).toHaveCount(1);
  const card = leaders(page).first();
  const member = (await card.getAttribute('data-testid'))!.replace(/^etcd-/, '');
  const term = Number(await card.getAttribute('data-term'));
  const machine = (await page.locator('[data-testid^="machine-"]', { has: card }).getAttribute('data-testid'))!.replace(/^machine-/, '');
  return { member, term, machine };
}

/** Runs a put or get through the client panel and returns the answer's text. */
export async function kv(page: Page, f: 'put' | 'get', key: string, opts: { value?: string; endpoint?: string } = {}): Promise<{ ok: boolean; text: string }> {
  const result = page.getByTestId('kv-result');
  const before = Number((await result.getAttribute('data-n')) ?? 0);
  await page.getByTestId('kv-key').fill(key);
  if (opts.value !== undefined) await page.getByTestId('kv-value').fill(opts.value);
  await page.getByTestId('kv-endpoint').selectOption(opts.endpoint ?? '');
  await page.getByTestId(`kv-${f}`).click();
  await expect(result).toHaveAttribute('data-n', String(before + 1), { timeout: 20_000 });
  return { ok: (await result.getAttribute('data-ok')) === 'true', text: (await result.innerText()).trim() };
}

/** Types a console line, waits for its answer, and returns the answer's text. */
export async function consoleLine(page: Page, text: string): Promise<string> {
  const answers = page.getByTestId('console-output').locator('.console-out, .console-err');
  const before = await answers.count();
  await page.getByTestId('console-input').fill(text);
  await page.getByTestId('console-input').press('Enter');
  await expect(answers).toHaveCount(before + 1, { timeout: 20_000 });
  return answers.last().innerText();
}

/** The sim time (ms) an element stands for: the timeline's clock, a marker, a log line. */
export const atMs = async (el: Locator) => Number(await el.getAttribute('data-at-ms'));

/** Kills the master the etcd leader runs on through its card's menu; waits until it is
 * drawn down. Returns the leader as it was. */
export async function killLeaderMaster(page: Page): Promise<{ member: string; term: number; machine: string }> {
  const old = await theLeader(page);
  await page.getByTestId(`machine-${old.machine}`).click();
  await page.getByTestId(`kill-${old.machine}`).click();
  await expect(page.getByTestId(`machine-${old.machine}`)).toHaveAttribute('data-status', 'down');
  return old;
}

/** Waits until exactly one member leads and it is not `old`; returns it. */
export async function nextLeader(page: Page, old: { member: string }, timeout = 30_000): Promise<{ member: string; term: number; machine: string }> {
  await expect.poll(async () => (await leaders(page).count()) === 1 && (await theLeader(page)).member !== old.member, { timeout }).toBe(true);
  return theLeader(page);
}

/** The timeline's marker of the kill of `machine`, and its sim time. */
export async function killMarker(page: Page, machine: string): Promise<{ marker: Locator; at: number }> {
  const marker = page.getByTestId('timeline').locator('[data-testid="time-marker"][data-kind="fault"]').last();
  await expect(marker).toHaveAttribute('title', new RegExp(`kill ${machine}`));
  return { marker, at: await atMs(marker) };
}

/** Opens `url`, lets it run past `runMs` of sim time, kills the etcd leader's master,
 * waits for the next leader and `afterMs` more of sim time: the time-travel tests'
 * common start. */
export async function leaderKilledAfter(page: Page, url: string, runMs: number, afterMs: number) {
  await page.goto(url);
  const timeline = page.getByTestId('timeline');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  await expect.poll(() => atMs(timeline), { timeout: 30_000 }).toBeGreaterThan(runMs);
  const old = await killLeaderMaster(page);
  const { at: killAt } = await killMarker(page, old.machine);
  const next = await nextLeader(page, old);
  await expect.poll(() => atMs(timeline), { timeout: 30_000 }).toBeGreaterThan(killAt + afterMs);
  return { timeline, old, killAt, next };
}

/** Starts recording, in the page, whether an element matching `selector` is ever drawn
 * visible, and returns a poll of that record. For states shorter than expect's polling
 * can catch (it looks once a second after the first second): a Job pod's 5 s of Running
 * at 10×, a node's grace countdown. Install it before the action that brings the state. */
export async function recordSeen(page: Page, selector: string): Promise<() => Promise<boolean>> {
  await page.evaluate((sel) => {
    const w = window as unknown as { seenOnScreen?: Record<string, boolean> };
    const seen = (w.seenOnScreen ??= {});
    seen[sel] = false;
    const look = () => {
      if ([...document.querySelectorAll(sel)].some((el) => (el as HTMLElement).checkVisibility())) {
        seen[sel] = true;
        observer.disconnect();
      }
    };
    const observer = new MutationObserver(look);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    look();
  }, selector);
  return () => page.evaluate((sel) => (window as unknown as { seenOnScreen: Record<string, boolean> }).seenOnScreen[sel] ?? false, selector);
}

/** Waits until the coordinator's own frame says the run stands still: a frame that heard
 * every Play, Pause, Step and seek the page sent (Frame.heard) and says paused. The
 * buttons show paused at once, but frames made before the coordinator took the command
 * still arrive and move the clock and the packets, later on a loaded machine; frames
 * arrive in order, so none made while running comes after this one. Returns the sim
 * time the run stands at, once the timeline shows it. */
export async function pausedFrame(page: Page): Promise<number> {
  const settled = () => page.evaluate(() => {
    const s = window.__lab!.state();
    return s.frameCount > 0 && s.playHeard >= s.playSent && !s.playing ? s.now : -1;
  });
  await expect.poll(settled, { timeout: 20_000 }).not.toBe(-1);
  const now = await settled();
  await expect(page.getByTestId('timeline')).toHaveAttribute('data-at-ms', String(now), { timeout: 20_000 });
  return now;
}

/** Pauses by the Pause button; returns once the run stands still (pausedFrame). */
export async function pauseSettled(page: Page): Promise<number> {
  await page.getByTestId('time-pause').click();
  await expect(page.getByTestId('play-state')).toHaveText('paused');
  return pausedFrame(page);
}

/** What the page's store says now (window.__lab), for a failure's message: the clock,
 * play state and its command counts, the selection, a seek's preview, an error, the
 * lazy parts' chunks loaded, and the element with the focus. A flake that cannot be
 * reproduced at will says what the page was doing. */
export async function pageState(page: Page): Promise<string> {
  return page
    .evaluate(function () {
      const s = (window as unknown as { __lab?: { state: () => Record<string, unknown> } }).__lab?.state();
      const el = document.activeElement as HTMLElement | null;
      const chunks = performance.getEntriesByType('resource').map((e) => e.name.replace(/^.*\//, '')).filter((n) => n.endsWith('.js'));
      return JSON.stringify({
        now: s?.now, playing: s?.playing, finished: s?.finished, playSent: s?.playSent, playHeard: s?.playHeard,
        frames: s?.frameCount, selected: s?.selected,
        machines: Object.fromEntries(Object.entries((s?.machines ?? {}) as Record<string, { status: string; processes?: object }>).map(([k, v]) => [k, `${v.status}${v.processes ? '' : ' (no views)'}`])), seekPreview: s?.seekPreview, seekEpoch: s?.seekEpoch,
        notices: s?.notices, stalled: s?.stalled, focus: el ? `${el.tagName} ${el.getAttribute('data-testid') ?? ''}` : null, chunks,
      });
    })
    .catch((e: unknown) => `page state unavailable: ${String(e)}`);
}

/** Runs `check`; when it fails, its error says what the page's state was. */
export async function withPageState(page: Page, check: () => Promise<unknown>): Promise<void> {
  try {
    await check();
  } catch (e) {
    const state = await pageState(page);
    if (e instanceof Error) e.message += `\npage state: ${state}`;
    throw e;
  }
}
