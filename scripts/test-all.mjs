#!/usr/bin/env node
// `npm test`: every suite in turn (typecheck, lint, unit, swarm, e2e), even after a
// failure, then one closing line with the totals, `N passed, N failed`, which CI reads.
// Typecheck and lint count as one test each; vitest and Playwright report their own; the
// swarm counts one test per seed (SWARM_SEEDS, default 300).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const want = (name) => only.length === 0 || only.includes(name);
const outDir = join(process.cwd(), 'test-results');
mkdirSync(outDir, { recursive: true });
const results = [];

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

function step(name, fn) {
  if (!want(name)) return;
  console.log(`\n=== ${name} ===`);
  const t0 = Date.now();
  const { passed, failed } = fn();
  results.push({ name, passed, failed, seconds: (Date.now() - t0) / 1000 });
}

step('typecheck', () => (run('npx', ['tsc', '-p', '.', '--noEmit']) === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }));
step('lint', () => (run('npx', ['eslint', '.', '--max-warnings=0']) === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 }));

step('unit', () => {
  const file = join(outDir, 'vitest.json');
  rmSync(file, { force: true });
  const code = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${file}`]);
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const j = JSON.parse(readFileSync(file, 'utf8'));
  const failed = j.numFailedTests + (code !== 0 && j.numFailedTests === 0 ? 1 : 0);
  return { passed: j.numPassedTests, failed };
});

step('swarm', () => {
  const seeds = process.env.SWARM_SEEDS ?? '300';
  const file = join(outDir, 'swarm.json');
  rmSync(file, { force: true });
  const code = run('npx', ['tsx', 'src/cli/chaos.ts', '--seeds', seeds, '--json', file]);
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const j = JSON.parse(readFileSync(file, 'utf8'));
  const failed = j.failed.length + (code !== 0 && j.failed.length === 0 ? 1 : 0);
  return { passed: j.seeds - j.failed.length, failed };
});

step('e2e', () => {
  if (run('bash', ['scripts/ensure-chromium.sh']) !== 0) return { passed: 0, failed: 1 };
  const file = join(outDir, 'playwright.json');
  rmSync(file, { force: true });
  const code = run('npx', ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: file });
  if (!existsSync(file)) return { passed: 0, failed: 1 };
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  const failed = (s.unexpected ?? 0) + (s.flaky ?? 0) + (code !== 0 && !s.unexpected ? 1 : 0);
  return { passed: s.expected ?? 0, failed };
});

console.log('\n=== summary ===');
for (const r of results) console.log(`${r.name.padEnd(10)} ${r.passed} passed, ${r.failed} failed  (${r.seconds.toFixed(1)} s)`);
const passed = results.reduce((a, r) => a + r.passed, 0);
const failed = results.reduce((a, r) => a + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
