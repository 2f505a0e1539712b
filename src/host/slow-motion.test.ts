import { describe, expect, it } from 'vitest';
import { DEFAULT_SETUP as PAGE_DEFAULT } from '../cluster/setup';
import type { UiCommand } from '../protocol/commands';
import type { EtcdMemberView, Frame } from '../protocol/frames';
import type { TraceEvent } from '../protocol/trace';
import type { MachineView } from '../sim/machine';
import { Coordinator } from './coordinator';
import { InWorkerDriver } from './in-worker-driver';
import { ELECTION_SPEED, LEASE_SPEED, MAX_SLOW_SIM_MS, SlowMotion, leaseExpiries, slowCause, slowedSpeed } from './slow-motion';
import { fullFrames } from './testing/full-frames';
import { FakeClock } from './testing/fake-clock';

const SCHED = 'kube-system/kube-scheduler';

describe('the slow-motion decision', () => {
  it('slows for a pre-candidate or candidate, and for a control-plane Lease past its expiry', () => {
    const none = new Map<string, number>();
    expect(slowCause([], none, 5000)).toBeUndefined();
    expect(slowCause(['etcd-2'], none, 5000)).toBe('election');
    const leases = new Map([[SCHED, 20_000]]);
    expect(slowCause([], leases, 19_999)).toBeUndefined();
    expect(slowCause([], leases, 20_000)).toBe('lease');
    expect(slowCause(['etcd-1'], leases, 20_000)).toBe('election');
  });

  it('never speeds a run up, and leaves "as fast as possible" alone', () => {
    expect(slowedSpeed(1, 'election')).toBe(ELECTION_SPEED);
    expect(slowedSpeed(1, 'lease')).toBe(LEASE_SPEED);
    expect(slowedSpeed(0.001, 'lease')).toBe(0.001);
    expect(slowedSpeed(0, 'election')).toBe(0);
  });

  it('reads Lease expiries from the freshest ready apiserver', () => {
    const api = (revision: number, renewMs: number, ready = true): MachineView => ({
      name: 'm',
      processes: { 'kube-apiserver': { kind: 'kube-apiserver', ready, revision, objects: 0, watchers: 0, etcdEndpoint: '', cluster: { pods: [], nodes: [], leases: {}, deployments: [], leaseTimes: { [SCHED]: { renewMs, durationS: 15 }, 'kube-node-lease/worker-1': { renewMs, durationS: 16 } } } } },
    });
    const views = new Map([['master-1', api(10, 1000)], ['master-2', api(12, 3000)], ['master-3', api(99, 9000, false)]]);
    expect([...leaseExpiries(views)]).toEqual([[SCHED, 18_000]]); // node Leases are not the control plane's
  });

  it('a stretch ends when its cause does, or after its sim-time allowance, and switching off ends it', () => {
    const s = new SlowMotion();
    s.reset(true);
    expect(s.update(['etcd-1'], 100)).toBe(true);
    expect(s.speed(1, 101)).toBe(ELECTION_SPEED);
    expect(s.frameField(1, 101)).toEqual({ on: true, active: 'election', speed: ELECTION_SPEED });
    expect(s.update([], 110)).toBe(true);
    expect(s.speed(1, 110)).toBe(1);
    // A lone pre-candidate (no quorum) stays one: after the allowance the run goes on.
    s.update(['etcd-1'], 1000);
    expect(s.speed(1, 1000 + MAX_SLOW_SIM_MS.election - 1)).toBe(ELECTION_SPEED);
    expect(s.speed(1, 1000 + MAX_SLOW_SIM_MS.election)).toBe(1);
    expect(s.update(['etcd-1'], 1000 + MAX_SLOW_SIM_MS.election + 5)).toBe(false);
    s.update([], 9000);
    s.update(['etcd-3'], 9010);
    expect(s.speed(2, 9011)).toBe(ELECTION_SPEED);
    s.chaos = true; // chaos on: stands aside
    expect(s.speed(2, 9011)).toBe(2);
    s.chaos = false;
    s.on = false;
    expect(s.speed(2, 9012)).toBe(2);
    expect(s.frameField(2, 9012)).toEqual({ on: false });
  });
});

/** A coordinator with every machine in its own thread, a fake wall clock and timers. */
function harness() {
  const clock = new FakeClock();
  const frames: Frame[] = [];
  const full = fullFrames();
  const coordinator = new Coordinator({ post: (f) => frames.push(full(f)), wallNow: () => clock.wall, setTimer: clock.setTimer, createDriver: () => new InWorkerDriver(), scenarios: {} });
  const settle = async () => {
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
  };
  return {
    frames,
    wall: () => clock.wall,
    send: async (cmd: UiCommand) => {
      coordinator.handle(cmd);
      await settle();
    },
    advance: async (ms: number, stepMs = 16, each?: () => void) => {
      for (let end = clock.wall + ms; clock.wall < end; ) {
        clock.advance(Math.min(end, clock.wall + stepMs) - clock.wall);
        await settle();
        each?.();
      }
    },
  };
}

const SETUP = { ...PAGE_DEFAULT, masters: 3, etcdMembers: 3, workers: 0, kubernetes: false, seed: 7 };
const roles = (f: Frame) => f.machines.map((m) => (m.processes?.['etcd'] as EtcdMemberView | undefined)?.role);

async function electionWallMs(slowMotion: boolean): Promise<{ wallMs: number; active: boolean; events: TraceEvent[]; end: number }> {
  const h = harness();
  await h.send({ type: 'start', setup: SETUP, speed: 1, playing: true, slowMotion });
  await h.advance(3000); // boots as fast as possible, then 1×
  const leader = h.frames.at(-1)!.machines.find((m) => (m.processes?.['etcd'] as EtcdMemberView | undefined)?.role === 'leader')!;
  await h.send({ type: 'kill', machine: leader.name });
  let first: number | undefined;
  let last = 0;
  let active = false;
  let seen = 0;
  await h.advance(60_000, 16, () => {
    for (; seen < h.frames.length; seen++) {
      const f = h.frames[seen]!;
      if (f.slowMotion?.active === 'election') active = true;
      if (roles(f).some((r) => r === 'precandidate' || r === 'candidate')) {
        first ??= h.wall();
        last = h.wall();
      }
    }
  });
  expect(first).toBeDefined();
  expect(h.frames.some((f) => f.eventsFolded)).toBe(false);
  return { wallMs: last - first!, active, events: h.frames.flatMap((f) => f.events), end: h.frames.at(-1)!.now };
}

describe('election slow motion in the coordinator (fake wall clock)', () => {
  it('at 1×, an election is on the frames for over a second of wall time with it on, a blink without; the trace is the same', async () => {
    const on = await electionWallMs(true);
    expect(on.active).toBe(true);
    expect(on.wallMs).toBeGreaterThanOrEqual(1000);
    const off = await electionWallMs(false);
    expect(off.active).toBe(false);
    expect(off.wallMs).toBeLessThan(200);
    // Pacing only: up to where both runs got, the same trace.
    const upTo = Math.min(on.end, off.end) - 10;
    const until = (evs: TraceEvent[]) => evs.filter((e) => e.t <= upTo);
    expect(until(on.events).some((e) => e.type === 'raft.role' && e.role === 'leader' && e.term >= 2)).toBe(true); // the election is in it
    expect(until(on.events)).toEqual(until(off.events));
  });
});
