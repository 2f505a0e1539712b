// axe-core on every state a student reaches: no serious or critical violation.
// One line per state in STATES, presenter mode (issue 17) and an open lesson included.

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from './fixtures';
import { consoleLine, leaders } from './helpers';

interface State {
  readonly name: string;
  readonly url: string;
  /** Brings the page into the state after it loaded and elected a leader. */
  readonly then?: (page: Page) => Promise<void>;
}

const openInspector = (machine: string) => async (page: Page) => {
  await page.getByTestId(`machine-${machine}`).click();
  await expect(page.getByTestId('inspector')).toBeVisible();
};

const STATES: readonly State[] = [
  { name: 'default page', url: '/' },
  { name: 'HA, stacked', url: '/?masters=3&workers=3' },
  { name: 'HA, external etcd', url: '/?topology=external&masters=3&etcd=3&workers=3' },
  { name: 'console open with output', url: '/', then: async (p) => void (await consoleLine(p, 'kubectl get nodes')) },
  { name: 'inspector on a master', url: '/?masters=3&workers=3', then: openInspector('master-1') },
  { name: 'inspector on a worker', url: '/?masters=3&workers=3', then: openInspector('worker-1') },
  {
    name: 'chaos on with the verdict panel',
    url: '/?masters=3&workers=3',
    then: async (p) => {
      await p.getByTestId('chaos-toggle').click();
      await expect(p.getByTestId('chaos-toggle')).toHaveAttribute('aria-pressed', 'true');
      await expect(p.getByTestId('verdict-headline')).toBeVisible({ timeout: 30_000 });
    },
  },
  { name: 'presenter mode on HA', url: '/?masters=3&workers=3&present=1' },
  {
    name: 'presenter mode, a card selected with its actions',
    url: '/?masters=3&workers=3&present=1',
    then: async (p) => {
      await p.getByTestId('machine-master-1').click();
      await expect(p.locator('[data-testid="machine-master-1"] [data-testid="kill-master-1"]')).toBeVisible();
    },
  },
  {
    name: 'network overlays and the pod inspector',
    url: '/?workers=3',
    then: async (p) => {
      await p.getByTestId('overlay-network').click();
      await p.getByTestId('overlay-services').click();
      await expect(p.getByTestId('pod-network')).toBeVisible();
      const pod = p.locator('.react-flow__node [data-testid^="pod-default-web-"][data-phase="Running"]').first();
      await expect(pod).toBeVisible({ timeout: 60_000 });
      await pod.click();
      await expect(p.getByTestId('why-filter')).toBeVisible({ timeout: 30_000 });
    },
  },
  { name: 'a lesson open', url: '/?lesson=worker-death', then: async (p) => void (await expect(p.getByTestId('lesson-panel')).toBeVisible({ timeout: 60_000 })) },
  {
    name: 'a lesson with Show me’s console answer, in presenter mode',
    url: '/?lesson=small-cluster&present=1',
    then: async (p) => {
      await expect(p.getByTestId('lesson-show-me')).toBeEnabled({ timeout: 30_000 });
      await p.getByTestId('lesson-show-me').click();
      await expect(p.getByTestId('lesson-answer')).toHaveAttribute('data-ok', 'true');
    },
  },
  {
    name: 'a lesson ringing the pod network overlay’s route',
    url: '/?lesson=pod-network&speed=25',
    then: async (p) => {
      for (const id of ['pod-cidr', 'routes']) {
        await expect(p.getByTestId('lesson-step')).toHaveAttribute('data-step', id, { timeout: 30_000 });
        await expect(p.getByTestId('lesson-show-me')).toBeEnabled({ timeout: 30_000 });
        await p.getByTestId('lesson-show-me').click();
        await expect(p.getByTestId('lesson-step')).toHaveAttribute('data-done', 'true', { timeout: 30_000 });
        if (id === 'pod-cidr') await p.getByTestId('lesson-next').click();
      }
      await expect(p.locator('[data-testid^="route-worker-"][data-lesson-ring]')).toHaveCount(1, { timeout: 10_000 });
    },
  },
  {
    name: 'the log after going back to a line’s time',
    url: '/?speed=5',
    then: async (p) => {
      await expect(p.getByTestId('log-seek').nth(3)).toBeVisible({ timeout: 30_000 });
      await p.getByTestId('log-seek').nth(3).click();
      await expect(p.getByTestId('play-state')).toHaveText('paused', { timeout: 20_000 });
    },
  },
];

/** The serious and critical violations, one readable line each. */
async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 6).join(' | ')}`);
}

for (const state of STATES) {
  test(`axe: ${state.name}`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(state.url);
    await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
    if (state.then) await state.then(page);
    expect(await seriousViolations(page)).toEqual([]);
  });
}
