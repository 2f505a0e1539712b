// The first minute and the story: the default page runs a web Deployment; "Try this"
// names the machine each demo kills; the countdowns show what the cluster waits for;
// the log's lines carry their kind and key-ness, filter by chip and by the selected
// card, and select their machine on click.

import { expect, test, type Page } from './fixtures';
import { recordSeen } from './helpers';

const webRunning = (page: Page, node?: string) =>
  page.locator(`[data-testid^="pod-default-web-"][data-phase="Running"]:not([data-terminating="true"])${node ? `[data-node="${node}"]` : ''}`);

test('the default page runs web (3 replicas); Try this kills the busiest worker, the grace and toleration countdowns run, the pods come back', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?speed=10&seed=2');
  await expect(webRunning(page)).toHaveCount(3, { timeout: 30_000 });
  const offer = page.getByTestId('try-kill-worker');
  const label = await offer.innerText();
  const worker = /\((worker-\d+), (\d+) pods\)/.exec(label)?.[1];
  expect(worker, label).toBeTruthy();
  const other = worker === 'worker-1' ? 'worker-2' : 'worker-1';
  // The grace countdown is on screen for the ~14 s of sim time left on the node's Lease,
  // under 1.5 s at 10×: expect's polling can step over it, so the page records it.
  const graceShown = await recordSeen(page, `[data-testid="countdown-grace-${worker}"]`);
  // The pods' toleration countdowns run 3 s of wall time at 10×: recorded as well.
  const evictShown = await recordSeen(page, '[data-testid^="countdown-toleration-default-web-"]');
  await offer.click();
  await expect(page.getByTestId(`machine-${worker}`)).toHaveAttribute('data-status', 'down');
  await expect(page.getByTestId('try-running')).toContainText(worker!);
  // The node Lease runs out: NotReady in N s on the node's badge, then NotReady.
  await expect.poll(graceShown, { timeout: 30_000 }).toBe(true);
  await expect(page.getByTestId(`node-${worker}`)).toHaveAttribute('data-ready', 'Unknown', { timeout: 30_000 });
  // The NoExecute taint is shown first, whole; its pods count down to their eviction.
  await expect(page.getByTestId(`taints-${worker}`)).toContainText('unreachable:NoExecute');
  await expect.poll(evictShown, { timeout: 15_000 }).toBe(true);
  await expect(webRunning(page, other)).toHaveCount(3, { timeout: 60_000 });
});

test('HA: Try this names the scheduler lease holder; killing it shows the lease running out on its chip, then another master holds it', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?masters=3&workers=3&speed=10&seed=5');
  const holder = page.locator('[data-testid^="component-master-"][data-testid$="-kube-scheduler"][data-leader="true"]');
  await expect(holder).toHaveCount(1, { timeout: 30_000 });
  const master = /component-(master-\d+)-/.exec((await holder.getAttribute('data-testid'))!)![1]!;
  const offer = page.getByTestId('try-kill-scheduler-leader');
  await expect(offer).toContainText(`(${master})`);
  // The countdown shows once the holder is overdue until another master takes the Lease:
  // about a second of wall time at 10×, so the page records it.
  const leaseShown = await recordSeen(page, '[data-testid="countdown-lease-kube-scheduler"]');
  await offer.click();
  await expect(page.getByTestId(`machine-${master}`)).toHaveAttribute('data-status', 'down');
  await expect.poll(leaseShown, { timeout: 15_000 }).toBe(true);
  await expect.poll(async () => (await holder.count()) === 1 ? holder.getAttribute('data-testid') : '', { timeout: 40_000 }).not.toContain(master);
  await expect(page.getByTestId('countdown-lease-kube-scheduler')).toHaveCount(0);
  // The story told: the hand-over is a key line of the control plane (the demo selected
  // the killed master, which filters the log to it: unselect first).
  await expect(page.getByTestId('log-only')).toContainText(master);
  await page.getByTestId('log-only').click();
  await expect(page.locator('[data-testid="log-line"][data-kind="control-plane"][data-key="true"]').filter({ hasText: 'now holds the lease kube-system/kube-scheduler' }).last()).not.toContainText(master);
});

