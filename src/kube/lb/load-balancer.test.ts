// The load balancer in front of the apiservers, rebooted after a long life: its health
// checks must be answered again at once (a rebooted LB that reused its old request ids
// was ignored by the apiservers' duplicate suppression for as long as it had run).

import { describe, expect, it } from 'vitest';
import type { LoadBalancerView } from './load-balancer';
import { kubeCluster, kubectl, output } from '../../host/testing/cluster';

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
