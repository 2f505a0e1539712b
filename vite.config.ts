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
 * gets the real package. The dev server and Node keep the plain import. */
const LAZY_YAML = fileURLToPath(new URL('./src/host/lazy-yaml.ts', import.meta.url));
const lazyYaml: Plugin = {
  name: 'lazy-yaml',
  apply: 'build',
  enforce: 'pre',
  resolveId: (source, importer) => (source === 'yaml' && importer !== undefined && importer !== LAZY_YAML ? LAZY_YAML : null),
};

export default defineConfig({
  base: './',
  plugins: [react(), cspOnlyInBuild, lazyYaml],
  worker: { format: 'es', plugins: () => [lazyYaml] },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
});
