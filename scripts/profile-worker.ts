// `npx tsx scripts/profile-worker.ts [query] [simMs]`: the page's simulation worker's
// logic (the Coordinator with every machine inside it, frames, view history, verdict
// feed) run in Node on a real clock as fast as it can, the page saying "drawn" every
// 16 ms. Prints sim time, wall and CPU. Under `node --cpu-prof --import tsx` it gives a
// profile of what the worker spends beside the simulation itself (bench:sim measures the
// simulation alone). Default: `?masters=3&workers=100&pods=1000`, 20 000 ms.

import { Coordinator } from '../src/host/coordinator';
import { InWorkerDriver } from '../src/host/in-worker-driver';
import { parseSetupQuery } from '../src/ui/url-setup';

const query = process.argv.find((a) => a.startsWith('?')) ?? '?masters=3&workers=100&pods=1000';
const stop = Number(process.argv.find((a) => /^\d+$/.test(a)) ?? 20_000);
const { setup, errors } = parseSetupQuery(query);
if (errors.length > 0) throw new Error(errors.join('; '));

let now = 0;
let frames = 0;
const c = new Coordinator({
  post: (f) => {
    now = f.now;
    frames++;
  },
  wallNow: () => performance.now(),
  setTimer: (fn, ms) => void setTimeout(fn, ms),
  createDriver: () => new InWorkerDriver(),
  scenarios: {},
});
const drawn = setInterval(() => c.handle({ type: 'frame-drawn' }), 16);
const t0 = performance.now();
const cpu0 = process.cpuUsage();
c.handle({ type: 'start', setup, speed: 0, playing: true });
await new Promise<void>((done) => {
  const poll = setInterval(() => {
    if (now < stop) return;
    clearInterval(poll);
    done();
  }, 50);
});
clearInterval(drawn);
const cpu = process.cpuUsage(cpu0);
console.log(`${query}: sim ${now} ms in ${(performance.now() - t0).toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU, ${frames} frames`);
process.exit(0);
