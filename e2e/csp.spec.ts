// The built page runs under index.html's strict Content-Security-Policy: the workers
// start, React Flow draws, the console answers, and the browser reports no violation.

import { expect, test } from './fixtures';
import { consoleLine } from './helpers';

test('the page runs under its Content-Security-Policy with no violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load (CSP ${e.violatedDirective}): ${e.blockedURI}`));
  });
  await page.goto('/?masters=1&workers=1&speed=5');
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self'");
  expect(csp).toContain("default-src 'none'");
  await expect(page.getByTestId('machine-master-1')).toHaveAttribute('data-status', 'up');
  await expect(page.locator('[data-testid^="etcd-"][data-role="leader"]')).toHaveCount(1, { timeout: 20_000 });
  expect(await consoleLine(page, 'etcdctl put greeting hello')).toContain('OK');
  expect(violations).toEqual([]);
  // An inline script is refused (the policy is really in force).
  const ran = await page.evaluate(() => {
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true';
    document.body.appendChild(s);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
});
