// `npm run bench:seek [simSeconds]`: time travel (issue 11) on a 10-minute HA run
// (3 stacked masters, 3 workers, a Deployment of 6 pods) with 20 user actions (kills
// and restarts, kubectl scale / cordon / uncordon, etcdctl, isolate / heal, chaos).
// 1. Seeking to 20 random moments: each a rebuild by re-execution from the run's log
//    (src/host/seek.ts), min / median / max, wall and CPU. Goal: any moment within 1 s.
// 2. Scrubbing: from a moment, 20 positions 1 s apart forward (the live simulation runs
//    on) and the views a frame needs. Goal: within 100 ms per position.
// 3. Scrubbing back: each position is shown from the view history (view-history.ts) at
//    once (find the moment, build the frame the page gets), while the exact cluster is
//    rebuilt behind it. Goal: within 100 ms per position.
// Also the memory the time travel keeps (the run log, the markers, the view history)
// and what taking the history's moments costs the live run.
// `npm run bench:seek -- 600 --workers 30` runs the same with 30 workers.
import { performance } from 'node:perf_hooks';
import { cpus } from 'node:os';
import { parseScenario, simulationInit } from '../src/cluster/scenario';
import { Simulation } from '../src/coordinator/simulation';
import { InProcessDriver } from '../src/host/in-process';
import { RunLog, type LoggedAction } from '../src/host/run-log';
import { rebuildAt, runTo, TimeTravel } from '../src/host/seek';
import { SeekControl } from '../src/host/seek-control';
import { FAST_GRAIN_MS, GRAIN_MS } from '../src/host/view-history';
import { ViewDiff } from '../src/coordinator/view-diff';
import { MAX_SEEK_EVENTS } from '../src/protocol/frames';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = (): number => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1e6;
};
import { dispatchConsole } from '../src/shell/dispatch';
import { Rng } from '../src/sim/rng';
import { args, flag } from './args';

const simSeconds = Number(args.find((a, i) => /^\d+$/.test(a) && args[i - 1]?.startsWith('--') !== true) ?? 600);
const workers = Number(flag('--workers') ?? 3);
const END = simSeconds * 1000;
const init = simulationInit(
  parseScenario(`
name: bench-seek
seed: 1
until: ${simSeconds + 60}s
topology: { etcd: stacked, masters: 3, workers: ${workers} }
network: { latency: 2ms..10ms }
manifests:
  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: web }, spec: { replicas: 6, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: nginx, image: "nginx:1.27" } ] } } } }
`),
);

let id = 1;
const line = (l: string): LoggedAction => ({ kind: 'console', line: l, id: id++, route: dispatchConsole(l) });
const fault = (kind: 'kill' | 'restart' | 'isolate' | 'heal', target: string): LoggedAction => ({ kind: 'apply', fault: { kind, target }, via: 'ui' });
// 20 actions spread over the run, as a teacher's demo would have them.
const script: [number, LoggedAction][] = [
  [40, line('kubectl get pods -o wide')],
  [60, fault('kill', 'master-1')],
  [90, fault('restart', 'master-1')],
  [120, line('kubectl scale deployment web --replicas=9')],
  [150, line('kubectl cordon worker-2')],
  [170, fault('kill', 'worker-3')],
  [230, fault('restart', 'worker-3')],
  [250, line('kubectl uncordon worker-2')],
  [270, line('etcdctl put demo one')],
  [290, fault('isolate', 'master-2')],
  [320, fault('heal', 'master-2')],
  [340, { kind: 'chaos', on: true }],
  [370, { kind: 'chaos', on: false }],
  [400, line('kubectl scale deployment web --replicas=4')],
  [420, fault('kill', 'master-3')],
  [450, fault('restart', 'master-3')],
  [480, line('etcdctl member list -w table')],
  [500, fault('kill', 'worker-1')],
  [540, fault('restart', 'worker-1')],
  [570, line('kubectl get nodes')],
];

function timed<T>(fn: () => T): { value: T; wallMs: number; cpuMs: number } {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  const value = fn();
  const wallMs = performance.now() - w0;
  const c = process.cpuUsage(c0);
  return { value, wallMs, cpuMs: (c.user + c.system) / 1000 };
}

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const f = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
  return `min ${f(s[0]!)} / median ${f(s[Math.floor(s.length / 2)]!)} / max ${f(s.at(-1)!)} ms`;
};

/** The live run, as the page records it; with the view history's moments taken before
 * each window as the coordinator takes them (`history`), or without. */
