// `npx tsx scripts/profile-main.ts [--dist DIR] [--seconds 6] [--query Q]`: a CPU profile
// of the page's main thread (200 µs sampling) while the cluster runs (from sim 3 s; by
// default 3 masters, 30 workers, 300 pods at 1×), printed as the top functions by self
// and by inclusive time, with how far the sim clock moved (compare per sim second: a
// loaded machine runs the page slower). For readable names profile a build made with
// `npx vite build --outDir DIR --minify false`. Serves it on PW_PORT (default 4209).
import { runScript, startPreview, stopPreview } from './preview-server';
import { chromium } from '@playwright/test';
import { flag } from './args';
import { CHROMIUM_ARGS } from './chromium-args';
const PORT = Number(process.env.PW_PORT ?? 4209);
const QUERY = flag('--query') ?? 'masters=3&workers=30&pods=300&speed=1';
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
runScript('profile-main', async () => {
  const server = await startPreview(PORT, false, flag('--dist'));
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
    await page.goto(`http://127.0.0.1:${PORT}/?${QUERY}`);
    await page.waitForFunction(() => (window.__lab?.state().now ?? 0) >= 3000, undefined, { timeout: 180000, polling: 100 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const f0 = await page.evaluate(() => window.__lab!.state().now);
    await page.waitForTimeout(Number(flag('--seconds') ?? 6) * 1000);
    const f1 = await page.evaluate(() => window.__lab!.state().now);
    const { profile } = await cdp.send('Profiler.stop');
    const nodes = new Map<number, ProfileNode>(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const dt = new Map<number, number>();
    const samples = profile.samples ?? [];
    const deltas = profile.timeDeltas ?? [];
    for (let i = 0; i < samples.length; i++) dt.set(samples[i]!, (dt.get(samples[i]!) ?? 0) + (deltas[i] ?? 0) / 1000);
    const self = new Map<string, number>();
    const incl = new Map<string, number>();
    let total = 0;
    const key = (n: ProfileNode) => `${n.callFrame.functionName || '(anon)'} ${String(n.callFrame.url).split('/').pop()}:${n.callFrame.lineNumber}`;
    for (const [id, ms] of dt) {
      const n = nodes.get(id)!;
      total += ms;
      self.set(key(n), (self.get(key(n)) ?? 0) + ms);
      const seen = new Set<string>();
      for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
        const k = key(nodes.get(x)!);
        if (seen.has(k)) continue;
        seen.add(k);
        incl.set(k, (incl.get(k) ?? 0) + ms);
      }
    }
    console.log(`sim ${f1 - f0} ms; sampled ${total.toFixed(0)} ms`);
    console.log('--- self');
    for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(v.toFixed(1).padStart(8), k);
    console.log('--- inclusive');
    for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, 60)) console.log(v.toFixed(1).padStart(8), k);
  } finally { await browser.close(); stopPreview(server); }
});
