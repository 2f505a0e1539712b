// A run is a recording (issue 11): what the page did, exported as a scenario file, gives
// the live run's trace again, byte for byte, run headless (`npm run sim`) and opened on
// the page (replayed to the moment of the export, then paused).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../cluster/scenario';
import { DEFAULT_DEPLOYMENT, DEFAULT_SETUP, DEFAULT_WORKER_LABELS } from '../protocol/cluster-setup';
import type { ClusterSetup, CommandResult, UiCommand } from '../protocol/commands';
import type { Frame } from '../protocol/frames';
import { Coordinator } from './coordinator';
import { runScenario } from './in-process';
import { InWorkerDriver } from './in-worker-driver';
import { FakeClock } from './testing/fake-clock';

const scenario = (name: string) => readFileSync(new URL(`../../scenarios/${name}.yaml`, import.meta.url), 'utf8');
const SCENARIOS = { 'kill-etcd-leader': scenario('kill-etcd-leader'), 'ha-kill-master': scenario('ha-kill-master') };

/** The page's coordinator (machines inside it, as the page's default) on a fake wall clock. */
function page() {
  const clock = new FakeClock();
  const frames: Frame[] = [];
  const coordinator = new Coordinator({
    post: (f) => frames.push(f),
    wallNow: () => clock.wall,
    setTimer: clock.setTimer,
    createDriver: () => new InWorkerDriver(),
    scenarios: SCENARIOS,
  });
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  const tick = async () => {
    clock.advance(1);
    await settle();
  };
  let nextId = 100;
  const h = {
    frames,
    now: () => frames.at(-1)?.now ?? 0,
    send: async (cmd: UiCommand) => {
      coordinator.handle(cmd);
      await settle();
    },
    /** Lets wall time pass until the sim clock reaches `simMs` (or the run pauses). */
    runTo: async (simMs: number) => {
      for (let i = 0; i < 50_000 && h.now() < simMs; i++) await tick();
    },
    runUntil: async (done: () => boolean) => {
      for (let i = 0; i < 50_000 && !done(); i++) await tick();
    },
    ask: async (cmd: { type: 'trace' | 'export' }): Promise<CommandResult> => {
      const id = nextId++;
      await h.send({ ...cmd, id });
      for (let i = 0; i < 100; i++) {
        const r = frames.flatMap((f) => f.replies).find((x) => x.id === id);
        if (r) return r.result;
        await tick();
      }
      throw new Error(`no answer to ${cmd.type}`);
    },
    text: async (cmd: { type: 'trace' | 'export' }): Promise<string> => {
      const r = await h.ask(cmd);
      if (!r.ok) throw new Error(r.error);
      return r.output;
    },
  };
  return h;
}

/** The page's own default cluster, as src/ui/lab.ts starts it. */
const PAGE_SETUP: ClusterSetup = { ...DEFAULT_SETUP, masters: 3, etcdMembers: 3, seed: 11, workerLabels: DEFAULT_WORKER_LABELS, manifests: [DEFAULT_DEPLOYMENT] };

const FORM_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  replicas: 2
  selector:
    matchLabels: { app: api }
  template:
    metadata:
      labels: { app: api }
    spec:
      containers:
        - name: api
          image: nginx:1.27
