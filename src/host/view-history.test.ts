// The view history (issue 11): what a seek shows at once must be what the live run
// showed at that sim time (views, packets in flight, cut links, chaos, the trace up to
// then), or, where no moment holds, the nearest earlier moment kept, within the grain.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulationInit } from '../cluster/scenario';
import { frameMachines } from '../coordinator/frame';
import { Simulation } from '../coordinator/simulation';
import { dispatchConsole } from '../shell/dispatch';
import { InProcessDriver } from './in-process';
import { RunLog, type LoggedAction } from './run-log';
import { TimeTravel } from './seek';
import { SeekControl } from './seek-control';
import { ARCHIVE_SLACK, GRAIN_MS, MAX_ARCHIVE, MAX_MOMENTS, ViewHistory } from './view-history';
import type { TraceEvent } from '../protocol/trace';

const scenario = (name: string, until: string) => parseScenario(readFileSync(join(__dirname, `../../scenarios/${name}.yaml`), 'utf8').replace(/^until: .*$/m, `until: ${until}`));
const fault = (kind: 'kill' | 'restart' | 'isolate' | 'heal', target: string): LoggedAction => ({ kind: 'apply', fault: { kind, target }, via: 'ui' });

interface Shown {
  readonly t: number;
  readonly machines: unknown;
  readonly packets: unknown;
  readonly cut: unknown;
  readonly chaos: boolean;
  readonly events: number;
}

/** A live run taking the history's moments as the coordinator does, and what a frame
 * paused at sample times would have shown. */
function liveWithSamples(init: ReturnType<typeof simulationInit>, actions: readonly [number, LoggedAction][], end: number) {
  const sim = new Simulation(init);
  const driver = new InProcessDriver();
  const travel = new TimeTravel(new RunLog(init));
  const ctl = new SeekControl(travel);
  const shown: Shown[] = [];
  let n = 0;
  const until = (t: number): void => {
    for (let w = sim.nextWindow(); w && w.end <= t; w = sim.nextWindow()) {
      ctl.capture(sim, 0, () => driver.views(sim.upMachines()));
      // Paused here, somewhere before the next window's end: what the page shows.
      if (++n % 53 === 0) {
        const at = sim.lastWindowEnd + ((n * 7) % Math.max(1, w.end - sim.lastWindowEnd));
        shown.push({ t: at, machines: structuredClone(frameMachines(sim, driver.views(sim.upMachines()))), packets: sim.packetsInFlight(), cut: sim.network.cutLinks(), chaos: sim.chaosOn, events: sim.trace.length });
      }
      const plan = sim.planWindow()!;
      sim.commitWindow(plan, driver.runWindow(plan));
      travel.onWindow(sim);
    }
    sim.idleUntil(t);
  };
  for (const [at, action] of actions) {
    until(at);
    travel.perform(sim, action);
    ctl.acted(sim, 0);
  }
  until(end);
  return { sim, ctl, shown };
}

