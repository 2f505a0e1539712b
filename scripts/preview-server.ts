// The built page served by `vite preview` on a port of its own, for the scripts that
// drive Chromium (bench:page, trace:page, bench-seek-page). Builds first unless told not
// to, refuses a port something else answers on (it would measure that build), and waits
// until the server answers.

import { execSync, spawn, type ChildProcess } from 'node:child_process';

export async function startPreview(port: number, build: boolean, outDir?: string): Promise<ChildProcess> {
  const base = `http://127.0.0.1:${port}`;
  if (build) execSync('npx vite build --logLevel warn', { stdio: 'inherit' });
  try {
    await fetch(base);
    throw new Error(`port ${port} is taken: stop that server or set PW_PORT`);
  } catch (e) {
    if ((e as Error).message.startsWith('port')) throw e;
  }
  // `outDir`: another build to serve (an A/B against a baseline built elsewhere).
  const dir = outDir ? ['--outDir', outDir] : [];
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', ...dir], { stdio: 'ignore', detached: true });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`vite preview did not answer on ${base} (is port ${port} taken? set PW_PORT)`);
}

/** Ends the server's process group (npx and vite), nothing else; a group already gone
 * is fine. */
export function stopPreview(server: ChildProcess): void {
  try {
    if (server.pid) process.kill(-server.pid);
  } catch {
    // already gone
  }
}

/** Runs a script's `main`, naming the script when it fails (exit 1). A stdout closed
 * early (piped into `head`) must not leave the preview server running. */
export function runScript(name: string, main: () => Promise<void>): void {
  process.stdout.on('error', () => undefined);
  main().catch((e: unknown) => {
    console.error(`${name} failed: ${(e as Error).message}`);
    process.exit(1);
  });
}
