// The page's Coordinator driven in Node on a fake clock, for the tests that seek, fork
// and replay through it: frames are rebuilt whole (view patches applied), each read of
// the wall clock moves it a little so that a turn's budget runs out at "max" speed (a
// fake clock that stood still would let an open-ended run never yield), and helpers
// send a command and run until a frame says something.

import type { AsyncMachineDriver } from '../../coordinator/window';
import type { Isolation, UiCommand } from '../../protocol/commands';
import type { Frame } from '../../protocol/frames';
import { Rng } from '../../sim/rng';
import { Coordinator } from '../coordinator';
import { FakeWorker } from '../fake-worker';
import { InWorkerDriver } from '../in-worker-driver';
import { WorkerDriver } from '../worker-driver';
import { FakeClock } from './fake-clock';
import { fullFrames } from './full-frames';

export interface HarnessOptions {
  /** `worker`: fake machine workers (?isolation=worker); default every machine inside. */
  isolation?: Isolation;
  /** Microtask turns let pass after each step. */
  settleTurns?: number;
}

export function coordinatorHarness(opts: HarnessOptions = {}) {
  const clock = new FakeClock();
  const frames: Frame[] = [];
  const full = fullFrames();
  const jitter = new Rng(3);
  let n = 0;
  const coordinator = new Coordinator({
    post: (f) => frames.push(full(f)),
    wallNow: () => (clock.wall += 0.25),
    setTimer: clock.setTimer,
    createDriver: (): AsyncMachineDriver => (opts.isolation === 'worker' ? new WorkerDriver(() => new FakeWorker(jitter.fork(String(++n)))) : new InWorkerDriver()),
    scenarios: {},
  });
  const turns = opts.settleTurns ?? 20;
  const settle = async () => {
    for (let i = 0; i < turns; i++) await new Promise((r) => setImmediate(r));
  };
  const tick = async () => {
    clock.advance(4);
    await settle();
  };
  const h = {
    /** The coordinator itself, for commands sent without letting time pass. */
    coordinator,
    frames,
    last: () => frames.at(-1)!,
    send: async (cmd: UiCommand) => {
      coordinator.handle(cmd);
      await settle();
      for (let i = 0; i < 10; i++) await tick();
    },
    /** Runs (at the speed set) until the predicate holds. */
    until: async (p: () => boolean) => {
      for (let i = 0; i < 20_000 && !p(); i++) await tick();
      if (!p()) throw new Error('coordinatorHarness.until: the predicate never held');
    },
    /** The whole trace as JSON Lines (the `trace` command). */
    trace: async (id: number) => {
      await h.send({ type: 'trace', id });
      await h.until(() => frames.some((f) => f.replies.some((r) => r.id === id)));
      const r = frames.flatMap((f) => f.replies).find((x) => x.id === id)!.result;
      if (!r.ok) throw new Error(r.error);
      return r.output;
    },
  };
  return h;
}

/** The machine whose etcd member leads in a frame. */
export const leaderOf = (f: Frame) => f.machines.find((m) => (m.processes?.['etcd'] as { role?: string } | undefined)?.role === 'leader')?.name;
