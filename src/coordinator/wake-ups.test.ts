// A machine whose processes say when they next need a tick (Process.nextTick) is
// ticked only then, on its own grid of ticks; an input that makes it need one sooner
// brings its next tick back to the grid's next time. A machine with a process that
// cannot say is ticked every period, as before.

import { describe, expect, it } from 'vitest';
import { InProcessDriver } from '../host/in-process';
import type { Process, ProcessFactory, Runtime } from '../sim/process';
import { gridAtOrAfter } from './machine-inbox';
import { Simulation } from './simulation';

/** On `sleeper`: wants a tick at 1 s, 2 s, 3 s…, and one at the next tick after each
 * packet. On `pinger`: sends `sleeper` a packet at 2 s (no nextTick: every
 * tick). Both note their ticks' times. */
function world(ticks: Map<string, number[]>): ProcessFactory {
  return (spec, runtimeFor) => {
    const rt: Runtime = runtimeFor('p', 1);
    const noted = ticks.get(spec.name) ?? [];
    ticks.set(spec.name, noted);
    if (spec.name === 'pinger') {
      let sent = false;
      const p: Process = {
        name: 'p', ports: [1],
        receive: () => {},
        tick: () => {
          noted.push(rt.now());
          if (!sent && rt.now() >= 2000) {
            sent = true;
            rt.send({ host: 'sleeper', port: 1 }, 'ping', null);
          }
        },
        view: () => null,
      };
      return [p];
    }
    let wakeAt = 1000;
    let poked = false;
    const p: Process = {
      name: 'p', ports: [1],
      receive: () => (poked = true),
      tick: () => {
        noted.push(rt.now());
        poked = false;
        if (rt.now() >= wakeAt) wakeAt += 1000;
      },
      nextTick: () => (poked ? -Infinity : wakeAt),
      view: () => null,
    };
    return [p];
  };
}

describe('wake-ups', () => {
  it('ticks a machine only at the ticks it asks for, on its grid, and at the next tick after an input that needs one', () => {
    const ticks = new Map<string, number[]>();
    const sim = new Simulation({
      seed: 3,
      machines: [{ name: 'pinger', kind: 'master', processes: [] }, { name: 'sleeper', kind: 'worker', processes: [] }],
      network: { latencyMinMs: 5, latencyMaxMs: 5 },
      horizon: 4000,
    });
    sim.runUntil(4000, new InProcessDriver(world(ticks)));
    const pinger = ticks.get('pinger')!;
    const sleeper = ticks.get('sleeper')!;
    // The pinger cannot say: every period, 40 ticks in 4 s.
    expect(pinger.length).toBe(40);
    // It said 1 s from its boot on: its first tick is its grid's first at or after 1 s
    // (its grid: its phase, drawn at boot, + k × 100 ms).
    const base = sleeper[0]! % 100;
    for (const t of sleeper) expect((t - base) % 100).toBe(0);
    const ping = pinger.find((t) => t >= 2000)! + 5; // when the packet arrived
    expect(ping).toBeLessThan(2200);
    expect(sleeper).toEqual([gridAtOrAfter(base, 100, 1000), gridAtOrAfter(base, 100, 2000), gridAtOrAfter(base, 100, ping), gridAtOrAfter(base, 100, 3000)].filter((t, i, a) => a.indexOf(t) === i));
    expect(sleeper.length).toBeGreaterThanOrEqual(3);
  });

  it('gridAtOrAfter', () => {
    expect(gridAtOrAfter(30, 100, 0)).toBe(30);
    expect(gridAtOrAfter(30, 100, 30)).toBe(30);
    expect(gridAtOrAfter(30, 100, 31)).toBe(130);
    expect(gridAtOrAfter(30, 100, 1000)).toBe(1030);
    expect(gridAtOrAfter(30, 100, 1030)).toBe(1030);
  });
});
