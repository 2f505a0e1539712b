// A seeded chaos smoke test (TigerBeetle VOPR style): many seeds, crashes, partitions
// and loss, then a liveness phase; every built-in check must hold. A failure names the
// seed to reproduce: npm run sim -- scenarios/chaos-smoke.yaml --seed N
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../check';
import { runScenario } from '../host/in-process';
import { parseScenario } from '../cluster/scenario';
import { currentLeaders, stacked } from './leaders-at';

const scenario = parseScenario(readFileSync(join(__dirname, '../../scenarios/chaos-smoke.yaml'), 'utf8'));
const SEEDS = Array.from({ length: 30 }, (_, i) => 1000 + i);

describe('chaos smoke', () => {
  it.each(SEEDS)('seed %i: Raft safety and a linearizable KV history', (seed) => {
    const run = runScenario(scenario, { seed, until: 60_000 });
    const report = `reproduce with: npm run sim -- scenarios/chaos-smoke.yaml --seed ${seed}\n${formatReport(run.checks)}`;
    expect(run.checks.ok, report).toBe(true);
    expect(run.summary.kv.ok, 'the workload made progress').toBeGreaterThan(50);
    // Liveness: 10 s after chaos ends (everything healed and up) there is one leader.
    expect(currentLeaders(run.events, 60_000, stacked), report).toHaveLength(1);
  });
});
