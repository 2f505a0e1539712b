// Time travel (issue 11): seeking re-executes the run from its log; playing on from
// the past repeats the recorded future exactly; acting in the past forks.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScenario, simulationInit } from '../cluster/scenario';
import type { Simulation } from '../coordinator/simulation';
import { dispatchConsole } from '../shell/dispatch';
import { InProcessDriver } from './in-process';
import { traceToJsonl } from './jsonl';
import { RunLog, type LoggedAction } from './run-log';
import { rebuildAt, runTo, TimeTravel } from './seek';
import { Simulation as Sim } from '../coordinator/simulation';

const scenario = (name: string, until: string) => parseScenario(readFileSync(join(__dirname, `../../scenarios/${name}.yaml`), 'utf8').replace(/^until: .*$/m, `until: ${until}`));

const console$ = (line: string, id: number): LoggedAction => ({ kind: 'console', line, id, route: dispatchConsole(line) });
const fault = (kind: 'kill' | 'restart' | 'isolate' | 'heal', target: string): LoggedAction => ({ kind: 'apply', fault: { kind, target }, via: 'ui' });

/** A live run as the page makes it: windows up to each action's time (the clock idles
 * to it), the action, and on to `end`. */
function live(init: ReturnType<typeof simulationInit>, actions: readonly [number, LoggedAction][], end: number) {
  const sim = new Sim(init);
  const driver = new InProcessDriver();
  const travel = new TimeTravel(new RunLog(init));
  for (const [at, action] of actions) {
    runTo(sim, driver, [], 0, at, travel.onWindow);
    travel.perform(sim, action);
  }
  runTo(sim, driver, [], 0, end, travel.onWindow);
  return { sim, driver, travel };
}

const text = (sim: Simulation) => traceToJsonl(sim.trace);

const CASES = [
  {
    name: 'HA Kubernetes, kill the etcd leader, scale, restart',
    init: simulationInit(scenario('ha-kill-master', '40s')),
    actions: [
      [12_345, console$('kubectl scale deployment web --replicas=4', 1)],
      [18_000, fault('kill', 'master-2')],
      [25_500, fault('restart', 'master-2')],
      [26_000, { kind: 'chaos', on: true }],
      [31_000, { kind: 'chaos', on: false }],
    ] as [number, LoggedAction][],
    end: 40_000,
    seeks: [1, 12_346, 18_000, 26_000, 39_999],
  },
  {
    name: 'etcd alone under a KV workload, partitions and a seed of its own',
    init: simulationInit(scenario('kill-etcd-leader', '30s'), { seed: 7 }),
    actions: [
      [4_000, fault('isolate', 'master-1')],
      [9_000, fault('heal', 'master-1')],
      [9_000, console$('etcdctl put k1 v1', 2)],
      [15_000, fault('kill', 'master-3')],
    ] as [number, LoggedAction][],
    end: 30_000,
    seeks: [3_999, 9_000, 9_001, 14_000, 29_000],
  },
];

describe('seek: re-execution from the run log', () => {
  for (const c of CASES) {
    it(`${c.name}: the cluster rebuilt at T and played on gives the uninterrupted run's trace, byte for byte`, () => {
      const whole = live(c.init, c.actions, c.end);
      const expected = text(whole.sim);
      expect(whole.travel.log.size).toBe(c.actions.length);
      for (const t of c.seeks) {
        const r = rebuildAt(whole.travel.log, t);
        // The clock stops at T or within the window that straddles it, as the live one.
        expect(Math.abs(r.sim.now - t)).toBeLessThan(20);
        // What exists at T is a prefix of the run...
        expect(expected.startsWith(text(r.sim))).toBe(true);
        // ...and the actions after T are its future, repeated where they were.
        expect(r.next).toBe(whole.travel.log.actions.filter((e) => e.now <= r.sim.now).length);
        runTo(r.sim, r.driver, whole.travel.log.actions, r.next, c.end);
        expect(text(r.sim)).toBe(expected);
      }
    });
  }

  it('seeking forward from the past runs the same simulation on (no rebuild needed)', () => {
    const c = CASES[0]!;
    const whole = live(c.init, c.actions, c.end);
    const r = rebuildAt(whole.travel.log, 10_000);
    const next = runTo(r.sim, r.driver, whole.travel.log.actions, r.next, 27_000);
    const direct = rebuildAt(whole.travel.log, 27_000);
    expect(next).toBe(direct.next);
    expect(text(r.sim)).toBe(text(direct.sim));
  });
});

describe('fork: acting in the past', () => {
  it('cuts the recorded future, its markers and the end, and the forked recording replays to the same run', () => {
    const c = CASES[0]!;
    const whole = live(c.init, c.actions, c.end);
    const travel = whole.travel;
    travel.reached(whole.sim.now);
    const futureMarkers = travel.markers.list.filter((m) => m.at > 20_000);
    expect(futureMarkers.some((m) => m.kind === 'fault' && m.label.includes('restart master-2'))).toBe(true);

    // Seek back to 20 s (before the restart) and kill master-3 there.
    travel.restart();
    const r = rebuildAt(travel.log, 20_000, travel.onWindow);
    travel.next = r.next;
    expect(travel.inPast).toBe(true);
    const forkAt = r.sim.now;
    travel.perform(r.sim, fault('kill', 'master-3'));
    expect(travel.inPast).toBe(false);
    expect(travel.log.size).toBe(3); // scale, kill master-2, and the fork's kill
    expect(travel.endMs).toBe(forkAt);
    expect(travel.markers.list.filter((m) => m.at > 20_100)).toEqual([]);
    expect(travel.markers.list.some((m) => m.label.includes('restart master-2'))).toBe(false);

    // The run goes on from the fork; the log says exactly that run.
    const end = 30_000;
    let next = travel.next;
    const sim = r.sim;
    for (let w = sim.nextWindow(); w && w.end <= end; w = sim.nextWindow()) {
      const plan = sim.planWindow()!;
      sim.commitWindow(plan, r.driver.runWindow(plan));
      travel.afterWindow(sim);
      next = travel.next;
    }
    expect(next).toBe(travel.log.size);
    expect(sim.trace.some((e) => e.type === 'fault' && e.action === 'kill' && e.target === 'master-3' && e.t === forkAt)).toBe(true);
    expect(travel.markers.list.some((m) => m.kind === 'fault' && m.label === 'kill master-3' && m.at === forkAt)).toBe(true);
    const replay = rebuildAt(travel.log, sim.now);
    expect(text(replay.sim)).toBe(text(sim));
  });
});
