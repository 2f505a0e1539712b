// Kubernetes in the browser (classroom profile, real Web Workers): a master dies in the
// HA topology and the cluster carries on; a worker dies and its pods come back on the
// others; kubectl in the console sees it all.

import { expect, test, type Page } from './fixtures';
import { consoleLine, leaders, theLeader } from './helpers';

/** Types a console line and returns its answer (the text after the echoed line). */
async function run(page: Page, line: string): Promise<string> {
  const out = page.getByTestId('console-output');
  const count = async () => (await out.innerText()).split(`$ ${line}`).length - 1;
  const seen = await count();
  await page.getByTestId('console-input').fill(line);
  await page.getByTestId('console-input').press('Enter');
  const answer = async () => {
    const text = await out.innerText();
    if ((await count()) <= seen) return '';
    return text.slice(text.lastIndexOf(`$ ${line}`) + line.length + 2).trim();
  };
  await expect.poll(answer, { timeout: 30_000 }).not.toBe('');
  await page.waitForTimeout(200);
  return answer();
}

const running = (page: Page, app: string, node?: string) =>
  page.locator(`[data-testid^="pod-default-${app}-"][data-phase="Running"]:not([data-terminating="true"])${node ? `[data-node="${node}"]` : ''}`);

test('HA: killing the master with the etcd leader leaves a new etcd leader, the leases on live masters, and the pods running', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/?masters=3&workers=3&speed=10&seed=5');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  await expect(page.locator('[data-testid$="-kube-scheduler"][data-leader="true"]')).toHaveCount(1, { timeout: 30_000 });
  // Stacked: each master draws its apiserver's arrow to its own etcd member.
  await expect(page.locator('[data-testid^="api-etcd-arrow-master-"][data-live="true"]')).toHaveCount(3);
  // The page already runs the web Deployment (3 replicas): this test's own is shop.
  expect(await run(page, 'kubectl create deployment shop --image=nginx:1.27 --replicas=6')).toContain('deployment.apps/shop created');
  await expect(running(page, 'shop')).toHaveCount(6, { timeout: 60_000 });

  const old = await theLeader(page);
  await page.getByTestId(`machine-${old.machine}`).click();
  await page.getByTestId(`kill-${old.machine}`).click();
  await expect(page.getByTestId(`machine-${old.machine}`)).toHaveAttribute('data-status', 'down');
  await expect(page.getByTestId(`api-etcd-arrow-${old.machine}`)).toHaveAttribute('data-live', 'false');

  // A new etcd leader among the two left.
  await expect.poll(async () => {
    const l = leaders(page);
    return (await l.count()) === 1 ? Number(await l.first().getAttribute('data-term')) : -1;
  }, { timeout: 30_000 }).toBeGreaterThan(old.term);
  // Both leases are held on live masters (they move within ~17 s if the dead one held them).
  for (const c of ['kube-scheduler', 'kube-controller-manager']) {
    const holder = page.locator(`[data-testid^="component-master-"][data-testid$="-${c}"][data-leader="true"]`);
    await expect(holder).toHaveCount(1, { timeout: 60_000 });
    expect(await holder.getAttribute('data-testid')).not.toContain(old.machine);
  }
  // The Deployment's pods kept running, and the API still answers through the LB.
  await expect(running(page, 'shop')).toHaveCount(6);
  expect(await run(page, 'kubectl get deployment shop')).toMatch(/shop\s+6\/6/);
});

test('a killed worker: its pods are recreated on the other worker, and kubectl lists them', async ({ page }) => {
  test.setTimeout(150_000);
  await page.goto('/?speed=10&seed=2');
  await expect(page.getByTestId('machine-worker-2')).toHaveAttribute('data-status', 'up');
  // Until an apiserver is ready the LB answers 503, as a real one does: wait for the nodes.
  for (const w of ['worker-1', 'worker-2']) await expect(page.getByTestId(`node-${w}`)).toHaveAttribute('data-ready', 'True', { timeout: 30_000 });
  // The page already runs the web Deployment (3 replicas): this test's own is shop.
  expect(await run(page, 'kubectl create deployment shop --image=nginx:1.27 --replicas=4')).toContain('deployment.apps/shop created');
  await expect(running(page, 'shop')).toHaveCount(4, { timeout: 60_000 });
  await expect(running(page, 'shop', 'worker-2')).not.toHaveCount(0);

  await page.getByTestId('machine-worker-2').click();
  await page.getByTestId('kill-worker-2').click();
  await expect(page.getByTestId('machine-worker-2')).toHaveAttribute('data-status', 'down');
  // NotReady after the grace period, evicted after the toleration: all four on worker-1.
  await expect(running(page, 'shop', 'worker-1')).toHaveCount(4, { timeout: 90_000 });
  const pods = await run(page, 'kubectl get pods -o wide');
  expect(pods.match(/^shop-\S+\s+1\/1\s+Running\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+worker-1/gm)?.length).toBe(4);
  expect(pods).toMatch(/^shop-\S+\s+\S+\s+Terminating\s+0\s+\S+\s+10\.244\.\d+\.\d+\s+worker-2/m);
});

test('the console takes the docs\' heredoc: a ServiceAccount token Secret is applied and filled in by the token controller', async ({ page }) => {
  test.setTimeout(90_000);
  await page.goto('/?speed=10&seed=3');
  await expect(page.getByTestId('node-worker-1')).toHaveAttribute('data-ready', 'True', { timeout: 30_000 });
  expect((await consoleLine(page, 'kubectl create serviceaccount build-robot')).trim()).toBe('serviceaccount/build-robot created');
  const heredoc = [
    'kubectl apply -f - <<EOF',
    'apiVersion: v1',
    'kind: Secret',
    'metadata:',
    '  name: build-robot-secret',
    '  annotations:',
    '    kubernetes.io/service-account.name: build-robot',
    'type: kubernetes.io/service-account-token',
    'EOF',
  ].join('\n');
  expect((await consoleLine(page, heredoc)).trim()).toBe('secret/build-robot-secret created');
  await expect.poll(async () => consoleLine(page, 'kubectl get secret build-robot-secret'), { timeout: 30_000 }).toMatch(/build-robot-secret\s+kubernetes\.io\/service-account-token\s+3\s/);
  expect((await consoleLine(page, 'kubctl get pods')).trim()).toBe('bash: kubctl: command not found');
});