function liveRun(history: boolean, grainMs = GRAIN_MS) {
  const sim = new Simulation(init);
  const driver = new InProcessDriver();
  const travel = new TimeTravel(new RunLog(init));
  const ctl = new SeekControl(travel);
  ctl.history.grainMs = grainMs;
  const until = (t: number): void => {
    for (let w = sim.nextWindow(); w && w.end <= t; w = sim.nextWindow()) {
      if (history) ctl.capture(sim, 0, () => driver.views(sim.upMachines()));
      const plan = sim.planWindow()!;
      sim.commitWindow(plan, driver.runWindow(plan));
      travel.onWindow(sim);
    }
    sim.idleUntil(t);
  };
  for (const [s, action] of script.filter(([s]) => s * 1000 < END)) {
    until(s * 1000);
    travel.perform(sim, action);
    ctl.acted(sim, 0);
  }
  until(END);
  if (history) ctl.capture(sim, 0, () => driver.views(sim.upMachines()));
  return { sim, travel, ctl };
}
const heap0 = heapMb();
const bare = timed(() => liveRun(false));
bare.value.sim.trace.length = 0; // let it go
const fast = timed(() => liveRun(true, FAST_GRAIN_MS));
const fastMoments = fast.value.ctl.history.size;
fast.value.sim.trace.length = 0;
fast.value = undefined as never;
const live = timed(() => liveRun(true));
const { travel, ctl } = live.value;
live.value.sim.trace.length = 0; // the history keeps its own references to the events
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; node ${process.version}`);
const hs = ctl.history.stats();
console.log(`live run (${workers} workers): ${simSeconds} s of sim time in ${live.wallMs.toFixed(0)} ms wall, ${live.cpuMs.toFixed(0)} ms CPU (${Math.round(END / live.cpuMs)}× per CPU second); ${hs.events} trace events, ${travel.markers.list.length} markers, ${travel.log.size} actions`);
console.log(`  the same without taking the history's moments: ${bare.cpuMs.toFixed(0)} ms CPU: a moment every ${GRAIN_MS} ms (paced) costs ${(((live.cpuMs - bare.cpuMs) / bare.cpuMs) * 100).toFixed(0)}%, every ${FAST_GRAIN_MS} ms (as fast as possible; ${fastMoments} moments) ${(((fast.cpuMs - bare.cpuMs) / bare.cpuMs) * 100).toFixed(0)}%`);
console.log(`view history: ${hs.moments} moments (${hs.thinned} thinned), ${hs.events} events referenced (heap: at the end)`);

const quick = args.includes('--history-only');
// 1. Seeks to random moments (a fixed seed: the same moments every run).
const rng = new Rng(11);
const seeks = Array.from({ length: 20 }, () => rng.int(0, END - 1));
const wall: number[] = [];
const cpu: number[] = [];
for (const t of quick ? [] : seeks) {
  const r = timed(() => rebuildAt(travel.log, t));
  wall.push(r.wallMs);
  cpu.push(r.cpuMs);
}
if (!quick) {
  const within = wall.filter((w) => w <= 1000).length;
  console.log(`seek (rebuild by re-execution) to 20 random moments: wall ${stats(wall)}; CPU ${stats(cpu)}`);
  console.log(`  ${within} of 20 within 1 s; goal: every moment within 1 s: ${within === 20 ? 'met' : 'NOT met'}`);

  // 2. Scrubbing forward from a moment: the simulation runs on, then a frame's views.
  const from = rebuildAt(travel.log, Math.floor(END / 2));
  let next = from.next;
  const per: number[] = [];
  for (let i = 1; i <= 20; i++) {
    const r = timed(() => {
      next = runTo(from.sim, from.driver, travel.log.actions, next, Math.floor(END / 2) + i * 1000);
      return from.driver.views(from.sim.upMachines());
    });
    per.push(r.wallMs);
  }
  console.log(`scrub forward, 1 s per position (run on + views): ${stats(per)}; goal ≤ 100 ms: ${Math.max(...per) <= 100 ? 'met' : 'NOT met'}`);
}

// 3. Scrubbing back: from the end to the start, 1 s per position, and 200 random
//    positions; each shown from the view history: the moment found and the frame's
//    parts the page gets (views marked against the last ones posted, events, verdict).
const diff = new ViewDiff();
const show = (t: number) => {
  const found = ctl.history.find(t)!;
  const m = found.moment;
  return { exact: found.exact, machines: diff.mark(m.machines), events: ctl.history.eventsBefore(m.position, MAX_SEEK_EVENTS), verdict: ctl.history.verdictAt(t), packets: m.packets };
};
const back: number[] = [];
let exact = 0;
const positions = [...Array.from({ length: Math.floor(END / 1000) }, (_, i) => END - 1000 * (i + 1)), ...Array.from({ length: 200 }, () => rng.int(0, END - 1))];
for (const t of positions) {
  const r = timed(() => show(t));
  back.push(r.wallMs);
  if (r.value.exact) exact++;
}
console.log(`scrub back from the view history, ${positions.length} positions (1 s apart from the end, then random): ${stats(back)}; ${exact} of ${positions.length} exact, the rest the moment up to ${GRAIN_MS} ms earlier; goal ≤ 100 ms: ${Math.max(...back) <= 100 ? 'met' : 'NOT met'}`);
console.log(`  then the exact cluster lands by re-execution behind it (the seek figures above), 16 ms slices between commands`);

const logBytes = JSON.stringify(travel.log.actions).length;
const markerBytes = JSON.stringify(travel.markers.list).length;
console.log(`kept for time travel: the run log ${logBytes} bytes as JSON, the markers ${markerBytes} bytes as JSON`);

// The view history's heap: measured by dropping it (the events it references are the
// run's own, whose simulation has dropped its copy: they count here).
const withHistory = heapMb();
(ctl as unknown as { history: unknown }).history = undefined;
const without = heapMb();
console.log(`view history heap: ${(withHistory - without).toFixed(1)} MB (${hs.moments} moments, ${hs.events} events); heap at the start ${heap0.toFixed(0)} MB`);
