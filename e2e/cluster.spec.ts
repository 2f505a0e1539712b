// The page end to end with real Web Workers: elections, killing the leader, reading a
// write back from every member, and a restarted member catching up.

import { expect, test } from './fixtures';
import { consoleLine, kv, leaders, members, pauseSettled, theLeader } from './helpers';

test('three members elect exactly one leader; killing it elects another that every member agrees with', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?masters=3&workers=0&speed=5&seed=3');
  await expect(members(page)).toHaveCount(3);
  await expect(page.getByTestId('machine-master-1')).toHaveAttribute('data-status', 'up');
  await expect(leaders(page)).toHaveCount(1, { timeout: 20_000 });
  const old = await theLeader(page);

  // Kill the leader's machine through its menu.
  await page.getByTestId(`machine-${old.machine}`).click();
  await page.getByTestId(`kill-${old.machine}`).click();
  await expect(page.getByTestId(`machine-${old.machine}`)).toHaveAttribute('data-status', 'down');
  await expect(page.getByTestId(`etcd-${old.member}`)).toHaveAttribute('data-role', 'down');

  // A new leader, in a higher term.
  await expect
    .poll(async () => {
      const l = leaders(page);
      if ((await l.count()) !== 1) return -1;
      return Number(await l.first().getAttribute('data-term'));
    }, { timeout: 30_000 })
    .toBeGreaterThan(old.term);
  const next = await theLeader(page);
  expect(next.member).not.toBe(old.member);

  // A put after that, read back from every live member.
  const put = await kv(page, 'put', 'after-kill', { value: 'survived' });
  expect(put.ok, put.text).toBe(true);
  const live = ['master-1', 'master-2', 'master-3'].filter((m) => m !== old.machine);
  for (const endpoint of live) {
    const got = await kv(page, 'get', 'after-kill', { endpoint });
    expect(got.ok, `${endpoint}: ${got.text}`).toBe(true);
    expect(got.text).toContain('survived');
  }
  const target = Number(await page.getByTestId(`etcd-${next.member}`).getAttribute('data-applied'));
  expect(target).toBeGreaterThan(0);

  // Restart the old leader: it comes back as a follower and catches up.
  await page.getByTestId(`machine-${old.machine}`).click();
  await page.getByTestId(`restart-${old.machine}`).click();
  await expect(page.getByTestId(`machine-${old.machine}`)).toHaveAttribute('data-status', 'up', { timeout: 20_000 });
  const back = page.getByTestId(`etcd-${old.member}`);
  await expect(back).toHaveAttribute('data-role', 'follower', { timeout: 20_000 });
  await expect.poll(async () => Number(await back.getAttribute('data-applied')), { timeout: 30_000 }).toBeGreaterThanOrEqual(target);
  await expect(leaders(page)).toHaveCount(1);
});

test('time controls pause, step and show the sim clock', async ({ page }) => {
  await page.goto('/?speed=2');
  await expect(leaders(page)).toHaveCount(1, { timeout: 20_000 });
  // Frames made before the coordinator took the Pause still move the clock: from its own
  // paused frame on, the clock stands still.
  await pauseSettled(page);
  await expect(page.getByTestId('time-play')).toBeVisible();
  const clock = page.getByTestId('sim-clock');
  await expect(clock).toHaveText(/^\d+\.\d s$/);
  const paused = await clock.innerText();
  await page.waitForTimeout(600);
  await expect(clock).toHaveText(paused);
  for (let i = 0; i < 5; i++) await page.getByTestId('time-step').click();
  await page.getByTestId('time-speed').selectOption('10');
  await page.getByTestId('time-play').click();
  await expect.poll(async () => parseFloat(await clock.innerText()), { timeout: 10_000 }).toBeGreaterThan(parseFloat(paused) + 2);
});

