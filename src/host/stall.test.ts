// A machine worker that stops answering (a busy tab, a slow machine) no longer freezes
// the page silently: after STALL_MS of wall time the coordinator posts a frame that says
// whom it waits for, a kill of that machine is not queued behind the window, and the
// run goes on without it.

import { describe, expect, it } from 'vitest';
import { DEFAULT_SETUP } from '../cluster/setup';
import type { Frame } from '../protocol/frames';
import { Rng } from '../sim/rng';
import { Coordinator } from './coordinator';
import { FakeWorker } from './fake-worker';
import { STALL_MS, WorkerDriver, type WorkerLike } from './worker-driver';
import type { ToMachine } from './worker-protocol';

/** A FakeWorker that, once `hang` is set, never answers a run. */
class HangingWorker extends FakeWorker {
  static hang = false;
  override postMessage(msg: ToMachine): void {
    if (HangingWorker.hang && msg.type === 'run') return;
    super.postMessage(msg);
  }
}

describe('a stalled machine worker', () => {
  it('is reported, the clock says waiting, and a kill of it lets the run go on', async () => {
    let wall = 0;
    let timers: { at: number; fn: () => void; live: boolean }[] = [];
    const frames: Frame[] = [];
    const jitter = new Rng(9);
    let n = 0;
    const setTimer = (fn: () => void, ms: number) => {
      const t = { at: wall + ms, fn, live: true };
      timers.push(t);
      return { cancel: () => void (t.live = false) };
    };
    const coordinator = new Coordinator({
      post: (f) => frames.push(f),
      wallNow: () => wall,
      setTimer: (fn, ms) => void setTimer(fn, ms),
      createDriver: (_isolation, stalled) =>
        new WorkerDriver((machine): WorkerLike => (machine === 'worker-1' ? new HangingWorker(jitter.fork(String(++n))) : new FakeWorker(jitter.fork(String(++n)))), {
          setTimer,
          stalled: (machines, w) => stalled?.(machines, w),
        }),
      scenarios: {},
    });
    const settle = async () => {
      for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r));
    };
    const advance = async (ms: number) => {
      for (const end = wall + ms; wall < end; ) {
        wall += 4;
        const due = timers.filter((t) => t.at <= wall);
        timers = timers.filter((t) => t.at > wall);
        for (const t of due) if (t.live) t.fn();
        await settle();
      }
    };
    const setup = { ...DEFAULT_SETUP, workers: 1, kubernetes: false };
    coordinator.handle({ type: 'start', setup, speed: 1, playing: true });
    await advance(500);
    expect(frames.at(-1)!.stalled).toBeUndefined();
    HangingWorker.hang = true;
    await advance(STALL_MS + 300);
    const stalledFrame = frames.find((f) => f.stalled);
    expect(stalledFrame?.stalled?.machines).toEqual(['worker-1']);
    expect(stalledFrame!.machines.length).toBeGreaterThan(0); // the picture stays
    const clockAtStall = frames.at(-1)!.now;
    // The kill is not queued forever behind the window: worker-1 dies, the run goes on.
    HangingWorker.hang = false;
    coordinator.handle({ type: 'kill', machine: 'worker-1' });
    await advance(1000);
    const last = frames.at(-1)!;
    expect(last.stalled).toBeUndefined();
    expect(last.machines.find((m) => m.name === 'worker-1')?.status).toBe('down');
    expect(last.now).toBeGreaterThan(clockAtStall + 500);
  });
});
