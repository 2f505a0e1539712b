// Bad input in the browser console never stops the cluster (issue 15): a Node without
// a spec is stored (as a real apiserver stores it, with `spec: {}`), every component
// reads it, the graph keeps being drawn and the next kubectl line is answered; a field
// of the wrong type is the decoder's 400, not a crashed apiserver.

import { expect, test } from './fixtures';
import { consoleLine } from './helpers';

const heredoc = (...lines: string[]) => ['kubectl apply -f - <<EOF', ...lines, 'EOF'].join('\n');

test('a Node without spec is applied in the console, and the cluster runs on', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/?speed=10&seed=3');
  await expect(page.getByTestId('node-worker-1')).toHaveAttribute('data-ready', 'True', { timeout: 30_000 });

  expect((await consoleLine(page, heredoc('apiVersion: v1', 'kind: Node', 'metadata: {name: fake-node}'))).trim()).toBe('node/fake-node created');
  expect((await consoleLine(page, heredoc('apiVersion: coordination.k8s.io/v1', 'kind: Lease', 'metadata: {name: no-spec}'))).trim()).toBe('lease.coordination.k8s.io/no-spec created');
  expect((await consoleLine(page, heredoc('apiVersion: v1', 'kind: Pod', 'metadata: {name: typed}', 'spec: {containers: [{name: c, image: 42}]}'))).trim()).toBe(
    'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number into Go struct field Container.spec.containers.image of type string',
  );

  // Time goes on: the clock moves and the graph is still drawn with every machine up.
  const clock = async () => Number((await page.getByTestId('sim-clock').innerText()).replace(/[^0-9.]/g, ''));
  const t0 = await clock();
  await expect.poll(clock, { timeout: 20_000 }).toBeGreaterThan(t0 + 5);
  await expect(page.getByTestId('machine-master-1')).toHaveAttribute('data-status', 'up');
  await expect(page.locator('[data-crashed="true"]')).toHaveCount(0);
  await expect(page.getByTestId('notice').filter({ hasText: /stopped/ })).toHaveCount(0);

  // The next lines are answered, and the node lifecycle controller judged the fake node.
  await expect.poll(async () => consoleLine(page, 'kubectl get nodes'), { timeout: 30_000 }).toMatch(/fake-node\s+(Unknown|NotReady)\s/);
  // The page already runs the default `web` Deployment (the first minute): a new one.
  expect(await consoleLine(page, 'kubectl create deployment shop --image=nginx:1.27 --replicas=2')).toContain('deployment.apps/shop created');
  await expect(page.locator('[data-testid^="pod-default-shop-"][data-phase="Running"]')).toHaveCount(2, { timeout: 60_000 });
});
