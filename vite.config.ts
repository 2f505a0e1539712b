import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

// A static app: no server behind it. Workers are ES modules so they can import the
// simulation core like any other module.
/** index.html's Content-Security-Policy is for the built app; the dev server's hot
 * reload needs inline scripts and a websocket, so `vite` (serve) leaves the tag out. */
const cspOnlyInBuild: Plugin = {
  name: 'csp-only-in-build',
  apply: 'serve',
  transformIndexHtml: (html) => html.replace(/\s*<!-- Strict:[\s\S]*?-->\s*<meta\s+http-equiv="Content-Security-Policy"[\s\S]*?\/>/, ''),
};

export default defineConfig({
  base: './',
  plugins: [react(), cspOnlyInBuild],
  worker: { format: 'es' },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
});
