// The trace's line order is the real-time order (contracts.md §3): a leader's
// raft.role comes before the first raft.apply of its term, even when a single member
// elects itself and commits its no-op in the same step.

import { describe, expect, it } from 'vitest';
import { checkTrace } from '../../check';
import { parseScenario, simulationInit } from '../../cluster/scenario';
import { InProcessCluster } from '../../host/in-process';
import type { TraceEvent } from '../../protocol/trace';

/** Line numbers where an apply of a term comes before any leader of that term. */
function appliesBeforeTheirLeader(trace: readonly TraceEvent[]): string[] {
  const leaderTerms = new Set<number>();
  const out: string[] = [];
  trace.forEach((ev, line) => {
    if (ev.type === 'raft.role' && ev.role === 'leader') leaderTerms.add(ev.term);
    if (ev.type === 'raft.apply' && ev.term > 1 && !leaderTerms.has(ev.term)) out.push(`line ${line}: ${ev.member} applies index ${ev.index} of term ${ev.term}`);
  });
  return out;
}

describe('trace order of a new leader', () => {
  it('a single member restarted twice: each new leader is traced before its no-op applies', () => {
    const c = new InProcessCluster(simulationInit(parseScenario('name: t\nseed: 1\nuntil: 20s\ntopology: { etcd: stacked, masters: 1, kubernetes: false }\n')));
    c.runUntil(3000);
    c.sim.apply({ kind: 'restart', target: 'master-1' });
    c.runUntil(8000);
    c.sim.apply({ kind: 'restart', target: 'master-1' });
    c.runToEnd();
    expect(c.sim.trace.filter((e) => e.type === 'raft.role' && e.role === 'leader').length).toBeGreaterThanOrEqual(2);
    expect(appliesBeforeTheirLeader(c.sim.trace)).toEqual([]);
    expect(checkTrace(c.sim.trace, { topology: 'stacked' }).checks.find((x) => x.name === 'log-terms')?.ok).toBe(true);
  });
});