test('on one master the lease and quorum demos switch to HA; while a demo runs, switching topology asks first', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?speed=10&seed=3');
  await expect(page.getByTestId('try-lose-quorum')).toHaveAttribute('data-switch', 'ha');
  await expect(page.getByTestId('try-kill-scheduler-leader')).toHaveAttribute('data-switch', 'ha');
  await expect(page.getByTestId('try-kill-etcd-leader')).toContainText('(master-1)', { timeout: 20_000 });
  await page.getByTestId('try-kill-etcd-leader').click();
  await expect(page.getByTestId('machine-master-1')).toHaveAttribute('data-status', 'down');
  const asked: string[] = [];
  page.once('dialog', (d) => { asked.push(d.message()); void d.dismiss(); });
  await page.getByTestId('topology').selectOption({ label: 'HA: 3 stacked masters + 3 workers' });
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toContain('still playing out');
  expect(new URL(page.url()).search).toBe('?speed=10&seed=3');
  // With no demo running, a switch goes straight through.
  await page.getByTestId('try-reset').click();
  await expect(page.getByTestId('machine-master-1')).toHaveAttribute('data-status', 'up');
  await page.getByTestId('try-lose-quorum').click();
  await expect(page).toHaveURL(/masters=3&workers=3/);
  await expect(page.getByTestId('try-lose-quorum')).not.toHaveAttribute('data-switch', 'ha', { timeout: 20_000 });
});

test('the log: lines carry kind and key; chips filter; routine folds; a line selects its machine and a selected card filters the log', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?speed=10&seed=2');
  await expect(webRunning(page)).toHaveCount(3, { timeout: 30_000 });
  const lines = page.getByTestId('log-line');
  await expect(lines.filter({ hasText: 'won the election' }).first()).toHaveAttribute('data-kind', 'raft');
  await expect(lines.first()).toHaveAttribute('data-key', /true|false/);
  // Routine is folded: no routine line until asked for.
  await expect(page.locator('[data-testid="log-line"][data-key="false"]')).toHaveCount(0);
  await page.getByTestId('log-routine').click();
  await expect(page.locator('[data-testid="log-line"][data-key="false"]').first()).toBeVisible();
  await page.getByTestId('log-routine').click();
  // A chip hides its kind.
  await expect(page.locator('[data-testid="log-line"][data-kind="pods"]').first()).toBeVisible();
  await page.getByTestId('log-filter-pods').click();
  await expect(page.locator('[data-testid="log-line"][data-kind="pods"]')).toHaveCount(0);
  await page.getByTestId('log-filter-pods').click();
  // A click on a line selects its machine.
  await page.getByTestId('machine-worker-2').click();
  await page.getByTestId('kill-worker-2').click();
  await page.locator('.react-flow__pane').click({ position: { x: 5, y: 5 } });
  const down = lines.filter({ hasText: 'worker-2 is down' });
  await expect(down).toHaveCount(1);
  await down.click();
  await expect(page.getByTestId('machine-worker-2')).toHaveClass(/selected/);
  // Selected: only worker-2's story.
  await expect(page.getByTestId('log-only')).toContainText('worker-2');
  await expect(lines.filter({ hasText: 'node worker-1 is Ready' })).toHaveCount(0);
  await expect(lines.filter({ hasText: 'worker-2 is down' })).toHaveCount(1);
  await page.getByTestId('log-only').click();
  await expect(lines.filter({ hasText: 'node worker-1 is Ready' })).toHaveCount(1);
  // The log's top edge drags: 120 px up makes it 120 px taller.
  const log = page.getByTestId('event-log');
  const before = (await log.boundingBox())!.height;
  const handle = (await page.locator('.log-resize').boundingBox())!;
  await page.mouse.move(handle.x + 200, handle.y + handle.height / 2);
  await page.mouse.down();
  await page.mouse.move(handle.x + 200, handle.y + handle.height / 2 - 120, { steps: 5 });
  await page.mouse.up();
  await expect.poll(async () => (await log.boundingBox())!.height - before).toBeGreaterThan(100);
});
