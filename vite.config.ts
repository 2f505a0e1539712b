import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

// A static app: no server behind it. Workers are ES modules so they can import the
// simulation core like any other module.
/** index.html's Content-Security-Policy is for the built app; the dev server's hot
 * reload needs inline scripts and a websocket, so `vite` (serve) leaves the tag out. */
const cspOnlyInBuild: Plugin = {
  name: 'csp-only-in-build',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/\s*<!-- Strict:[\s\S]*?-->\s*<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, ''),
};

/** In the built app the workers' `yaml` is src/host/lazy-yaml.ts, which loads the real
 * one as a chunk of its own when the coordinator asks (see there); lazy-yaml.ts itself
 * gets the real package. Likewise kubectl's and etcdctl's commands, scenario files and
 * the opt-in processes (the simulated cloud, its cloud-controller-manager, the dashboard):
 * their eager importers get the stand-ins in src/host/lazy/, and src/host/lazy-console.ts
 * loads the real modules after the boot. The dev server and Node keep the plain imports. */
const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));
const LAZY_YAML = src('host/lazy-yaml.ts');
const LAZY_CONSOLE = src('host/lazy-console.ts');
/** The batch kinds' real modules (src/host/lazy/batch.ts stands in for them elsewhere);
 * among themselves they import each other for real: they load together. */
const BATCH_PARTS = src('host/batch-parts.ts');
const BATCH_STAND_IN = src('host/lazy/batch.ts');
const STAND_INS: Readonly<Record<string, string>> = {
  [src('kube/kubectl/kubectl.ts')]: src('host/lazy/kubectl.ts'),
  [src('etcd/etcdctl/etcdctl.ts')]: src('host/lazy/etcdctl.ts'),
  [src('cluster/scenario.ts')]: src('host/lazy/scenario.ts'),
  [src('etcd/etcdctl/snapshot-command.ts')]: src('host/lazy/snapshot-command.ts'),
  // Opt-in processes (cloud: sim, dashboard: true): a start that asks for them awaits
  // the console's part first.
  [src('kube/cloud/ccm.ts')]: src('host/lazy/optional-processes.ts'),
  [src('cluster/sim-cloud.ts')]: src('host/lazy/optional-processes.ts'),
  [src('kube/dashboard/dashboard.ts')]: src('host/lazy/optional-processes.ts'),
  // The batch kinds: no Job or CronJob exists before a command the coordinator awaits
  // the console's part for (src/host/lazy/batch.ts).
  [src('kube/controllers/job.ts')]: src('host/lazy/batch.ts'),
  [src('kube/controllers/cronjob.ts')]: src('host/lazy/batch.ts'),
  [src('kube/api/cron.ts')]: src('host/lazy/batch.ts'),
  [src('kube/api/validation-batch.ts')]: src('host/lazy/batch.ts'),
  [src('kube/api/batch-defaults.ts')]: src('host/lazy/batch.ts'),
  // Watches of Events from etcd: only the dashboard and kubectl open one.
  [src('kube/apiserver/storage-watches.ts')]: src('host/lazy/storage-watches.ts'),
  // Only an export writes a run as a file.
  [src('host/recording-file.ts')]: src('host/lazy/recording-file.ts'),
  // Not lazy: injected bugs are for the swarm in Node.
  [src('raft/testing/context-read-only.ts')]: src('host/lazy/injected-bugs.ts'),
  // Not lazy: the page's coordinator gives VerdictFeed the verdict worker instead.
  [src('host/inline-checker.ts')]: src('host/lazy/inline-checker.ts'),
};
const lazyYaml: Plugin = {
  name: 'lazy-yaml',
  apply: 'build',
  enforce: 'pre',
  async resolveId(source, importer) {
    if (importer === undefined) return null;
    if (source === 'yaml') return importer !== LAZY_YAML ? LAZY_YAML : null;
    if (importer === LAZY_CONSOLE || importer === BATCH_PARTS || STAND_INS[importer] === BATCH_STAND_IN || !source.startsWith('.')) return null;
    const resolved = await this.resolve(source, importer, { skipSelf: true });
    return resolved && STAND_INS[resolved.id] ? STAND_INS[resolved.id]! : null;
  },
};

export default defineConfig({
  base: './',
  plugins: [react(), cspOnlyInBuild, lazyYaml],
  // The workers' bundles are made apart from the page's (Vite's bundleWorkerEntry), without
  // the page's output settings: comments off as the page's minified build has them, else
  // every `/* @__PURE__ */` stays in the coordinator worker (187 of them, 0.2 KB gzip).
  worker: { format: 'es', plugins: () => [lazyYaml], rolldownOptions: { output: { comments: false } } },
  // Every browser that runs module workers, which the app needs, but lacks
  // <link rel="modulepreload"> (Safari 15–16) still loads the chunks when imported, just
  // without the head start: the polyfill's bytes are not worth it on the first path.
  build: { modulePreload: { polyfill: false } },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
});
