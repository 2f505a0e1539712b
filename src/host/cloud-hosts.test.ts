// A run on the simulated cloud (a terminated instance retired mid-run, the cloud's API
// told by a coordinator command) gives the same trace in the browser's host, with one
// machine worker per machine or all in one, as headless.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../cluster/scenario';
import { DEFAULT_SETUP } from '../cluster/setup';
import type { AsyncMachineDriver } from '../coordinator/window';
import type { Frame } from '../protocol/frames';
import { Rng } from '../sim/rng';
import { Coordinator } from './coordinator';
import { FakeWorker } from './fake-worker';
import { runScenario } from './in-process';
import { InWorkerDriver } from './in-worker-driver';
import { WorkerDriver } from './worker-driver';
import { FakeClock } from './testing/fake-clock';

// terminate-vs-crash, shortened: the terminate, the kill, and the Node's deletion.
const text = readFileSync(join(__dirname, '../../scenarios/terminate-vs-crash.yaml'), 'utf8').replace('until: 7m', 'until: 105s');

describe('cloud: sim in the browser hosts', () => {
  it.each(['worker', 'shared'] as const)('terminate-vs-crash (isolation %s) gives exactly the headless trace', async (isolation) => {
    const clock = new FakeClock();
    const frames: Frame[] = [];
    const jitter = new Rng(7);
    let n = 0;
    const coordinator = new Coordinator({
      post: (f) => frames.push(f),
      wallNow: () => clock.wall,
      setTimer: clock.setTimer,
      createDriver: (): AsyncMachineDriver => (isolation === 'shared' ? new InWorkerDriver() : new WorkerDriver(() => new FakeWorker(jitter.fork(String(++n))))),
      scenarios: { tvc: text },
    });
    const settle = async () => {
      for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
    };
    const tick = async () => {
      clock.advance(1);
      await settle();
    };
    coordinator.handle({ type: 'start', setup: DEFAULT_SETUP, scenario: 'tvc', speed: 0, playing: true, isolation });
    for (let i = 0; i < 40_000 && !frames.some((f) => f.finished); i++) await tick();
    expect(frames.at(-1)?.finished).toBe(true);
    coordinator.handle({ type: 'trace', id: 9 });
    for (let i = 0; i < 40; i++) await tick();
    const reply = frames.flatMap((f) => f.replies).find((r) => r.id === 9)!;
    const headless = runScenario(parseScenario(text)).traceText;
    expect(headless).toContain('"type":"node.deleted","node":"worker-2"');
    expect(reply.result.ok && reply.result.output).toBe(headless);
    // The terminated machine left the frame's machine list; the crashed one is down.
    const machines = frames.at(-1)!.machines.map((m) => `${m.name}:${m.status}`);
    expect(machines).not.toContain('worker-2:down');
    expect(machines.some((m) => m.startsWith('worker-2:'))).toBe(false);
    expect(machines).toContain('worker-3:down');
  }, 120_000);
});