describe('view history', () => {
  it('a moment shown equals what the live run showed at that sim time, or is the nearest earlier one within the grain', () => {
    const init = simulationInit(scenario('ha-kill-master', '30s'));
    const actions: [number, LoggedAction][] = [
      [6_000, { kind: 'console', line: 'kubectl scale deployment web --replicas=4', id: 1, route: dispatchConsole('kubectl scale deployment web --replicas=4') }],
      [9_000, fault('kill', 'master-2')],
      [12_000, fault('isolate', 'worker-1')],
      [14_000, { kind: 'chaos', on: true }],
      [20_000, { kind: 'chaos', on: false }],
      [22_000, fault('restart', 'master-2')],
    ];
    const { sim, ctl, shown } = liveWithSamples(init, actions, 30_000);
    expect(shown.length).toBeGreaterThan(50);
    let exact = 0;
    for (const s of shown) {
      const found = ctl.history.find(s.t)!;
      expect(found).toBeDefined();
      const m = found.moment;
      // The trace up to the moment is a prefix of the run's, never past what was shown.
      expect(m.position).toBeLessThanOrEqual(s.events);
      expect(ctl.history.eventsBefore(m.position, 3000)).toEqual(sim.trace.slice(Math.max(0, m.position - 3000), m.position));
      if (found.exact) {
        exact++;
        expect(m.machines).toEqual(s.machines);
        expect(m.packets).toEqual(s.packets);
        expect(m.cut).toEqual(s.cut);
        expect(m.chaos).toBe(s.chaos);
        expect(m.position).toBe(s.events);
      } else {
        expect(m.at).toBeLessThanOrEqual(s.t);
        expect(s.t - m.at).toBeLessThan(GRAIN_MS + 20);
      }
    }
    expect(exact).toBeGreaterThan(0);
    // Moments every grain, the chaos block's faults and markers among them.
    expect(ctl.history.size).toBeGreaterThanOrEqual(30_000 / GRAIN_MS);
  });

  it('is bounded: past MAX_MOMENTS the older half is thinned, and seeks still find the nearest earlier moment', () => {
    const h = new ViewHistory();
    const src = (t: number) => ({ from: t, until: t + 2, position: t, machines: () => [], packets: () => [], cut: () => [], chaos: false, finished: false });
    for (let t = 0; t < (MAX_MOMENTS + 500) * GRAIN_MS; t += GRAIN_MS) if (h.due(t, t + 2)) h.take(src(t));
    expect(h.size).toBeLessThanOrEqual(MAX_MOMENTS);
    expect(h.stats().thinned).toBeGreaterThan(0);
    const late = (MAX_MOMENTS + 400) * GRAIN_MS;
    expect(h.find(late + 1)).toMatchObject({ exact: true, moment: { at: late } });
    const early = h.find(GRAIN_MS + 1)!;
    expect(early.moment.at).toBeLessThanOrEqual(GRAIN_MS);
  });

  it('a fork drops the moments of the dropped future and takes new ones from there', () => {
    const h = new ViewHistory();
    const src = (t: number) => ({ from: t, until: t + 2, position: t, machines: () => [], packets: () => [], cut: () => [], chaos: false, finished: false });
    for (let t = 0; t < 10_000; t += 10) if (h.due(t, t + 2)) h.take(src(t));
    const before = h.size;
    h.cut(5_001, 5_001);
    expect(h.size).toBeLessThan(before);
    expect(h.find(9_000)!.moment.from).toBeLessThanOrEqual(5_001);
    expect(h.due(5_001, 5_001 + GRAIN_MS)).toBe(true);
  });

  it('keeps the newest events, bounded, as a long trace streams in and its front is dropped', () => {
    const h = new ViewHistory();
    const ev = (i: number) => ({ t: i, type: 'raft.note', member: 'etcd-1', text: `e${i}` }) as unknown as TraceEvent;
    // A host that drops the trace's front now and then, as the coordinator does.
    let trace: TraceEvent[] = [];
    let dropped = 0;
    const total = MAX_ARCHIVE + 3 * ARCHIVE_SLACK + 123;
    for (let i = 0; i < total; i += 50) {
      for (let j = i; j < Math.min(i + 50, total); j++) trace.push(ev(j));
      h.archiveTrace(trace, dropped);
      if (trace.length > 20_000) {
        dropped += trace.length - 10_000;
        trace = trace.slice(-10_000);
      }
      expect(h.stats().events).toBeLessThanOrEqual(MAX_ARCHIVE + ARCHIVE_SLACK);
    }
    expect(h.stats().events).toBeGreaterThanOrEqual(MAX_ARCHIVE);
    // Dropped in chunks, not one by one (each drop moves every event kept).
    const chunked = new ViewHistory();
    const many = Array.from({ length: MAX_ARCHIVE + 1 }, (_, i) => ev(i));
    chunked.archiveTrace(many, 0);
    expect(chunked.stats().events).toBe(MAX_ARCHIVE + 1);
    expect(h.eventsBefore(total, 3)).toEqual([ev(total - 3), ev(total - 2), ev(total - 1)]);
    expect(h.eventsBefore(total - MAX_ARCHIVE + 2, 2)).toEqual([ev(total - MAX_ARCHIVE), ev(total - MAX_ARCHIVE + 1)]);
    // Older than every event kept: nothing, not a wrong event.
    expect(h.eventsBefore(total - MAX_ARCHIVE - ARCHIVE_SLACK - 1, 5)).toEqual([]);
  });
});
