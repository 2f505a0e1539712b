// `npx tsx scripts/raf-gaps.ts [EXTRA_QUERY] [pause]` (after `npx vite build`): at 1×
// with 3 masters, 30 workers and 300 pods, 8 s of animation frames, and for each gap
// over 20 ms (two vsyncs) whether a frame from the simulation's worker arrived in it.
// Tells whether bench:page's rAF p95 comes from the data frames or from the frames that
// only animate; `pause` measures the page paused. Serves the build on PW_PORT (default 4207),
// or another one with `--dist DIR` (an A/B in turn against a baseline build).
import { CHROMIUM_ARGS } from './chromium-args';
import { chromium } from '@playwright/test';
import { runScript, startPreview, stopPreview } from './preview-server';
const PORT = Number(process.env.PW_PORT ?? 4207);
async function main() {
  const dist = process.argv.indexOf('--dist');
  const server = await startPreview(PORT, false, dist >= 0 ? process.argv[dist + 1] : undefined);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(() => {
      const w = window as unknown as { __msgs: number[] };
      w.__msgs = [];
      const Orig = Worker;
      (window as unknown as { Worker: unknown }).Worker = class extends Orig {
        constructor(u: string | URL, o?: WorkerOptions) { super(u, o); this.addEventListener('message', () => w.__msgs.push(performance.now())); }
      };
    });
    await page.goto(`http://127.0.0.1:${PORT}/?masters=3&workers=30&pods=300&speed=1${process.argv[2]?.startsWith('&') ? process.argv[2] : ''}`);
    await page.waitForFunction(() => ((window as unknown as { __lab?: { state: () => { now: number } } }).__lab?.state().now ?? 0) > 2000, null, { timeout: 120000 });
    if (process.argv.includes('pause')) { await page.getByTestId('time-pause').click(); await page.waitForTimeout(800); }
    const r = (await page.evaluate(`new Promise((res) => {
      const ts = [];
      const start = performance.now();
      function step(t) { ts.push(t); if (t - start < 8000) requestAnimationFrame(step); else res({ ts, msgs: window.__msgs.filter((m) => m >= start) }); }
      requestAnimationFrame(step);
    })`)) as { ts: number[]; msgs: number[] };
    const gaps = r.ts.slice(1).map((t, i) => t - r.ts[i]!);
    const sorted = [...gaps].sort((a, b) => a - b);
    console.log('frames', gaps.length, 'p50', sorted[Math.floor(gaps.length / 2)]!.toFixed(1), 'p90', sorted[Math.floor(gaps.length * 0.9)]!.toFixed(1), 'p95', sorted[Math.floor(gaps.length * 0.95)]!.toFixed(1), 'msgs', r.msgs.length);
    let longWith = 0, longWithout = 0, shortWith = 0, shortWithout = 0;
    for (let i = 1; i < r.ts.length; i++) {
      const a = r.ts[i - 1]!, b = r.ts[i]!;
      const n = r.msgs.filter((m) => m >= a && m < b).length;
      if (b - a > 20) { if (n > 0) longWith++; else longWithout++; } else { if (n > 0) shortWith++; else shortWithout++; }
    }
    console.log({ longWith, longWithout, shortWith, shortWithout });
  } finally {
    await browser.close();
    stopPreview(server);
  }
}
runScript('raf-gaps', main);
