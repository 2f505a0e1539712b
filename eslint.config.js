// Lint rules that keep the simulation deterministic: the core (everything that runs
// the same in Node and in the machine workers) may not read wall time, real
// randomness or browser globals, and may not import the UI. Time, randomness, network
// and disk reach it only through src/sim.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const CORE = ['src/sim/**', 'src/raft/**', 'src/etcd/**', 'src/kube/**', 'src/cluster/**', 'src/check/**', 'src/protocol/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['src/ui/**/*.tsx', 'src/ui/**/*.ts', 'src/main.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: CORE,
    // Tests and their helpers may drive the hosts.
    ignores: ['**/*.test.ts', '**/testing/**'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'Date', message: 'The simulation core gets time injected (Runtime.now()).' },
        { name: 'performance', message: 'The simulation core gets time injected (Runtime.now()).' },
        { name: 'setTimeout', message: 'Use ticks and virtual time, not timers.' },
        { name: 'setInterval', message: 'Use ticks and virtual time, not timers.' },
        { name: 'setImmediate', message: 'Use ticks and virtual time, not timers.' },
        { name: 'queueMicrotask', message: 'Use ticks and virtual time, not timers.' },
        { name: 'requestAnimationFrame', message: 'The core does not draw.' },
        { name: 'self', message: 'The core runs in Node too: no worker globals.' },
        { name: 'window', message: 'The core runs in Node too: no browser globals.' },
        { name: 'globalThis', message: 'The core runs in Node too: no host globals.' },
        { name: 'Worker', message: 'Only src/host and src/client touch Worker.' },
        { name: 'postMessage', message: 'Only src/host and src/client touch postMessage.' },
        { name: 'process', message: 'Only src/cli and scripts read the process.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded Rng (src/sim/rng.ts).' },
        { object: 'Date', property: 'now', message: 'The simulation core gets time injected.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/ui/**', '**/ui', '**/client/**', '**/host/**', '**/cli/**'], message: 'The core must not import the UI or the hosts.' },
            { group: ['react', 'react-dom', '@xyflow/*', 'zustand', 'xstate', '@xstate/*'], message: 'The core is pure TypeScript: no UI libraries.' },
            { group: ['node:*', 'fs', 'path', 'child_process', 'worker_threads'], message: 'The core runs in the browser too: no Node modules.' },
          ],
        },
      ],
    },
  },
);
