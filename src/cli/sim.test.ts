import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const tsx = join(root, 'node_modules/.bin/tsx');
const dir = mkdtempSync(join(tmpdir(), 'sim-cli-'));

function sim(args: string[], script = 'src/cli/sim.ts') {
  const r = spawnSync(tsx, [script, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('npm run sim', () => {
  it('exit 0: runs a scenario, prints a summary, writes a deterministic trace', () => {
    const trace = join(dir, 'a.jsonl');
    const r = sim(['scenarios/kill-etcd-leader.yaml', '--seed', '5', '--until', '15s', '--trace', trace]);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/kill-etcd-leader: seed 5, 15s of sim time/);
    expect(r.out).toMatch(/term \d+ +etcd-\d from/);
    expect(r.out).toMatch(/ok +linearizability/);
    const first = readFileSync(trace, 'utf8');
    expect(first.split('\n')[0]).toMatch(/^\{"t":0,"type":/);
    sim(['scenarios/kill-etcd-leader.yaml', '--seed=5', '--until=15s', `--trace=${trace}`]);
    expect(readFileSync(trace, 'utf8')).toBe(first);
  });

  it('exit 1: a failed check is named, with the command that reproduces it', () => {
    const r = sim(['scenarios/kill-etcd-leader.yaml', '--seed', '8', '--until', '5s'], 'src/cli/fixtures/broken-sim.ts');
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/FAIL +(linearizability|no-acked-write-lost)/);
    expect(r.err).toMatch(/FAILED: .*(linearizability|no-acked-write-lost)/);
    expect(r.err).toContain('reproduce with: npm run sim -- scenarios/kill-etcd-leader.yaml --seed 8 --until 5s');
  });

  it('exit 2: a bad scenario file names the field', () => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'until: 10s\nfaults:\n  - { at: 1s, kil: master-1 }\n');
    const r = sim([file]);
    expect(r.code).toBe(2);
    expect(r.err).toContain('faults[0].kil: unknown field; expected one of at, kill, restart, partition, heal, loss');
    expect(r.err).toContain('(line 3)');
  });

  it('exit 2: bad flags and missing files', () => {
    expect(sim([]).code).toBe(2);
    const seed = sim(['scenarios/kill-etcd-leader.yaml', '--seed', 'abc']);
    expect(seed.code).toBe(2);
    expect(seed.err).toContain('--seed: expected a non-negative integer');
    const until = sim(['scenarios/kill-etcd-leader.yaml', '--until', '120']);
    expect(until.code).toBe(2);
    expect(until.err).toContain('--until: expected a duration with a unit');
    expect(sim(['scenarios/kill-etcd-leader.yaml', '--sed', '3']).err).toContain('--sed: unknown flag');
    expect(sim(['scenarios/nope.yaml']).code).toBe(2);
  });

  it('exit 2 before the run: an unwritable --trace path, a manifest kubectl would refuse, an unbounded --until', () => {
    const trace = sim(['scenarios/kill-etcd-leader.yaml', '--trace', join(dir, 'no-such-dir', 'a.jsonl')]);
    expect(trace.code).toBe(2);
    expect(trace.err).toMatch(/^error: --trace: cannot write ".*no-such-dir\/a\.jsonl" \(ENOENT\)/);
    expect(trace.err).not.toMatch(/\n +at /); // no stack trace
    expect(trace.out).toBe(''); // refused before the run
    const file = join(dir, 'typo.yaml');
    writeFileSync(file, 'manifests:\n  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: web }, spec: { replica: 3 } }\n');
    const typo = sim([file]);
    expect(typo.code).toBe(2);
    expect(typo.err).toContain('manifests[0].spec.replica: Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica"');
    expect(sim(['scenarios/kill-etcd-leader.yaml', '--until', '87600h']).err).toContain('--until: expected at most 24h');
  });
});
