// The page keeps a bounded window of the trace, yet the whole run stays exportable: the
// export derives it again from the run's start and the UI's actions (run-log.ts), and
// it equals every event the frames carried, byte for byte. The live verdict, fed as
// frames go (here through the verdict worker's message protocol), still judges the
// whole run.

import { describe, expect, it } from 'vitest';
import { DEFAULT_SETUP } from '../cluster/setup';
import type { UiCommand } from '../protocol/commands';
import type { Frame } from '../protocol/frames';
import { Rng } from '../sim/rng';
import { Coordinator } from './coordinator';
import { FakeWorker } from './fake-worker';
import { traceToJsonl } from './jsonl';
import { WorkerDriver } from './worker-driver';
import { WorkerChecker, type CheckerWorkerLike, type FromChecker, type ToChecker } from './worker-checker';
import { checkerHost } from './checker-host';

/** verdict.worker.ts without the worker: the same host behind structured clone. */
class FakeCheckerWorker implements CheckerWorkerLike {
  onmessage: ((e: { data: FromChecker }) => void) | null = null;
  onerror: ((e: { message?: string }) => void) | null = null;
  private readonly handle = checkerHost();
  postMessage(msg: ToChecker): void {
    const copy = structuredClone(msg);
    void Promise.resolve().then(() => {
      const reply = this.handle(copy);
      if (reply) this.onmessage?.({ data: structuredClone(reply) });
    });
  }
  terminate(): void {}
}

function harness(traceKeep: number, checkerWorker = false) {
  let wall = 0;
  let timers: { at: number; fn: () => void }[] = [];
  const frames: Frame[] = [];
  const jitter = new Rng(11);
  let n = 0;
  const coordinator = new Coordinator({
    post: (f) => frames.push(f),
    wallNow: () => wall,
    setTimer: (fn, ms) => void timers.push({ at: wall + ms, fn }),
    createDriver: () => new WorkerDriver(() => new FakeWorker(jitter.fork(String(++n)))),
    scenarios: {},
    traceKeep,
    ...(checkerWorker ? { createChecker: ({ topology }: { topology: 'stacked' | 'external' }) => new WorkerChecker(new FakeCheckerWorker(), topology) } : {}),
  });
  const settle = async () => {
    for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    frames,
    send: async (cmd: UiCommand) => {
      coordinator.handle(cmd);
      await settle();
    },
    advance: async (ms: number) => {
      for (const end = wall + ms; wall < end; ) {
        wall += 4;
        const due = timers.filter((t) => t.at <= wall);
        timers = timers.filter((t) => t.at > wall);
        for (const t of due) t.fn();
        await settle();
      }
    },
  };
}

describe('the trace window', () => {
  it('keeps a bounded window; the export of the whole run equals every event the frames carried', async () => {
    const h = harness(100, true);
    await h.send({ type: 'start', setup: { ...DEFAULT_SETUP, masters: 3, etcdMembers: 3, workers: 0, kubernetes: false }, speed: 20, playing: true });
    await h.advance(300);
    await h.send({ type: 'kv', id: 1, f: 'put', key: 'a', value: '1' });
    await h.send({ type: 'chaos', on: true });
    await h.advance(700);
    await h.send({ type: 'kill', machine: 'master-2' });
    await h.send({ type: 'console', id: 2, line: 'etcdctl put b 2' });
    await h.advance(500);
    await h.send({ type: 'chaos', on: false });
    await h.advance(400);
    await h.send({ type: 'trace', id: 3 });
    await h.advance(40);
    const carried = h.frames.flatMap((f) => f.events);
    expect(carried.length).toBeGreaterThan(3 * 100); // far more than the window kept
    const reply = h.frames.flatMap((f) => f.replies).find((r) => r.id === 3)!;
    expect(reply.result.ok).toBe(true);
    expect(reply.result.ok && reply.result.output).toBe(traceToJsonl(carried));
    // The verdict judged the whole run, not the window.
    const verdict = h.frames.map((f) => f.verdict).filter((v) => v !== undefined).at(-1)!;
    expect(verdict.ok).toBe(true);
    expect(verdict.checks.find((c) => c.name === 'state-machine-safety')!.detail).toMatch(/applies up to index/);
  });
});
