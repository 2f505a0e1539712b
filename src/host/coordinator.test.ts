import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../cluster/scenario';
import { DEFAULT_SETUP as PAGE_DEFAULT } from '../cluster/setup';

/** Three etcd members and nothing else: what these pacing tests count on. */
const DEFAULT_SETUP = { ...PAGE_DEFAULT, masters: 3, etcdMembers: 3, workers: 0, kubernetes: false };
import type { AsyncMachineDriver } from '../coordinator/window';
import type { UiCommand } from '../protocol/commands';
import { MAX_FRAME_EVENTS, type Frame } from '../protocol/frames';
import { Rng } from '../sim/rng';
import { Coordinator } from './coordinator';
import { FakeWorker } from './fake-worker';
import { runScenario } from './in-process';
import { fullFrames } from './testing/full-frames';
import { InWorkerDriver } from './in-worker-driver';
import { WorkerDriver } from './worker-driver';

const scenarioText = readFileSync(join(__dirname, '../../scenarios/kill-etcd-leader.yaml'), 'utf8').replace('until: 40s', 'until: 12s');

/** A machine's views as the UI holds them: the frames applied in order (a frame leaves
 * out views that did not change, `sameView`, and carries changed ones as `viewChanges`). */
function viewsOf(frames: readonly Frame[], machine: string): Readonly<Record<string, unknown>> | undefined {
  const full = fullFrames();
  let last: Frame['machines'][number] | undefined;
  for (const f of frames) last = full(f).machines.find((x) => x.name === machine);
  return last?.status === 'up' ? last.processes : undefined;
}

/** A coordinator on a fake wall clock and fake timers, with fake machine workers (or,
 * `shared`, every machine inside the coordinator as the page's default). */
function harness(isolation: 'worker' | 'shared' = 'worker') {
  let wall = 0;
  let timers: { at: number; fn: () => void }[] = [];
  const frames: Frame[] = [];
  const jitter = new Rng(5);
  let n = 0;
  const coordinator = new Coordinator({
    post: (f) => frames.push(f),
    wallNow: () => wall,
    setTimer: (fn, ms) => void timers.push({ at: wall + ms, fn }),
    createDriver: (): AsyncMachineDriver => (isolation === 'shared' ? new InWorkerDriver() : new WorkerDriver(() => new FakeWorker(jitter.fork(String(++n))))),
    scenarios: { 'kill-etcd-leader-12s': scenarioText },
  });
  const settle = async () => {
    for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    frames,
    send: async (cmd: UiCommand) => {
      coordinator.handle(cmd);
      await settle();
    },
    /** Moves the wall clock, firing due timers, in steps of `stepMs`. */
    advance: async (ms: number, stepMs = 4) => {
      for (let end = wall + ms; wall < end; ) {
        wall = Math.min(end, wall + stepMs);
        const due = timers.filter((t) => t.at <= wall);
        timers = timers.filter((t) => t.at > wall);
        for (const t of due) t.fn();
        await settle();
      }
    },
    /** Lets the fast-as-possible loop run: the wall clock creeps so budgets expire. */
    runFree: async (until: () => boolean) => {
      for (let i = 0; i < 20_000 && !until(); i++) {
        wall += 1;
        const due = timers.filter((t) => t.at <= wall);
        timers = timers.filter((t) => t.at > wall);
        for (const t of due) t.fn();
        await settle();
      }
    },
  };
}

