// A run is a recording (issue 11): a scenario's console, cordon and chaos steps run as
// the page runs them, and the trace records every console line and its answer.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario, ScenarioError } from '../cluster/scenario';
import { dispatchConsole } from '../shell/dispatch';
import type { TraceEvent } from '../protocol/trace';
import { runScenario } from './in-process';

const BASE = `
name: steps
seed: 3
until: 20s
topology: { masters: 1, workers: 1 }
manifests:
  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: web }, spec: { replicas: 2, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: web, image: nginx }] } } } }
faults:
`;

function run(steps: string): TraceEvent[] {
  return runScenario(parseScenario(BASE + steps)).events as TraceEvent[];
}

/** Each console line with its answer, in the order run. */
function consoleOf(events: readonly TraceEvent[]): { line: string; text: string; ok: boolean; t: number }[] {
  const replies = new Map<number, { text: string; ok: boolean }>();
  for (const e of events) if (e.type === 'console.reply') replies.set(e.id, e);
  return events.flatMap((e) => (e.type === 'console.line' ? [{ ...replies.get(e.id)!, line: e.line, t: e.t }] : []));
}

function errorOf(steps: string): string {
  try {
    parseScenario(BASE + steps);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as Error).message;
  }
  throw new Error('expected the scenario to be rejected');
}

describe('recording steps', () => {
  it('kubectl: the line runs at its time and its answer is in the trace', () => {
    const c = consoleOf(run('  - { at: 10s, kubectl: "scale deployment web --replicas=3" }\n'));
    expect(c).toHaveLength(1);
    expect(c[0]).toMatchObject({ line: 'kubectl scale deployment web --replicas=3', text: 'deployment.apps/web scaled', ok: true, t: 10_000 });
  });

  it('etcdctl: member list answers with the table', () => {
    const c = consoleOf(run('  - { at: 10s, etcdctl: "member list -w table" }\n'));
    expect(c[0]!.line).toBe('etcdctl member list -w table');
    expect(c[0]!.ok).toBe(true);
    expect(c[0]!.text).toContain('etcd-1');
  });

  it('cordon, uncordon and drain are the inspector\'s kubectl lines', () => {
    const c = consoleOf(run('  - { at: 10s, cordon: worker-1 }\n  - { at: 12s, uncordon: worker-1 }\n  - { at: 14s, drain: worker-1 }\n'));
    expect(c.map((x) => x.line)).toEqual(['kubectl cordon worker-1', 'kubectl uncordon worker-1', 'kubectl drain worker-1 --ignore-daemonsets --force']);
    expect(c[0]!.text).toBe('node/worker-1 cordoned');
    expect(c[1]!.text).toBe('node/worker-1 uncordoned');
    expect(c[2]!.text).toContain('node/worker-1 drained');
  });

  it('chaos on and off: the live chaos runs between them and ends with a liveness phase', () => {
    const ev = run('  - { at: 5s, chaos: on }\n  - { at: 15s, chaos: off }\n');
    const chaosFaults = ev.filter((e) => e.type === 'fault' && e.via?.startsWith('chaos'));
    expect(chaosFaults.length).toBeGreaterThan(0);
    expect(chaosFaults.every((e) => e.t >= 5000 && e.t <= 15_000)).toBe(true);
  });

  it('isolate cuts a machine off', () => {
    const ev = run('  - { at: 10s, isolate: worker-1 }\n');
    expect(ev.some((e) => e.type === 'fault' && e.action === 'isolate' && e.target === 'worker-1' && e.t === 10_000)).toBe(true);
  });

  it("a step's route is the shell's for the same line", () => {
    const s = parseScenario(BASE + '  - { at: 1s, kubectl: "get pods" }\n  - { at: 2s, etcdctl: "endpoint status" }\n  - { at: 3s, drain: worker-1 }\n');
    for (const { step } of s.steps) if (step.kind === 'console') expect(step.route).toEqual(dispatchConsole(step.line));
  });

  it('a bad step names its field', () => {
    expect(errorOf('  - { at: 1s, cordon: worker-9 }\n')).toMatch(/^faults\[0\]\.cordon: no machine named "worker-9"/);
    expect(errorOf('  - { at: 1s, chaos: maybe }\n')).toMatch(/^faults\[0\]\.chaos: expected on or off/);
    expect(errorOf('  - { at: 1s, kubectl: "" }\n')).toMatch(/^faults\[0\]\.kubectl: expected a console line/);
    expect(errorOf('  - { at: 1s, etcdctl: 3 }\n')).toMatch(/^faults\[0\]\.etcdctl: expected a string/);
    expect(errorOf('  - { at: 1s, kubectl: "get pods", cordon: worker-1 }\n')).toMatch(/^faults\[0\]: expected exactly one of/);
    expect(errorOf('  - { at: 1s, uncordn: worker-1 }\n')).toMatch(/^faults\[0\]\.uncordn: unknown field/);
  });

  it('recording-demo.yaml: same scenario + seed give the same trace, byte for byte', () => {
    const text = readFileSync(new URL('../../scenarios/recording-demo.yaml', import.meta.url), 'utf8');
    const a = runScenario(parseScenario(text)).traceText;
    const b = runScenario(parseScenario(text)).traceText;
    expect(a).toBe(b);
    expect(a).toContain('"type":"console.line"');
    expect(a).toContain('"type":"console.reply"');
  });
});
