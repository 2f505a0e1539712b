// `npm run soak -- [--minutes 60] [--port 4205] [--chaos on|off] [--url '/?masters=3&workers=2']`:
// the page at full speed (with the chaos switch on unless `--chaos off`), in Debian's
// Chromium, for N minutes of wall time, printing memory once a minute. It builds into
// its own folder (dist-soak-<port>), so a build meanwhile does not pull the files from
// under the page. Outside `npm test` on purpose (it takes the
// whole machine for an hour). Memory is the resident set of every Chromium process of
// the run (page, coordinator, machine and verdict workers), plus the page's JS heap;
// the goal is flat: the last minute within 20 % of the first minute after warm-up.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';
import { flag } from './args';
import { CHROMIUM_ARGS } from './chromium-args';


const minutes = Number(flag('--minutes') ?? '60');
const port = Number(flag('--port') ?? '4205');
const path = flag('--url') ?? '/?masters=3&workers=2&speed=0';
const chaos = flag('--chaos') ?? 'on';
if (chaos !== 'on' && chaos !== 'off') throw new Error(`--chaos: expected on or off, got ${chaos}`);
const outDir = `dist-soak-${port}`;
if (!Number.isFinite(minutes) || minutes <= 0) throw new Error(`--minutes: expected a positive number, got ${flag('--minutes') ?? ''}`);

/** Resident set (MB) of every process below `root`, from /proc. */
function treeRssMb(root: number): number {
  const children = new Map<number, number[]>();
  const rss = new Map<number, number>();
  const ps = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,rss='], { encoding: 'utf8' });
  for (const line of ps.trim().split('\n')) {
    const [pid, ppid, kb] = line.trim().split(/\s+/).map(Number) as [number, number, number];
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    rss.set(pid, kb);
  }
  let total = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length > 0) {
    const pid = stack.pop()!;
    let cmd: string;
    try {
      cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue; // exited since ps ran (the ps itself, for one)
    }
    if (!cmd.includes('chrom')) {
      stack.push(...(children.get(pid) ?? []));
      continue;
    }
    total += rss.get(pid) ?? 0;
    stack.push(...(children.get(pid) ?? []));
  }
  return Math.round(total / 1024);
}

async function main(): Promise<void> {
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit' });
  const server = spawn('npx', ['vite', 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir], { stdio: 'ignore', detached: true });
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  try {
    await new Promise((r) => setTimeout(r, 3000));
    const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--enable-precise-memory-info'] });
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(`http://127.0.0.1:${port}${path}`);
    await page.waitForFunction(() => (window.__lab?.state().frameCount ?? 0) > 5, undefined, { timeout: 60_000 });
    if (chaos === 'on') await page.evaluate(() => window.__lab!.send({ type: 'chaos', on: true }));
    console.log(`${new Date().toISOString()}  ${path}, chaos ${chaos}, ${minutes} min`);
    console.log('minute  sim time   RSS (MB)  page JS heap (MB)  etcd keys / revision  verdict');
    const rows: { rss: number; heap: number }[] = [];
    for (let m = 1; m <= minutes; m++) {
      await page.waitForTimeout(60_000);
      const { metrics } = (await cdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      const heap = Math.round((metrics.find((x) => x.name === 'JSHeapUsedSize')?.value ?? 0) / 2 ** 20);
      const rss = treeRssMb(process.pid);
      const s = await page.evaluate(() => {
        const st = window.__lab!.state();
        // What the keyspace holds, from the etcd members' views: keys now and the revision.
        let keys = 0;
        let rev = 0;
        for (const m of Object.values(st.machines)) {
          const e = m.processes?.etcd as { keys?: number; revision?: number } | undefined;
          keys = Math.max(keys, e?.keys ?? 0);
          rev = Math.max(rev, e?.revision ?? 0);
        }
        return { now: st.now, keys, rev, ok: st.verdict?.ok, ops: st.verdict?.opsChecked ?? 0, error: st.notices.filter((n) => n.kind === 'error').map((n) => n.text).join(' | ') };
      });
      rows.push({ rss, heap });
      console.log(`${String(m).padStart(6)}  ${(s.now / 1000).toFixed(0).padStart(7)} s  ${String(rss).padStart(8)}  ${String(heap).padStart(17)}  ${`${s.keys} / ${s.rev}`.padStart(20)}  ${s.ok === undefined ? 'none yet' : s.ok ? `ok (${s.ops} ops)` : 'FAIL'}${s.error ? `  notices: ${s.error.slice(0, 200)}` : ''}`);
    }
    const base = rows[Math.min(1, rows.length - 1)]!; // after a minute of warm-up
    const last = rows.at(-1)!;
    const peak = Math.max(...rows.map((r) => r.rss));
    console.log(`RSS ${base.rss} → ${last.rss} MB (${(((last.rss - base.rss) / base.rss) * 100).toFixed(1)} %), peak ${peak} MB, page heap ${base.heap} → ${last.heap} MB; ${new Date().toISOString()}`);
    await browser.close();
  } finally {
    stop();
  }
}

void main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
