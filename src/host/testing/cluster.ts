// Test helpers for the Kubernetes scenarios: a cluster from scenario text on the
// in-process host, kubectl lines answered on the sim clock, trace queries.

import { parseScenario, simulationInit } from '../../cluster/scenario';
import { InProcessCluster } from '../in-process';
import type { TraceEvent } from '../../protocol/trace';
import type { CommandResult } from '../../sim/process';

export function kubeCluster(yaml: string): InProcessCluster {
  return new InProcessCluster(simulationInit(parseScenario(yaml)));
}

let nextId = 1_000_000;

/** Sends a command to a process on the client machine and runs the sim until it is
 * answered. */
export function ask(c: InProcessCluster, process: 'kubectl' | 'console', command: { line: string; stdin?: string }, maxMs = 60_000): CommandResult {
  const id = nextId++;
  c.sim.command('client', process, id, command);
  const end = c.sim.now + maxMs;
  while (c.sim.now < end) {
    c.runUntil(c.sim.now + 100);
    const r = c.sim.takeReplies().find((x) => x.id === id);
    if (r) return r.result;
  }
  throw new Error(`no answer to ${command.line}`);
}

/** Runs a kubectl line (through the load balancer, as the console does). */
export function kubectl(c: InProcessCluster, line: string, stdin?: string, maxMs = 60_000): CommandResult {
  return ask(c, 'kubectl', { line, ...(stdin !== undefined ? { stdin } : {}) }, maxMs);
}

/** Runs an etcdctl line (straight to the etcd members). */
export function etcdctl(c: InProcessCluster, line: string, maxMs = 30_000): CommandResult {
  return ask(c, 'console', { line }, maxMs);
}

export function output(r: CommandResult): string {
  return r.ok ? r.output : r.error;
}

/** Events of one type (optionally matching), in trace order. */
export function eventsOf<T extends TraceEvent['type']>(c: InProcessCluster, type: T, match: (e: Extract<TraceEvent, { type: T }>) => boolean = () => true): Extract<TraceEvent, { type: T }>[] {
  return c.sim.trace.filter((e): e is Extract<TraceEvent, { type: T }> => e.type === type && match(e as Extract<TraceEvent, { type: T }>));
}

/** Runs until `cond` holds (checked every 100 ms of sim time) or `maxMs` passes. */
export function runUntilTrue(c: InProcessCluster, cond: () => boolean, maxMs: number): boolean {
  const end = c.sim.now + maxMs;
  while (c.sim.now < end) {
    if (cond()) return true;
    c.runUntil(c.sim.now + 100);
  }
  return cond();
}

/** The pods the API has (from `kubectl get pods -o wide`), parsed: name → node, status. */
export function pods(c: InProcessCluster, ns = 'default'): Map<string, { status: string; node: string }> {
  const r = kubectl(c, `kubectl get pods -n ${ns} -o wide`);
  const out = new Map<string, { status: string; node: string }>();
  if (!r.ok) return out;
  // Columns of `-o wide`: NAME READY STATUS RESTARTS AGE IP NODE …
  for (const line of r.output.split('\n').slice(1)) {
    const cells = line.split(/\s{2,}/);
    out.set(cells[0]!, { status: cells[2]!, node: cells[6]! });
  }
  return out;
}

export const WEB_DEPLOYMENT = (name: string, replicas: number, selector?: string) => `
  - apiVersion: apps/v1
    kind: Deployment
    metadata: { name: ${name} }
    spec:
      replicas: ${replicas}
      selector: { matchLabels: { app: ${name} } }
      template:
        metadata: { labels: { app: ${name} } }
        spec:
          ${selector ? `nodeSelector: { ${selector} }` : ''}
          containers: [ { name: nginx, image: "nginx:1.27", resources: { requests: { cpu: 100m, memory: 64Mi } } } ]`;
