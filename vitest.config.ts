import { defineConfig } from 'vitest/config';

// Unit, property and scenario tests run in Node: the simulation core is pure TypeScript.
// Real Web Workers are covered by the Playwright e2e tests in e2e/.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
