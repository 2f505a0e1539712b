// The kubelet's and kube-proxy's nextTick is never late: a tick before the time it
// names does nothing (sends nothing, records nothing, changes neither its view nor its
// answer). The cluster runs with every tick delivered (the wrappers hide nextTick from
// the machine) and each tick checks the process's own answer against what it did,
// through a rollout, a worker's crash and restart, a cordon, a deleted pod, a crashing
// container and an image that does not pull (retries, back-offs and holds).

import { describe, expect, it } from 'vitest';
import { processFactory } from '../../cluster/processes';
import { parseScenario, simulationInit } from '../../cluster/scenario';
import { InProcessCluster } from '../../host/in-process';
import type { Process, ProcessFactory, Runtime } from '../../sim/process';

interface Tally {
  /** Ticks before the time nextTick named: each must do nothing. */
  early: number;
  /** Ticks at or after it. */
  due: number;
  /** Early ticks that did something (each a failure: message). */
  acted: string[];
}

function checking(tally: Tally): ProcessFactory {
  return (spec, runtimeFor) => {
    const effects = new Map<string, number>();
    const counted = (name: string, port: number): Runtime => {
      const rt = runtimeFor(name, port);
      const bump = () => effects.set(name, (effects.get(name) ?? 0) + 1);
      return {
        host: rt.host, rng: rt.rng, disk: rt.disk, now: () => rt.now(),
        send: (dst, kind, body, srcPort) => (bump(), rt.send(dst, kind, body, srcPort)),
        emit: (ev) => (bump(), rt.emit(ev)),
        emitStamped: (ev) => (bump(), rt.emitStamped(ev)),
        reply: (id, result) => (bump(), rt.reply(id, result)),
      };
    };
    return processFactory(spec, counted).map((p): Process => {
      if (!p.nextTick) return p;
      const inner = p as Process & { nextTick(): number };
      let now = 0;
      const clock = counted(`${p.name}/clock`, 0); // for the time only
      return {
        name: p.name, ports: p.ports,
        receive: (pkt) => inner.receive(pkt),
        command: inner.command ? (id, cmd) => inner.command!(id, cmd) : undefined,
        view: () => inner.view(),
        tick: () => {
          now = clock.now();
          const wake = inner.nextTick();
          if (now >= wake) {
            tally.due++;
            return inner.tick();
          }
          tally.early++;
          const before = effects.get(p.name) ?? 0;
          const view = JSON.stringify(inner.view());
          inner.tick();
          const after = inner.nextTick();
          if ((effects.get(p.name) ?? 0) !== before || JSON.stringify(inner.view()) !== view || after !== wake) {
            tally.acted.push(`${spec.name}/${p.name} at ${now}: nextTick said ${wake}, the tick acted (effects ${before} → ${effects.get(p.name) ?? 0}, next ${after})`);
          }
        },
      };
    });
  };
}

describe('nextTick of the kubelet and kube-proxy', () => {
  it('is never later than a tick that acts', () => {
    const scenario = parseScenario(`
name: next-tick
seed: 5
until: 70s
profile: classroom
topology: { etcd: stacked, masters: 1, workers: 3 }
manifests:
  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: web }, spec: { replicas: 6, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: nginx, image: "nginx:1.27" } ] } } } }
  - { apiVersion: v1, kind: Pod, metadata: { name: crash }, spec: { containers: [ { name: c, image: "busybox:1.36", command: [sh, -c, "sleep 2; exit 1"] } ] } }
  - { apiVersion: v1, kind: Pod, metadata: { name: nopull }, spec: { containers: [ { name: c, image: "no-such-registry.example/none:1" } ] } }
faults:
  - { at: 20s, kill: worker-2 }
  - { at: 32s, restart: worker-2 }
  - { at: 25s, kubectl: "cordon worker-1" }
  - { at: 40s, kubectl: "delete pod crash" }
  - { at: 45s, kubectl: "uncordon worker-1" }
`);
    const tally: Tally = { early: 0, due: 0, acted: [] };
    const cluster = new InProcessCluster(simulationInit(scenario), checking(tally));
    cluster.runToEnd();
    expect(tally.acted).toEqual([]);
    // Most ticks of an idle node are early: what the wake-ups leave out.
    expect(tally.early).toBeGreaterThan(tally.due);
    expect(tally.due).toBeGreaterThan(100);
    // The run did what it was meant to: pods ran, and the worker came back.
    const phases = cluster.sim.trace.filter((e) => e.type === 'pod.phase');
    expect(phases.filter((e) => (e as { phase: string }).phase === 'Running').length).toBeGreaterThanOrEqual(6);
    expect(cluster.sim.trace.some((e) => e.type === 'machine.up' && (e as { machine: string }).machine === 'worker-2')).toBe(true);
  });
});