`;

/** Exports, checks the file replays headless and on the page to the same trace. */
async function expectReplays(h: ReturnType<typeof page>): Promise<string> {
  await h.send({ type: 'pause' });
  const live = await h.text({ type: 'trace' });
  const file = await h.text({ type: 'export' });
  const T = h.now();
  expect(file).toMatch(/^format: 1$/m);
  const parsed = parseScenario(file);
  expect(parsed.until).toBe(T);
  const headless = runScenario(parsed);
  expect(headless.traceText.length).toBeGreaterThan(1000);
  expect(headless.traceText).toBe(live);

  // Opened on the page: replayed as fast as possible to T, paused there, same trace.
  const again = page();
  await again.send({ type: 'start', setup: PAGE_SETUP, scenario: file, speed: 1, playing: true });
  await again.runUntil(() => again.frames.some((f) => f.notes?.some((n) => n.startsWith('replayed the recording'))));
  const last = again.frames.at(-1)!;
  expect(last.playing).toBe(false);
  expect(last.now).toBe(T);
  expect(await again.text({ type: 'trace' })).toBe(live);
  // …and exporting the replayed run gives the same file.
  expect(await again.text({ type: 'export' })).toBe(file);
  return file;
}

describe('a run is a recording', () => {
  it('the page default cluster with every kind of UI action, paced at 25×: the exported file replays byte for byte', async () => {
    const h = page();
    await h.send({ type: 'start', setup: PAGE_SETUP, speed: 25, playing: true });
    await h.runTo(9_000);
    await h.send({ type: 'kill', machine: 'master-1' });
    await h.send({ type: 'console', id: 1, line: 'kubectl scale deployment web --replicas=5' });
    await h.runTo(10_500);
    // The Workloads form: a command and its manifest, split off already.
    await h.send({ type: 'console', id: 2, line: 'kubectl apply -f -', stdin: FORM_MANIFEST });
    await h.send({ type: 'kv', id: 3, f: 'put', key: 'greeting', value: 'hello' });
    await h.runTo(12_000);
    await h.send({ type: 'console', id: 4, line: 'kubectl cordon worker-1' });
    await h.send({ type: 'isolate', machine: 'worker-2' });
    await h.send({ type: 'console', id: 5, line: 'etcdctl member list -w table' });
    await h.runTo(13_000);
    await h.send({ type: 'chaos', on: true });
    await h.runTo(17_000);
    await h.send({ type: 'chaos', on: false });
    await h.send({ type: 'heal', machine: 'worker-2' });
    await h.send({ type: 'restart', machine: 'master-1' });
    await h.send({ type: 'kv', id: 6, f: 'get', key: 'greeting', endpoint: 'master-2' });
    await h.runTo(19_000);
    // A heredoc typed in the console (the shell splits it).
    await h.send({ type: 'console', id: 7, line: 'kubectl delete deployment api' });
    await h.send({ type: 'heal' });
    await h.runTo(20_000);
    const file = await expectReplays(h);
    expect(file).toMatch(/- \{ at: \d+(\.\d+)?s, kill: master-1 \}/);
    expect(file).toContain('chaos: on');
    expect(file).toMatch(/- at: [\d.]+s\n {4}kubectl: apply -f -\n {4}stdin: \|\n {6}apiVersion: apps\/v1\n/);
    expect(file).toContain('kubectl: cordon worker-1');
    expect(file).toContain('etcdctl: member list -w table');
    expect(file).toContain('kv: { f: put, key: greeting, value: hello }');
  }, 120_000);

  it('a cloud run (cloud: sim, the dashboard) with a terminated instance: the exported file replays byte for byte', async () => {
    const h = page();
    await h.send({ type: 'start', setup: { ...PAGE_SETUP, cloud: 'sim', dashboard: true }, speed: 25, playing: true });
    await h.runTo(8_000);
    await h.send({ type: 'terminate', machine: 'worker-2' });
    await h.send({ type: 'console', id: 1, line: 'kubectl get nodes' });
    await h.runTo(12_000);
    const file = await expectReplays(h);
    expect(file).toMatch(/^topology: \{.*cloud: sim, dashboard: true \}$/m);
    expect(file).toMatch(/- \{ at: [\d.]+s, terminate: worker-2 \}/);
  }, 120_000);

  it.each(['kill-etcd-leader', 'ha-kill-master'])('built-in scenario %s with user actions, as fast as possible: the exported file replays byte for byte', async (name) => {
    const h = page();
    await h.send({ type: 'start', setup: PAGE_SETUP, scenario: name, seed: 9, speed: 0, playing: true });
    await h.runTo(6_000);
    await h.send({ type: 'console', id: 1, line: 'etcdctl endpoint status -w table' });
    await h.send({ type: 'isolate', machine: 'master-2' });
    await h.runTo(11_000);
    await h.send({ type: 'heal' });
    await h.send({ type: 'console', id: 2, line: name === 'ha-kill-master' ? 'kubectl get pods -o wide' : 'etcdctl put x 1' });
    await h.runTo(14_000);
    const file = await expectReplays(h);
    expect(file).toMatch(/^seed: 9$/m);
    expect(file).toMatch(/^liveUntil: \d+s$/m);
  }, 120_000);
});

describe('recording files', () => {
  it('a file in a newer format is refused, naming both versions', () => {
    expect(() => parseScenario('format: 2\nuntil: 10s\n')).toThrow(/format: this file was written in recording format 2, by a newer kube-raft-lab; this one reads format 1 and older/);
  });

  it('names a bad action by its index and field', () => {
    const bad = (actions: string) => {
      try {
        parseScenario(`format: 1\nuntil: 20s\ntopology: { workers: 1 }\nactions:\n${actions}`);
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError);
        return (e as Error).message;
      }
      throw new Error('expected a refusal');
    };
    expect(bad('  - { at: 5s, kill: master-9 }\n')).toMatch(/^actions\[0\]\.kill: no machine named "master-9"/);
    expect(bad('  - { at: 5s, kill: master-1 }\n  - { at: 4s, restart: master-1 }\n')).toMatch(/^actions\[1\]\.at: expected a time at or after/);
    expect(bad('  - { at: 25s, kill: master-1 }\n')).toMatch(/^actions\[0\]\.at: expected a time up to until/);
    expect(bad('  - { at: 5s, kv: { f: put } }\n')).toMatch(/^actions\[0\]\.kv\.key: expected a string/);
    expect(bad('  - { from: 1s, to: 5s, chaos: { crash: true } }\n')).toMatch(/^actions\[0\]: a chaos block/);
    expect(bad('  - { at: 5s, kill: master-1, stdin: "x" }\n')).toMatch(/^actions\[0\]\.stdin: stdin goes with kubectl or console/);
    expect(() => parseScenario('until: 20s\nfaults:\n  - { at: 5s, console: "kubectl get pods" }\n')).toThrow(/^faults\[0\]\.console: unknown field/);
  });
});

describe('a bad file brought to the page', () => {
  it('runs the default cluster and says once what is wrong, with the line', async () => {
    const h = page();
    const bad = 'until: 20s\ntopology: { masters: 3 }\nactions:\n  - { at: 5s, kill: master-1 }\n  - { at: 6s, restart: master-7 }\n';
    // A finite speed: on a fake clock, wall time does not pass inside a turn, so an
    // open-ended run "as fast as possible" would never yield once booted.
    await h.send({ type: 'start', setup: PAGE_SETUP, scenario: bad, speed: 25, playing: true, fallbackToSetup: 'The imported file "x.yaml"' });
    await h.runTo(3_000);
    const errors = h.frames.flatMap((f) => (f.error ? [f.error] : []));
    expect(errors).toEqual(['The imported file "x.yaml": actions[1].restart: no machine named "master-7" in this topology; expected one of master-1, master-2, master-3, lb, client, etcd-leader, scheduler-leader, controller-manager-leader, down (line 5) — running the default cluster instead.']);
    // The default cluster: the page's set-up, running.
    expect(h.frames.at(-1)!.machines.map((m) => m.name)).toContain('worker-2');
    expect(h.now()).toBeGreaterThanOrEqual(3_000);
  });

  it('a bare word is a file, not a built-in scenario name', async () => {
    const h = page();
    // A finite speed, as above: "as fast as possible" yields on a fake clock only at the
    // boot's frames, and the first leader now comes before 1 s of sim time.
    await h.send({ type: 'start', setup: PAGE_SETUP, scenario: 'kill-etcd-leader', speed: 25, playing: true, fallbackToSetup: 'The shared link' });
    await h.runTo(1_000);
    expect(h.frames.find((f) => f.error)?.error).toMatch(/^The shared link: \(top level\): expected a mapping, got "kill-etcd-leader"/);
  });
});
