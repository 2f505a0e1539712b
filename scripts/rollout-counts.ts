// `npx tsx scripts/rollout-counts.ts [--root DIR] [--from 5] [--to 20] [--workers 100] [--replicas 1000]`:
// what bench:sim's third run (3 stacked masters, 100 workers, a 1 000-replica Deployment)
// sends between `--from` and `--to` seconds of cluster time, counted, not timed: packets
// by kind, Kubernetes requests by verb and resource and by agent, watch events by type
// and resource and by the watcher's host kind, and each count per pod Running at the
// end. `--root` counts another checkout's src (a baseline worktree) with this script.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { kubeScenarioText } from './bench-scenarios';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const root = resolve(opt('root', resolve(import.meta.dirname, '..')));
const from = Number(opt('from', '5')) * 1000;
const to = Number(opt('to', '20')) * 1000;
const workers = Number(opt('workers', '100'));
const replicas = Number(opt('replicas', '1000'));

type Counts = Map<string, number>;
const bump = (m: Counts, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
const hostKind = (host: string) => host.replace(/-\d+$/, '');

interface AnyPacket { kind: string; src: { host: string }; dst: { host: string }; body: Record<string, unknown> }

async function main(): Promise<void> {
  const load = (path: string) => import(pathToFileURL(`${root}/src/${path}`).href);
  const { parseScenario, simulationInit } = await load('cluster/scenario.ts');
  const { InProcessCluster } = await load('host/in-process.ts');
  const cluster = new InProcessCluster(simulationInit(parseScenario(kubeScenarioText(workers, replicas, Math.ceil(to / 1000)))));
  const packets: Counts = new Map();
  const requests: Counts = new Map();
  const agents: Counts = new Map();
  const watchEvents: Counts = new Map();
  const watchers: Counts = new Map();
  let counting = false;
  // Counted where the coordinator commits a window: every packet a machine sent.
  const sim = cluster.sim as { commitWindow: (plan: unknown, outputs: Map<string, { packets: AnyPacket[] }>) => void };
  const commit = sim.commitWindow.bind(sim);
  sim.commitWindow = (plan, outputs) => {
    if (counting) {
      for (const out of outputs.values()) {
        for (const p of out.packets) {
          bump(packets, p.src.host === p.dst.host ? `${p.kind} (loopback)` : p.kind);
          if (p.kind === 'kube.request' && p.src.host !== 'lb') {
            const b = p.body as { verb: string; resource?: string; agent?: string };
            bump(requests, `${b.verb} ${b.resource ?? ''}`);
            bump(agents, `${(b.agent ?? '?').replace(/\/.*$/, '')} ${b.verb} ${b.resource ?? ''}`);
          }
          if (p.kind === 'kube.watch' && p.src.host !== 'lb') {
            const b = p.body as { type: string; object?: { kind?: string } };
            bump(watchEvents, `${b.type} ${b.object?.kind ?? ''}`);
            bump(watchers, `${hostKind(p.dst.host)} ${b.object?.kind ?? ''}`);
          }
        }
      }
    }
    commit(plan, outputs);
  };
  cluster.runUntil(from);
  counting = true;
  cluster.runUntil(to);
  const running = (cluster.sim.trace as { type: string; phase?: string }[]).filter((e) => e.type === 'pod.phase' && e.phase === 'Running').length;
  console.log(`${root}: ${from / 1000}–${to / 1000} s; pods Running (trace, whole run): ${running}`);
  const show = (title: string, m: Counts) => {
    console.log(`\n${title}`);
    for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, 30)) console.log(`${String(v).padStart(8)} ${(v / replicas).toFixed(2).padStart(7)}/pod  ${k}`);
  };
  show('packets by kind', packets);
  show('kube requests by verb and resource (client side, not the lb hop)', requests);
  show('kube requests by agent', agents);
  show('watch events by type and kind (apiserver side)', watchEvents);
  show('watch events by receiving host kind and object kind', watchers);
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
