// The pod network and Services drawn (issue 12): the pod-network overlay shows a route
// per node, a Service is a shape with arrows to the pods kube-proxy sends to (and they
// follow the pods when a node dies), and the pod inspector's "why" table lists every
// node with the chosen one marked; an unschedulable pod shows its FitError. Screenshots
// at 1920×1080, normal and presenter mode, go to test-results/network-*.png.

import { expect, test, type Page } from './fixtures';
import { leaders } from './helpers';

const SERVICE = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
  - port: 80
    targetPort: 80
EOF`;

const NOWHERE = `kubectl apply -f - <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: nowhere
spec:
  nodeSelector:
    disk: nvme
  containers:
  - name: c
    image: nginx:1.27
EOF`;

async function consoleText(page: Page, text: string, expected: RegExp): Promise<void> {
  await page.getByTestId('console-input').fill(text);
  await page.getByTestId('console-input').press('Enter');
  await expect(page.getByTestId('console-output')).toContainText(expected, { timeout: 30_000 });
}

const webRunning = (page: Page) => page.locator('.react-flow__node [data-testid^="pod-default-web-"][data-phase="Running"]:not([data-terminating="true"])');
const arrows = (page: Page) => page.locator('[data-testid="service-arrow"][data-service="default/web"]');

async function arrowTargets(page: Page): Promise<string[]> {
  return (await arrows(page).evaluateAll((els) => els.map((e) => e.getAttribute('data-target') ?? ''))).sort();
}

async function runningWeb(page: Page): Promise<{ pod: string; node: string }[]> {
  return (await webRunning(page).evaluateAll((els) => els.map((e) => ({ pod: `default/${(e.getAttribute('data-testid') ?? '').replace(/^pod-default-/, '')}`, node: e.getAttribute('data-node') ?? '' })))).sort((a, b) => a.pod.localeCompare(b.pod));
}

test('the pod network overlay, a Service with arrows to its endpoints that follow the pods, and why the scheduler chose', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.goto('/?workers=3&speed=10&seed=5');
  await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
  await expect(webRunning(page)).toHaveCount(3, { timeout: 60_000 });

  // Pod CIDRs on the cards; routes: one per node (master-1 and three workers).
  await expect(page.getByTestId('cidr-worker-1')).toHaveAttribute('data-cidr', /^10\.244\.\d+\.0\/24$/);
  await page.getByTestId('overlay-network').click();
  await expect(page.getByTestId('overlay-network')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('pod-network')).toHaveAttribute('data-routes', '4');
  await expect(page.getByTestId('pod-network')).toContainText('host-gw');
  for (const n of ['master-1', 'worker-1', 'worker-2', 'worker-3']) {
    const cidr = await page.getByTestId(`cidr-${n}`).getAttribute('data-cidr');
    await expect(page.getByTestId(`route-${n}`)).toHaveAttribute('data-cidr', cidr!);
    await expect(page.getByTestId(`route-${n}`)).toHaveAttribute('data-via', /^10\.0\.0\.\d+$/);
    await expect(page.getByTestId(`route-line-${n}`)).toHaveCount(1);
  }

  // A Service: its shape with the ClusterIP, an arrow to each endpoint pod.
  await page.getByTestId('overlay-services').click();
  await expect(page.getByTestId('services-none')).toBeVisible();
  await consoleText(page, SERVICE, /service\/web created/);
  const svc = page.getByTestId('service-default-web');
  await expect(svc).toHaveAttribute('data-endpoints', '3', { timeout: 30_000 });
  await expect(svc).toHaveAttribute('data-cluster-ip', /^10\.9[6-9]\.\d+\.\d+$/);
  await expect(svc).toContainText(`${await svc.getAttribute('data-cluster-ip')}:80`);
  await expect(arrows(page)).toHaveCount(3);
  expect(await arrowTargets(page)).toEqual((await runningWeb(page)).map((p) => p.pod));
  await page.screenshot({ path: 'test-results/network-normal.png' });

  // Why the scheduler chose: every node in the filter table, the chosen one marked.
  const first = (await runningWeb(page))[0]!;
  await page.getByTestId(`pod-${first.pod.replace('/', '-')}`).click();
  const inspector = page.getByTestId('pod-inspector');
  await expect(inspector).toHaveAttribute('data-pod', first.pod);
  await expect(inspector.getByTestId('pod-ip')).toHaveText(/^10\.244\.\d+\.\d+$/);
  await expect(inspector.locator('[data-testid^="why-row-"]')).toHaveCount(4);
  await expect(inspector.locator('[data-testid^="why-row-"][data-chosen="true"]')).toHaveCount(1);
  await expect(inspector.getByTestId(`why-row-${first.node}`)).toHaveAttribute('data-chosen', 'true');
  await expect(inspector.getByTestId('why-reason-master-1')).toContainText('untolerated taint {node-role.kubernetes.io/control-plane: }');
  await expect(inspector.getByTestId(`why-score-${first.node}`)).toHaveAttribute('data-chosen', 'true');
  await page.screenshot({ path: 'test-results/network-why.png' });

  // Presenter mode: the same overlays, pod IPs on the tiles.
  await page.getByTestId('present').click();
  await expect(page.getByTestId('service-default-web')).toBeVisible();
  await expect(page.locator('.react-flow__node .pod-ip').first()).toHaveText(/^10\.244\./);
  await page.waitForTimeout(500);
  await page.screenshot({ path: 'test-results/network-present.png' });
  await page.getByTestId('present').click();

  // A worker dies: its pods' endpoints leave the rules, and the arrows follow the
  // replacements onto the other workers.
  const victim = first.node;
  await page.getByTestId(`machine-${victim}`).click();
  await page.getByTestId(`kill-${victim}`).click();
  await expect.poll(async () => {
    const now = await runningWeb(page);
    const live = now.filter((p) => p.node !== victim);
    return live.length === 3 && JSON.stringify(await arrowTargets(page)) === JSON.stringify(live.map((p) => p.pod));
  }, { timeout: 90_000 }).toBe(true);

  // A pod that fits nowhere: the same table under the FitError message.
  await consoleText(page, NOWHERE, /pod\/nowhere created/);
  await page.getByTestId('pod-default-nowhere').click();
  await expect(inspector).toHaveAttribute('data-pod', 'default/nowhere');
  await expect(inspector.getByTestId('fit-error')).toContainText(/^0\/4 nodes are available: /, { timeout: 20_000 });
  await expect(inspector.locator('[data-testid^="why-row-"][data-verdict="rejected"]')).toHaveCount(4);
  await expect(inspector.locator('[data-testid^="why-row-"][data-chosen="true"]')).toHaveCount(0);
});

// 7 to 12 workers are drawn as full cards in rows of at most six, and the graph's fit
// keeps the overlay switches' corner clear of cards, in both modes, at 1280×720.
for (const present of [false, true]) {
  test(`12 workers at 1280×720${present ? ', presenting' : ''}: two rows of six, and no card under the overlay switches`, async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 720 });
    await page.goto(`/?masters=3&workers=12${present ? '&present=1' : ''}`);
    await expect(leaders(page)).toHaveCount(1, { timeout: 30_000 });
    await expect(page.locator('.react-flow__node')).not.toHaveCount(0, { timeout: 20_000 });
    // Once the page has settled (the header, timeline and captions arrive and the graph
    // refits to its final size): two rows of six, and no card under either switch.
    await expect.poll(() => page.locator('[data-testid^="machine-worker-"]').evaluateAll((els) => new Set(els.map((e) => Math.round(e.getBoundingClientRect().top))).size), { timeout: 30_000 }).toBe(2);
    await expect(page.locator('[data-testid^="machine-worker-"]')).toHaveCount(12);
    const under = () => page.evaluate(() => {
      const zones = ['overlay-network', 'overlay-services'].map((id) => document.querySelector(`[data-testid="${id}"]`)!.getBoundingClientRect());
      return [...document.querySelectorAll('[data-testid^="machine-"]')].filter((card) => {
        const b = card.getBoundingClientRect();
        return zones.some((z) => !(b.right <= z.left || z.right <= b.left || b.bottom <= z.top || z.bottom <= b.top));
      }).map((card) => card.getAttribute('data-testid'));
    });
    await expect.poll(under, { timeout: 30_000 }).toEqual([]);
  });
}