test('a bad URL parameter names the parameter and what was expected, and the default cluster runs', async ({ page }) => {
  await page.goto('/?masters=4&topology=ring');
  const notices = page.getByTestId('notice');
  await expect(notices.filter({ hasText: 'parameter topology:' })).toContainText('expected stacked or external');
  await expect(notices.filter({ hasText: 'parameter masters:' })).toContainText('1, 3, 5, 7');
  // The default cluster: one master (one etcd member) and two workers.
  await expect(members(page)).toHaveCount(1);
  await expect(page.getByTestId('machine-worker-2')).toHaveAttribute('data-status', 'up');
  await expect(leaders(page)).toHaveCount(1, { timeout: 20_000 });
  await page.getByTestId('notice-dismiss').first().click();
  await expect(notices).toHaveCount(1);
});

test('the console sends a line and prints the reply', async ({ page }) => {
  await page.goto('/');
  await expect(members(page)).toHaveCount(1);
  await page.getByTestId('console-input').fill('etcdctl endpoint status');
  await page.getByTestId('console-input').press('Enter');
  await expect(page.getByTestId('console-output')).toContainText('$ etcdctl endpoint status');
  // The reply (an answer or an error) follows the echoed line.
  await expect.poll(async () => (await page.getByTestId('console-output').innerText()).split('\n').filter(Boolean).length, { timeout: 15_000 }).toBeGreaterThan(1);
});

test('an unknown scenario name is reported and the default cluster runs, without page errors', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('/?scenario=no-such-thing');
  await expect(page.getByTestId('notice').filter({ hasText: 'parameter scenario:' })).toContainText('kill-etcd-leader');
  await expect(members(page)).toHaveCount(1);
  await expect(leaders(page)).toHaveCount(1, { timeout: 20_000 });
  expect(errors).toEqual([]);
});

test('isolating the leader: the rest elect a new one, the old one steps down (CheckQuorum); without quorum a put fails with etcd’s error', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?masters=3&workers=0&speed=5&seed=4');
  await expect(leaders(page)).toHaveCount(1, { timeout: 20_000 });
  const old = await theLeader(page);
  await page.getByTestId(`machine-${old.machine}`).click();
  await page.getByTestId(`isolate-${old.machine}`).click();
  // The isolated leader loses contact with a quorum and steps down; the others elect.
  await expect(page.getByTestId(`etcd-${old.member}`)).not.toHaveAttribute('data-role', 'leader', { timeout: 30_000 });
  await expect.poll(async () => {
    const l = leaders(page);
    return (await l.count()) === 1 ? Number(await l.first().getAttribute('data-term')) : -1;
  }, { timeout: 30_000 }).toBeGreaterThan(old.term);
  // Asking the isolated member: it knows no leader.
  const lonely = await kv(page, 'put', 'k', { value: 'v', endpoint: old.machine });
  expect(lonely.ok).toBe(false);
  expect(lonely.text).toMatch(/no leader|timed out|deadline/);
  // Heal: one leader, and the old leader follows it.
  await page.getByTestId(`machine-${old.machine}`).click();
  await page.getByTestId(`heal-${old.machine}`).click();
  await expect(page.getByTestId(`etcd-${old.member}`)).toHaveAttribute('data-role', 'follower', { timeout: 30_000 });
  await expect(leaders(page)).toHaveCount(1);
});

test('five members from the URL elect one leader; losing two keeps a quorum', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?masters=5&speed=5&seed=9');
  await expect(members(page)).toHaveCount(5);
  await expect(leaders(page)).toHaveCount(1, { timeout: 20_000 });
  const old = await theLeader(page);
  const other = ['master-1', 'master-2', 'master-3', 'master-4', 'master-5'].find((m) => m !== old.machine)!;
  for (const machine of [old.machine, other]) {
    await page.getByTestId(`machine-${machine}`).click();
    await page.getByTestId(`kill-${machine}`).click();
    await expect(page.getByTestId(`machine-${machine}`)).toHaveAttribute('data-status', 'down');
  }
  await expect.poll(async () => {
    const l = leaders(page);
    return (await l.count()) === 1 ? Number(await l.first().getAttribute('data-term')) : -1;
  }, { timeout: 30_000 }).toBeGreaterThan(old.term);
  const put = await kv(page, 'put', 'three-of-five', { value: 'ok' });
  expect(put.ok, put.text).toBe(true);
});

