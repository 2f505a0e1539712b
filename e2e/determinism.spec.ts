// The browser and the headless runner (src/host/in-process.ts, in this Node process)
// produce the same trace for the same scenario file and seed, whether the machines run
// inside the coordinator's worker (the default) or one Web Worker each
// (?isolation=worker).

import { expect, test } from './fixtures';
import { readFileSync } from 'node:fs';
import { parseScenario } from '../src/cluster/scenario';
import { runScenario } from '../src/host/in-process';

const SCENARIO = 'kill-etcd-leader';

for (const isolation of ['shared', 'worker']) {
  test(`the browser run of ${SCENARIO} at max speed (isolation ${isolation}) gives the headless trace`, async ({ page }) => {
    test.setTimeout(120_000);
    const headless = runScenario(parseScenario(readFileSync(`scenarios/${SCENARIO}.yaml`, 'utf8')));
    await page.goto(`/?scenario=${SCENARIO}&speed=0${isolation === 'worker' ? '&isolation=worker' : ''}`);
    await page.waitForFunction(() => window.__lab?.state().finished === true, undefined, { timeout: 100_000, polling: 250 });
    const trace = await page.evaluate(() => window.__lab!.trace());
    expect(trace.split('\n').length).toBe(headless.traceText.split('\n').length);
    expect(trace).toBe(headless.traceText);
  });
}
