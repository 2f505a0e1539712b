// Lint rules that keep the simulation deterministic and the layers in order: the core
// (everything that runs the same in Node and in the workers) may not read wall time,
// real randomness or browser globals; time, randomness, network and disk reach it only
// through src/sim. Every folder imports only what ARCHITECTURE.md's layer table allows.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const CORE = ['src/sim/**', 'src/raft/**', 'src/etcd/**', 'src/shell/**', 'src/kube/**', 'src/coordinator/**', 'src/cluster/**', 'src/check/**', 'src/protocol/**'];

// The layer table of ARCHITECTURE.md ("may import"), one row per folder of src/. A
// `testing/` folder is its own row: test helpers are fenced like everything else (a
// helper that needs a host lives above it, in src/host/testing). Test files themselves
// (*.test.ts) may drive a host from any folder.
const TOP = ['protocol', 'sim', 'raft', 'etcd', 'check', 'shell', 'kube', 'coordinator', 'cluster', 'host', 'fuzz', 'cli', 'client', 'ui'];
const LAYERS = {
  protocol: [],
  sim: ['protocol'],
  raft: [],
  'raft/testing': ['raft', 'sim'],
  etcd: ['sim', 'raft', 'shell', 'protocol'],
  check: ['protocol'],
  'check/testing': ['check', 'protocol'],
  shell: ['protocol'],
  kube: ['sim', 'etcd', 'shell', 'protocol'],
  coordinator: ['sim', 'etcd', 'protocol'],
  cluster: ['sim', 'etcd', 'kube', 'coordinator', 'protocol'],
  host: ['sim', 'raft', 'etcd', 'shell', 'kube', 'coordinator', 'cluster', 'check', 'protocol'],
  'host/testing': ['host', 'sim', 'etcd', 'kube', 'coordinator', 'cluster', 'check', 'protocol'],
  fuzz: ['host', 'cluster', 'kube', 'shell', 'protocol'],
  cli: ['sim', 'coordinator', 'cluster', 'check', 'host', 'fuzz', 'protocol'],
  client: ['protocol'],
  ui: ['client', 'protocol'],
};
/** Parts of a layer another layer may not reach into: kube uses etcd's client only. */
const PRIVATE = { kube: ['etcd/server', 'etcd/etcdctl'] };

const UI_LIBRARIES = { group: ['react', 'react-dom', '@xyflow/*', 'zustand', 'xstate', '@xstate/*'], message: 'The core is pure TypeScript: no UI libraries.' };
const NODE_MODULES = { group: ['node:*', 'fs', 'path', 'child_process', 'worker_threads'], message: 'The core runs in the browser too: no Node modules.' };

/** The project imports by relative path, so a file's depth says which `../` leaves src/:
 * one config block per depth, each forbidding the folders this layer may not import. */
function fence(layer, allowed) {
  const depth0 = layer.split('/').length;
  const own = layer.split('/')[0];
  const forbidden = TOP.filter((t) => t !== own && !allowed.includes(t));
  const subLayers = Object.keys(LAYERS).filter((l) => l.startsWith(`${layer}/`));
  const blocks = [];
  for (let d = 0; d < 5; d++) {
    const up = '\\.\\./'.repeat(depth0 + d);
    const patterns = [];
    if (forbidden.length > 0) patterns.push({ regex: `^${up}(${forbidden.join('|')})(/|$)`, message: `src/${layer} may import only ${allowed.length ? allowed.join(', ') : 'nothing'} (ARCHITECTURE.md, Layers).` });
    for (const p of PRIVATE[layer] ?? []) patterns.push({ regex: `^${up}${p}(/|$)`, message: `src/${layer} may not reach into src/${p}.` });
    if (CORE.includes(`src/${own}/**`)) patterns.push(UI_LIBRARIES, NODE_MODULES);
    blocks.push({
      files: [`src/${layer}/${'*/'.repeat(d)}*.{ts,tsx}`],
      ignores: ['**/*.test.ts', ...subLayers.map((l) => `src/${l}/**`)],
      rules: { 'no-restricted-imports': ['error', { patterns }] },
    });
  }
  return blocks;
}

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
    // Tests may use wall-clock-free helpers freely; test helpers (testing/) are core.
    ignores: ['**/*.test.ts'],
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
    },
  },
  ...Object.entries(LAYERS).flatMap(([layer, allowed]) => fence(layer, allowed)),
);
