// `npx tsx scripts/bench-seek-page.ts [simSeconds]`: scrubbing back on the page
// (issue 11), in Chromium (Debian's /usr/bin/chromium), served by `vite preview` on its
// own port (PW_PORT, default 4302). An HA cluster (3 masters, 3 workers) runs as fast as
// possible to `simSeconds` (120 by default) and pauses; then 40 seeks back, 1.5 s of sim
// time apart, as a scrubber dragged back sends them, and 40 forth. Each is timed from
// the `seek` sent to the first animation frame after the page's store shows the moment
// (the first frame after the seek: the view history's preview, or the exact frame when
// no moment is kept): what a learner waits per position.
// Goal: ≤ 100 ms per position. `--no-build` serves the dist/ already built; `--profile`
// prints the page's main thread's top functions by self time during the scrub.

import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium-args';
import { runScript, startPreview, stopPreview } from './preview-server';

const args = process.argv.slice(2);
const simSeconds = Number(args.find((a) => /^\d+$/.test(a)) ?? 120);
const PORT = Number(process.env.PW_PORT ?? 4302);
const BASE = `http://127.0.0.1:${PORT}`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

interface LabWindow {
  __lab: { send(c: unknown): void; state(): { now: number; seekEpoch: number; playing: boolean; timeline: { endMs: number } } };
}

async function main(): Promise<void> {
  const server = await startPreview(PORT, !args.includes('--no-build'));
  try {
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(`${BASE}/?masters=3&workers=3&speed=0&seed=3`);
    await page.waitForFunction((end) => (window as unknown as LabWindow).__lab?.state().now > end, simSeconds * 1000, { timeout: 600_000, polling: 500 });
    await page.evaluate(() => (window as unknown as LabWindow).__lab.send({ type: 'pause' }));
    await page.waitForFunction(() => !(window as unknown as LabWindow).__lab.state().playing);
    const cdp = args.includes('--profile') ? await page.context().newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
      await cdp.send('Profiler.start');
    }
    // As text: tsx would wrap the page's functions in a helper the page does not have.
    const times = (await page.evaluate(`(async () => {
      const lab = window.__lab;
      const end = lab.state().timeline.endMs;
      const out = [];
      const targets = [];
      for (let i = 0; i < 40; i++) targets.push(end - 1500 * (i + 1));
      for (let i = 0; i < 40; i++) targets.push(end - 60000 + 1500 * i);
      for (const at of targets) {
        const epoch = lab.state().seekEpoch;
        const t0 = performance.now();
        lab.send({ type: 'seek', at });
        for (;;) {
          await new Promise((r) => requestAnimationFrame(r));
          const s = lab.state();
          if (s.seekEpoch > epoch) break;
          if (performance.now() - t0 > 10000) break;
        }
        await new Promise((r) => requestAnimationFrame(r)); // drawn
        out.push({ at, ms: performance.now() - t0, off: at - lab.state().now });
        // The next position comes as a drag sends them (about every 80 ms).
        await new Promise((r) => setTimeout(r, 80));
      }
      return out;
    })()`)) as { at: number; ms: number; off: number }[];
    if (cdp) printProfile((await cdp.send('Profiler.stop')).profile);
    const ms = times.map((t) => t.ms).sort((a, b) => a - b);
    const q = (p: number) => ms[Math.min(ms.length - 1, Math.floor(p * ms.length))]!.toFixed(0);
    const off = times.map((t) => t.off).sort((a, b) => a - b);
    console.log(`  the moment shown was ${off[0]} to ${off.at(-1)} ms (median ${off[off.length >> 1]}) before the position asked for (the history's grain), until the exact one lands`);
    console.log(`scrub on the page, ${ms.length} positions 1.5 s apart (back from the end of ${simSeconds} s, then forth), seek sent → drawn: min ${q(0)} / median ${q(0.5)} / p90 ${q(0.9)} / max ${q(1 - 1e-9)} ms; goal ≤ 100 ms: ${Number(q(1 - 1e-9)) <= 100 ? 'met' : 'NOT met'}`);
    await browser.close();
  } finally {
    stopPreview(server);
  }
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples?: number[];
  timeDeltas?: number[];
}

/** The top functions by self time (a sample's time goes to the function it was in). */
function printProfile(p: CpuProfile): void {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  (p.samples ?? []).forEach((id, i) => {
    const dt = p.timeDeltas?.[i] ?? 0;
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*\//, '')}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
  console.log(`the page's main thread during the scrub: ${(total / 1000).toFixed(0)} ms sampled; top self time:`);
  for (const [k, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${((100 * us) / total).toFixed(1).padStart(5)} %  ${k}`);
}

runScript('bench-seek-page', main);
