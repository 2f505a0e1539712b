import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// A static app: no server behind it. Workers are ES modules so they can import the
// simulation core like any other module.
export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
});