describe('Coordinator (the coordinator worker, with fake workers and a fake clock)', () => {
  it.each(['worker', 'shared'] as const)('a scenario run in the browser host (isolation %s) gives exactly the headless trace', async (isolation) => {
    const h = harness(isolation);
    await h.send({ type: 'start', setup: DEFAULT_SETUP, scenario: 'kill-etcd-leader-12s', speed: 0, playing: true, isolation });
    await h.runFree(() => h.frames.some((f) => f.finished));
    const last = h.frames.at(-1)!;
    expect(last.finished).toBe(true);
    expect(last.playing).toBe(false);
    await h.send({ type: 'trace', id: 7 });
    await h.advance(40);
    const reply = h.frames.flatMap((f) => f.replies).find((r) => r.id === 7)!;
    expect(reply.result.ok).toBe(true);
    const headless = runScenario(parseScenario(scenarioText)).traceText;
    expect(reply.result.ok && reply.result.output).toBe(headless);
    // The frames' event streams account for the whole trace: each carries the newest
    // events since the previous frame and counts the ones it folded (at most
    // MAX_FRAME_EVENTS each; this run at max speed folds some).
    const lines = headless.trim().split('\n');
    expect(h.frames.reduce((n, f) => n + f.events.length + (f.eventsFolded ?? 0), 0)).toBe(lines.length);
    expect(h.frames.every((f) => f.events.length <= MAX_FRAME_EVENTS)).toBe(true);
    expect(JSON.stringify(h.frames.flatMap((f) => f.events).at(-1))).toBe(lines.at(-1));
  });

  it('boots as fast as possible, says so, then paces sim time by wall time × speed, never running ahead, ≤ 1 frame per 16 ms', async () => {
    const h = harness();
    await h.send({ type: 'start', setup: DEFAULT_SETUP, speed: 1, playing: true });
    await h.advance(16);
    const notes = h.frames.flatMap((f) => f.notes ?? []);
    expect(notes).toEqual([expect.stringMatching(/^booted as fast as possible \(an etcd leader and every node Ready at \d+\.\ds\); from here the run goes at 1×$/)]);
    const booted = h.frames.at(-1)!.now;
    expect(booted).toBeGreaterThan(0);
    const before = h.frames.length;
    await h.advance(1000);
    const framesAt1x = h.frames.length - before;
    expect(framesAt1x).toBeLessThanOrEqual(1000 / 16 + 2);
    for (const f of h.frames.slice(before)) expect(f.now).toBeLessThanOrEqual(booted + 1000 + 16);
    expect(h.frames.at(-1)!.now).toBeGreaterThan(booted + 900);
    const at1x = h.frames.at(-1)!.now;
    await h.send({ type: 'speed', speed: 10 });
    await h.advance(500);
    const now = h.frames.at(-1)!.now;
    expect(now).toBeGreaterThan(at1x + 4000);
    expect(now).toBeLessThanOrEqual(at1x + 5000 + 20);
    expect(h.frames.at(-1)!.machines.map((m) => m.name)).toEqual(['master-1', 'master-2', 'master-3', 'client']);
  });

  it('the chaos switch runs the nemesis and a KV workload live, frames carry a verdict; off heals and boots', async () => {
    const h = harness();
    await h.send({ type: 'start', setup: DEFAULT_SETUP, speed: 10, playing: true });
    await h.advance(500);
    await h.send({ type: 'chaos', on: true });
    // Long enough for 50 operations even when the round-robin KV clients wait out a
    // deadline on a crashed member.
    await h.advance(4000);
    expect(h.frames.at(-1)!.chaos).toBe(true);
    const events = h.frames.flatMap((f) => f.events);
    expect(events.some((e) => e.type === 'fault' && e.via === 'chaos')).toBe(true);
    expect(events.filter((e) => e.type === 'kv.invoke').length).toBeGreaterThan(50);
    const verdict = h.frames.map((f) => f.verdict).filter((v) => v !== undefined).at(-1)!;
    expect(verdict.ok).toBe(true);
    expect(verdict.opsChecked).toBeGreaterThan(0);
    // Workload commands are the coordinator's own: they never reach the UI as replies.
    expect(h.frames.flatMap((f) => f.replies).filter((r) => r.id < 0)).toEqual([]);
    await h.send({ type: 'chaos', on: false });
    await h.advance(1500);
    const last = h.frames.at(-1)!;
    expect(last.chaos).toBe(false);
    expect(last.cut).toEqual([]);
    expect(last.machines.every((m) => m.status === 'up')).toBe(true);
  });

  it('pause holds still; step runs exactly one window', async () => {
    const h = harness();
    await h.send({ type: 'start', setup: DEFAULT_SETUP, speed: 1, playing: true });
    await h.advance(300);
    await h.send({ type: 'pause' });
    await h.advance(100);
    const paused = h.frames.at(-1)!;
    expect(paused.playing).toBe(false);
    await h.advance(500);
    expect(h.frames.at(-1)!.now).toBe(paused.now);
    await h.send({ type: 'step' });
    await h.advance(20);
    const stepped = h.frames.at(-1)!;
    expect(stepped.now).toBeGreaterThan(paused.now);
    // One window: at most the lookahead (2 ms) past the next queued event, and at most one
    // batch of events, all at one window's times.
    const times = stepped.events.map((e) => e.t);
    if (times.length > 0) expect(Math.max(...times) - Math.min(...times)).toBeLessThan(2);
    expect(stepped.now - paused.now).toBeLessThanOrEqual(100 + 2);
  });

  it('kill terminates a machine at once (even paused); restart boots it from its disk', async () => {
    const h = harness();
    await h.send({ type: 'start', setup: DEFAULT_SETUP, speed: 5, playing: true });
    await h.advance(1000);
    await h.send({ type: 'pause' });
    const termBefore = (viewsOf(h.frames, 'master-2')!.etcd as { term: number }).term;
    expect(termBefore).toBeGreaterThanOrEqual(1);
    await h.send({ type: 'kill', machine: 'master-2' });
    await h.advance(20);
    const f = h.frames.at(-1)!;
    expect(f.machines.find((m) => m.name === 'master-2')).toEqual({ name: 'master-2', kind: 'master', status: 'down', etcd: true });
    expect(f.events.map((e) => e.type)).toEqual(['fault', 'machine.down']);
    await h.send({ type: 'restart', machine: 'master-2' });
    await h.send({ type: 'play' });
    await h.advance(1000);
    const g = h.frames.at(-1)!;
    const m2 = g.machines.find((m) => m.name === 'master-2')!;
    expect(m2.status).toBe('up');
    expect((viewsOf(h.frames, 'master-2')!.etcd as { term: number }).term).toBeGreaterThanOrEqual(termBefore); // term came back from disk
    await h.send({ type: 'kv', id: 3, f: 'put', key: 'greeting', value: 'hello' });
    await h.advance(400);
    expect(h.frames.flatMap((x) => x.replies).find((r) => r.id === 3)?.result).toEqual({ ok: true, output: 'OK' });
  });

  it('a frame leaves out the views that did not change since the previous frame (sameView)', async () => {
    const h = harness('shared');
    await h.send({ type: 'start', setup: DEFAULT_SETUP, speed: 5, playing: true });
    await h.advance(1000);
    await h.send({ type: 'pause' });
    const before = h.frames.length;
    await h.send({ type: 'kv', id: 9, f: 'get', key: 'nothing' }); // a frame, but nothing ran: paused
    await h.advance(40);
    const paused = h.frames.slice(before);
    expect(paused.length).toBeGreaterThan(0);
    for (const f of paused) for (const m of f.machines) expect(m).toEqual({ name: m.name, kind: m.kind, status: 'up', ...(m.etcd ? { etcd: true } : {}), sameView: true });
    await h.send({ type: 'step' });
    await h.advance(20);
    // The window ran on some machines: those carry what changed in their views.
    expect(h.frames.at(-1)!.machines.some((m) => m.processes !== undefined || m.viewChanges !== undefined)).toBe(true);
  });

  it('reports a bad scenario instead of starting', async () => {
    const h = harness();
    await h.send({ type: 'start', setup: DEFAULT_SETUP, scenario: 'until: 10\n', speed: 1, playing: true });
    await h.advance(20);
    expect(h.frames.at(-1)!.error).toMatch(/^until: expected a duration/);
    await h.send({ type: 'start', setup: DEFAULT_SETUP, scenario: 'no-such-scenario', speed: 1, playing: true });
    await h.advance(20);
    expect(h.frames.at(-1)!.error).toMatch(/no built-in scenario "no-such-scenario"; expected one of kill-etcd-leader-12s/);
    // A prototype name is not a scenario either (it used to run nothing and say nothing).
    await h.send({ type: 'start', setup: DEFAULT_SETUP, scenario: 'toString', speed: 1, playing: true });
    await h.advance(20);
    expect(h.frames.at(-1)!.error).toMatch(/no built-in scenario "toString"/);
  });
});
