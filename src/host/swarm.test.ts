// The swarm on a few seeds (CI runs hundreds through `npm run chaos`), and the checkers
// shown at work: with a known bug switched on — reads answered from a member's local
// state, skipping ReadIndex — the swarm must find a failing seed, shrink its schedule,
// and the scenario file it writes must reproduce the failure through `npm run sim`'s path.

import { describe, expect, it } from 'vitest';
import { checkTrace } from '../check';
import { DEFAULT_NEMESIS, nemesisPlan } from '../coordinator/nemesis';
import { parseScenario } from '../cluster/scenario';
import { processFactory } from '../cluster/processes';
import { runScenario } from './in-process';
import { DEFAULT_SWARM, runSwarmSeed, scenarioYaml, shrink } from './swarm';

describe('the swarm', () => {
  it('draws a varied, deterministic fault schedule from a seed', () => {
    const plan = nemesisPlan(7);
    expect(nemesisPlan(7)).toEqual(plan);
    expect(nemesisPlan(8)).not.toEqual(plan);
    const kinds = new Set(Array.from({ length: 20 }, (_, i) => nemesisPlan(i + 1)).flat().map((f) => f.fault.kind));
    for (const k of ['kill', 'restart', 'partition', 'cut', 'heal', 'loss', 'net', 'slow']) expect(kinds).toContain(k);
    for (const f of plan) expect(f.at).toBeLessThan(DEFAULT_NEMESIS.healAt);
  });

  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: safety, linearizability and liveness hold (3 members)', (seed) => {
    const r = runSwarmSeed(seed);
    expect(r.ok, r.report).toBe(true);
    expect(r.kvOps).toBeGreaterThan(100);
  });

  it.each([101, 102, 103, 104])('seed %i: the same with 5 members', (seed) => {
    const r = runSwarmSeed(seed, { ...DEFAULT_SWARM, nemesis: { ...DEFAULT_NEMESIS, members: 5 } });
    expect(r.ok, r.report).toBe(true);
  });

  // Seeds the long runs once failed, kept as regressions. 101344: a member partitioned
  // while etcd-4 was added could not answer etcd-4 once it led (it did not know etcd-4's
  // address yet), so clients on it stayed stuck after the heal; etcd's transport learns
  // the sender's address from the request. The 2004xx–2012xx ones (5 members): clients
  // stuck on a removed member, before it refused connections. 401453: a member that
  // applied its own removal first had its machine.down recorded among its own events of
  // that window (the operator now acts after the window). 602292: a leader deposed at
  // once by a candidate of the next term, which the liveness limit did not count;
  // 401928: a split vote, which a first version of that rule forgot. 1889: the network
  // duplicated a forwarded MsgProp and delivered the copy late, so one proposal was
  // applied at two indexes, an old value over a newer one; etcd's peer transport is TCP
  // and never duplicates (sim/net.ts duplicable).
  it.each([
    [1889, 3],
    [602292, 3],
    [401928, 3],
    [101344, 3],
    [401453, 3],
    [200494, 5],
    [201209, 5],
  ])('seed %i (%i members), once failing in a long run, holds', (seed, members) => {
    const r = runSwarmSeed(seed, { ...DEFAULT_SWARM, nemesis: { ...DEFAULT_NEMESIS, members } });
    expect(r.ok, r.report).toBe(true);
  });

  it('catches an injected bug (stale local reads), shrinks the schedule, and the file reproduces it', () => {
    const opts = { ...DEFAULT_SWARM, inject: 'stale-reads' as const };
    let failing;
    for (let seed = 1; seed <= 30 && !failing; seed++) {
      const r = runSwarmSeed(seed, opts);
      if (!r.ok) failing = r;
    }
    expect(failing, 'some seed among the first 30 must expose the bug').toBeDefined();
    expect(failing!.failed).toContain('linearizability');
    const small = shrink(failing!.seed, failing!, opts, 60);
    expect(small.ok).toBe(false);
    expect(small.faults.length).toBeLessThanOrEqual(failing!.faults.length);
    // The written scenario runs through the same path as `npm run sim` and fails again.
    const scenario = parseScenario(scenarioYaml(failing!.seed, small.faults, opts));
    const factory = (spec: Parameters<typeof processFactory>[0], rt: Parameters<typeof processFactory>[1]) =>
      processFactory({ ...spec, processes: spec.processes.map((p) => ((p as { kind?: string }).kind === 'etcd' ? { ...(p as object), inject: 'stale-reads' } : p)) }, rt);
    const rerun = runScenario(scenario, { factory });
    expect(checkTrace(rerun.events).ok).toBe(false);
    // Without the bug, the same schedule is fine.
    expect(checkTrace(runScenario(scenario).events).ok).toBe(true);
  });

  // Issue 10's stale read (Raft's ReadIndex bookkeeping from before the fix), reached by
  // the nemesis's slow leader: its peer links late past an election timeout, late acks
  // keep it leading while a new leader commits writes. Seed 511 is the one of 1–1000
  // (299 until etcd's initial election tick advance changed every run).
  it.each([511])('seed %i catches the injected read-index-context-acks bug, and passes without it', (seed) => {
    const plan = nemesisPlan(seed);
    expect(plan.some((f) => f.fault.kind === 'slow')).toBe(true);
    const bad = runSwarmSeed(seed, { ...DEFAULT_SWARM, inject: 'read-index-context-acks' });
    expect(bad.ok).toBe(false);
    expect(bad.failed).toContain('linearizability');
    const good = runSwarmSeed(seed);
    expect(good.ok, good.report).toBe(true);
  });
});
