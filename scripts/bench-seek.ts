// `npm run bench:seek [simSeconds]`: time travel (issue 11) on a 10-minute HA run
// (3 stacked masters, 3 workers, a Deployment of 6 pods) with 20 user actions (kills
// and restarts, kubectl scale / cordon / uncordon, etcdctl, isolate / heal, chaos).
// 1. Seeking to 20 random moments: each a rebuild by re-execution from the run's log
//    (src/host/seek.ts), min / median / max, wall and CPU. Goal: any moment within 1 s.
// 2. Scrubbing: from a moment, 20 positions 1 s apart forward (the live simulation runs
//    on) and the views a frame needs. Goal: within 100 ms per position.
// Also the memory the time travel keeps (the run log and the markers).
import { performance } from 'node:perf_hooks';
import { cpus } from 'node:os';
import { parseScenario, simulationInit } from '../src/cluster/scenario';
import { Simulation } from '../src/coordinator/simulation';
import { InProcessDriver } from '../src/host/in-process';
import { RunLog, type LoggedAction } from '../src/host/run-log';
import { rebuildAt, runTo, TimeTravel } from '../src/host/seek';
import { dispatchConsole } from '../src/shell/dispatch';
import { Rng } from '../src/sim/rng';

const simSeconds = Number(process.argv[2] ?? 600);
const END = simSeconds * 1000;
const init = simulationInit(
  parseScenario(`
name: bench-seek
seed: 1
until: ${simSeconds + 60}s
topology: { etcd: stacked, masters: 3, workers: 3 }
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
  return `min ${s[0]!.toFixed(0)} / median ${s[Math.floor(s.length / 2)]!.toFixed(0)} / max ${s.at(-1)!.toFixed(0)} ms`;
};

// The live run, as the page records it.
const live = timed(() => {
  const sim = new Simulation(init);
  const driver = new InProcessDriver();
  const travel = new TimeTravel(new RunLog(init));
  for (const [s, action] of script.filter(([s]) => s * 1000 < END)) {
    runTo(sim, driver, [], 0, s * 1000, travel.onWindow);
    travel.perform(sim, action);
  }
  runTo(sim, driver, [], 0, END, travel.onWindow);
  return { sim, travel };
});
const { travel } = live.value;
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}; node ${process.version}`);
console.log(`live run: ${simSeconds} s of sim time in ${live.wallMs.toFixed(0)} ms wall, ${live.cpuMs.toFixed(0)} ms CPU (${Math.round(END / live.cpuMs)}× per CPU second); ${live.value.sim.trace.length} trace events, ${travel.markers.list.length} markers, ${travel.log.size} actions`);

// 1. Seeks to random moments (a fixed seed: the same moments every run).
const rng = new Rng(11);
const seeks = Array.from({ length: 20 }, () => rng.int(0, END - 1));
const wall: number[] = [];
const cpu: number[] = [];
for (const t of seeks) {
  const r = timed(() => rebuildAt(travel.log, t));
  wall.push(r.wallMs);
  cpu.push(r.cpuMs);
}
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
const backPer = wall.map((w) => w); // a step back is a rebuild
console.log(`scrub forward, 1 s per position (run on + views): ${stats(per)}; goal ≤ 100 ms: ${Math.max(...per) <= 100 ? 'met' : 'NOT met'}`);
console.log(`scrub back: each position is a rebuild (above: median ${[...backPer].sort((a, b) => a - b)[10]!.toFixed(0)} ms)`);

const logBytes = JSON.stringify(travel.log.actions).length;
const markerBytes = JSON.stringify(travel.markers.list).length;
console.log(`kept for time travel: the run log ${logBytes} bytes as JSON, the markers ${markerBytes} bytes as JSON`);
