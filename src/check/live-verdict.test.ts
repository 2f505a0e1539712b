// The live verdict the page draws: what it says of a healthy chaos run, and of a run
// with a known bug (reads answered from a member's local state), where it must name
// the key and draw the offending operation among those concurrent with it.

import { describe, expect, it } from 'vitest';
import { DEFAULT_SWARM, swarmScenario } from '../host/swarm';
import { nemesisPlan } from '../coordinator/nemesis';
import { runScenario } from '../host/in-process';
import { processFactory } from '../cluster/processes';
import { liveVerdict } from './live-verdict';

const staleReads = (spec: Parameters<typeof processFactory>[0], rt: Parameters<typeof processFactory>[1]) =>
  processFactory({ ...spec, processes: spec.processes.map((p) => ((p as { kind?: string }).kind === 'etcd' ? { ...(p as object), inject: 'stale-reads' } : p)) }, rt);

describe('the live verdict', () => {
  it('a healthy chaos run: every check holds, operations counted, linearizable', () => {
    const run = runScenario(swarmScenario(3, nemesisPlan(3)));
    const v = liveVerdict(run.events, 60_000);
    expect(v.ok).toBe(true);
    expect(v.linearizable).toBe(true);
    expect(v.opsChecked).toBeGreaterThan(100);
    expect(v.failure).toBeUndefined();
    expect(v.checks.map((c) => c.name)).toContain('election-safety');
  });

  it('a run with stale reads: not linearizable, with the offending op on a timeline', () => {
    let v;
    for (let seed = 1; seed <= 30 && !v; seed++) {
      const run = runScenario(swarmScenario(seed, nemesisPlan(seed, DEFAULT_SWARM.nemesis)), { factory: staleReads });
      const verdict = liveVerdict(run.events, 60_000);
      if (verdict.linearizable === false) v = verdict;
    }
    expect(v, 'some seed among the first 30 exposes the bug').toBeDefined();
    expect(v!.ok).toBe(false);
    const f = v!.failure!;
    expect(f.key).toMatch(/^k\d$/);
    expect(f.ops.filter((o) => o.offending)).toHaveLength(1);
    expect(f.ops.length).toBeGreaterThan(1);
    expect(f.ops.length).toBeLessThanOrEqual(12);
    // Sorted by invoke time, each a bar with a label the student can read.
    expect(f.ops.map((o) => o.invokeT)).toEqual([...f.ops.map((o) => o.invokeT)].sort((a, b) => a - b));
    for (const o of f.ops) expect(o.label).toMatch(/^(put|get|del|cas) k\d/);
  });
});