test('the chaos switch: faults run live, the verdict panel checks every invariant; off heals and boots everything', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?masters=3&workers=0&speed=10&seed=4');
  await expect(leaders(page)).toHaveCount(1, { timeout: 20_000 });
  await page.getByTestId('chaos-toggle').click();
  await expect(page.getByTestId('chaos-toggle')).toHaveAttribute('aria-pressed', 'true');
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toBeVisible();
  // Some operations checked, every check holding.
  await expect.poll(async () => Number((await page.getByTestId('verdict-headline').innerText().catch(() => '')).match(/(\d+) KV operations/)?.[1] ?? 0), { timeout: 40_000 }).toBeGreaterThan(20);
  await expect(verdict).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('check-election-safety')).toHaveAttribute('data-ok', 'true');
  await expect(page.getByTestId('check-linearizability')).toHaveAttribute('data-ok', 'true');
  // Off: heal, boot what is down, and a leader again.
  await page.getByTestId('chaos-toggle').click();
  await expect(page.getByTestId('chaos-toggle')).toHaveAttribute('aria-pressed', 'false');
  for (const m of ['master-1', 'master-2', 'master-3']) await expect(page.getByTestId(`machine-${m}`)).toHaveAttribute('data-status', 'up', { timeout: 20_000 });
  await expect(leaders(page)).toHaveCount(1, { timeout: 20_000 });
});

test('membership from the console: a learner joins on a new host, is promoted, then removed; the graph follows', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?masters=3&workers=0&speed=5&seed=6');
  await expect(leaders(page)).toHaveCount(1, { timeout: 20_000 });
  const line = (text: string) => consoleLine(page, text);
  expect(await line('etcdctl member add etcd-4 --peer-urls=https://etcd-4:2380 --learner')).toContain('added to cluster');
  await expect(page.getByTestId('machine-etcd-4')).toHaveAttribute('data-status', 'up', { timeout: 20_000 });
  await expect(page.getByTestId('learner-etcd-4')).toBeVisible({ timeout: 20_000 });
  await expect(members(page)).toHaveCount(4);
  // Started once it has published its name (until then etcd lists it as unstarted).
  let id = '';
  await expect.poll(async () => (id = (await line('etcdctl member list')).match(/^([0-9a-f]{16}), started, etcd-4/m)?.[1] ?? ''), { timeout: 20_000 }).not.toBe('');
  expect(await line(`etcdctl member promote ${id}`)).toContain('promoted in cluster');
  await expect(page.getByTestId('learner-etcd-4')).toHaveCount(0, { timeout: 20_000 });
  expect(await line(`etcdctl member remove ${id}`)).toContain('removed from cluster');
  await expect(page.getByTestId('machine-etcd-4')).toHaveCount(0, { timeout: 20_000 });
  await expect(members(page)).toHaveCount(3);
  await expect(leaders(page)).toHaveCount(1);
});

test('backup and restore from the console: a snapshot saved to a file, the cluster changed, then restored to it', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?masters=3&workers=0&speed=5&seed=7');
  await expect(leaders(page)).toHaveCount(1, { timeout: 20_000 });
  const line = (text: string) => consoleLine(page, text);
  expect(await line('etcdctl put colour blue')).toContain('OK');
  expect(await line('etcdctl --endpoints=https://master-1:2379 snapshot save snap.db')).toContain('Snapshot saved at snap.db');
  expect(await line('etcdctl put colour red')).toContain('OK');
  expect(await line('etcdctl snapshot restore snap.db --data-dir=/var/lib/etcd-from-backup')).toContain('restoring snapshot');
  // Every member restarts from the file as a new cluster: a fresh log, so a low term.
  await expect(page.getByTestId('event-log')).toContainText('etcd restored from snap.db', { timeout: 20_000 });
  await expect(leaders(page)).toHaveCount(1, { timeout: 20_000 });
  expect((await theLeader(page)).term).toBeLessThanOrEqual(3);
  expect(await line('etcdctl get colour --print-value-only')).toContain('blue');
});
