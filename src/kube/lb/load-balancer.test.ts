// The load balancer in front of the apiservers, rebooted after a long life: its health
// checks must be answered again at once (a rebooted LB that reused its old request ids
// was ignored by the apiservers' duplicate suppression for as long as it had run).

import { describe, expect, it } from 'vitest';
import type { LoadBalancerView } from './load-balancer';
import { kubeCluster, kubectl, output } from '../../host/testing/cluster';
import { parseScenario, simulationInit } from '../../cluster/scenario';
import { processFactory } from '../../cluster/processes';
import { InProcessCluster } from '../../host/in-process';
import type { ProcessFactory } from '../../sim/process';

describe('load balancer', () => {
  it('a restarted LB marks its live backends up within a few checks, and kubectl works again', () => {
    const c = kubeCluster('name: lb\nseed: 3\nuntil: 1h\ntopology: { etcd: stacked, masters: 3, workers: 1 }\n');
    c.runUntil(120_000);
    c.sim.inject({ kind: 'kill', target: 'lb' }, 'test');
    c.runUntil(130_000);
    c.sim.inject({ kind: 'restart', target: 'lb' }, 'test');
    const restartedAt = c.sim.now;
    const backendsUp = () => {
      const view = c.driver.views(['lb']).get('lb')?.processes['haproxy'] as LoadBalancerView | undefined;
      return view?.backends.filter((b) => b.up).length ?? 0;
    };
    // Backends start up (HAProxy's default); they must stay up, their checks answered.
    for (let t = restartedAt + 1_000; t <= restartedAt + 30_000; t += 1_000) {
      c.runUntil(t);
      expect(backendsUp()).toBe(3);
    }
    expect(output(kubectl(c, 'kubectl get nodes'))).toMatch(/^NAME\s+STATUS/);
  });
});

describe('load balancer and a crashed apiserver', () => {
  it('a kube-apiserver that crashed fails its health checks: marked down within fall × inter, its connections closed, kubectl answered by the others', () => {
    // The apiserver on master-3 throws on every packet from t = 60 s (a bug or a bad
    // object): the machine stops it, its port goes silent, as a crashed daemon's would.
    const crashAt = 60_000;
    const factory: ProcessFactory = (spec, runtimeFor) =>
      processFactory(spec, runtimeFor).map((p) => {
        if (spec.name !== 'master-3' || p.name !== 'kube-apiserver') return p;
        const receive = p.receive.bind(p);
        p.receive = (packet) => {
          if (now() >= crashAt) throw new Error('injected crash');
          receive(packet);
        };
        return p;
      });
    const init = simulationInit(parseScenario('name: lb\nseed: 3\nuntil: 1h\ntopology: { etcd: stacked, masters: 3, workers: 1 }\n'));
    const c = new InProcessCluster(init, factory);
    const now = () => c.sim.now;
    const backend = (host: string) => (c.driver.views(['lb']).get('lb')?.processes['haproxy'] as LoadBalancerView).backends.find((b) => b.host === host)!;
    c.runUntil(crashAt);
    expect(backend('master-3')).toMatchObject({ up: true });
    expect(backend('master-3').connections).toBeGreaterThan(0);
    c.runUntil(crashAt + 2_000);
    expect(c.sim.trace.some((e) => e.type === 'process.crash' && e.machine === 'master-3' && e.process === 'kube-apiserver')).toBe(true);
    // `inter 2s fall 3`, `timeout check 1s`: three failed checks, at most about 7 s.
    c.runUntil(crashAt + 8_000);
    expect(backend('master-3')).toEqual({ host: 'master-3', up: false, connections: 0 });
    expect(output(kubectl(c, 'kubectl get nodes'))).toMatch(/^NAME\s+STATUS/);
    // And it stays down: nothing answers for it.
    c.runUntil(c.sim.now + 30_000);
    expect(backend('master-3').up).toBe(false);
  });
});
