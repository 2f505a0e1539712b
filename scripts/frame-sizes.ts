// `npx tsx scripts/frame-sizes.ts [--dist DIR] [--query Q]` (after `npx vite build`): what the
// coordinator's frames carry at 1× with 3 masters, 30 workers and 300 pods, over 5 s of
// wall time from sim 3 s: frames, their JSON size (median, p90, total and per sim second),
// the views sent whole per machine kind, and per view-change path (numbers as N, list
// indexes as #) the bytes and count of changes. Sizes are counts, not timings: they hold
// on a loaded machine, though a page that draws fewer frames gets larger ones. Serves the
// build on PW_PORT (default 4208), or another with `--dist DIR` (an A/B in turn).
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium-args';
import { runScript, startPreview, stopPreview } from './preview-server';
const PORT = Number(process.env.PW_PORT ?? 4208);
runScript('frame-sizes', async () => {
  const dist = process.argv.indexOf('--dist');
  const server = await startPreview(PORT, false, dist >= 0 ? process.argv[dist + 1] : undefined);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS] });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.addInitScript(`(() => {
      window.__fs = { on: false, frames: 0, bytes: [], paths: {}, whole: {} };
      const Orig = Worker;
      window.Worker = class extends Orig {
        constructor(u, o) { super(u, o); this.addEventListener('message', (e) => {
          const s = window.__fs; if (!s.on || !e.data || !e.data.machines) return;
          s.frames++; s.bytes.push(JSON.stringify(e.data).length);
          for (const m of e.data.machines) {
            if (m.processes && !m.sameView) { const k = 'WHOLE ' + m.name.replace(/[0-9]+/g, 'N'); s.whole[k] = (s.whole[k] || 0) + JSON.stringify(m.processes).length; }
            for (const c of m.viewChanges || []) { const k = m.name.replace(/[0-9]+/g, 'N') + ' ' + c.path.map((p) => typeof p === 'number' ? '#' : String(p).replace(/[0-9]+/g, 'N')).join('.'); const v = s.paths[k] || (s.paths[k] = [0, 0]); v[0]++; v[1] += c.value === undefined ? 0 : JSON.stringify(c.value).length; }
          }
          const rest = { ...e.data, machines: undefined }; for (const k of Object.keys(rest)) { const v = rest[k]; if (v === undefined) continue; const kk = 'frame.' + k; const x = s.paths[kk] || (s.paths[kk] = [0, 0]); x[0]++; x[1] += JSON.stringify(v).length; }
        }); }
      };
    })()`);
    const q = process.argv.indexOf('--query');
    await page.goto(`http://127.0.0.1:${PORT}/?${q >= 0 ? process.argv[q + 1] : 'masters=3&workers=30&pods=300&speed=1'}`);
    await page.waitForFunction(() => (window.__lab?.state().now ?? 0) > 3000, null, { timeout: 300000 });
    const sim0 = (await page.evaluate('window.__lab.state().now')) as number;
    await page.evaluate('window.__fs.on = true');
    await page.waitForTimeout(5000);
    const sim1 = (await page.evaluate('window.__lab.state().now')) as number;
    console.log(`sim ${sim1 - sim0} ms`);
    const s = (await page.evaluate('window.__fs')) as { frames: number; bytes: number[]; whole: Record<string, number>; paths: Record<string, [number, number]> };
    const b = s.bytes.sort((x, y) => x - y);
    console.log(`frames ${s.frames}, bytes median ${b[b.length >> 1]}, p90 ${b[Math.floor(b.length * 0.9)]}, total ${b.reduce((x, y) => x + y, 0)}, per sim s ${Math.round(b.reduce((x, y) => x + y, 0) / ((sim1 - sim0) / 1000))}`);
    for (const [k, v] of Object.entries(s.whole).sort((x, y) => y[1] - x[1]).slice(0, 10)) console.log('  whole', v, k);
    for (const [k, v] of Object.entries(s.paths).sort((x, y) => y[1][1] - x[1][1]).slice(0, 40)) console.log(String(v[1]).padStart(8), String(v[0]).padStart(5), k);
  } finally { await browser.close(); stopPreview(server); }
});
