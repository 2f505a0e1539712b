// The HTTP/2 health check on a whole cluster (3 masters, 1 worker, classroom profile):
// an idle client keeps its connection by pings answered through the load balancer by
// the apiserver, not by a BOOKMARK every few seconds per watch; and a load balancer
// that restarts before any ping notices (a kubelet's Lease renewals keep its connection
// busy) still costs the kubelet its old watches, which it learns from the new
// connection's id, so a pod bound to the node afterwards starts.

import { describe, expect, it } from 'vitest';
import { kubeCluster, kubectl, output, pods, runUntilTrue } from '../../host/testing/cluster';

const CLUSTER = 'name: ping\nseed: 5\nuntil: 1h\ntopology: { etcd: stacked, masters: 3, workers: 1 }\n';

describe('client connections: the HTTP/2 health check', () => {
  it('an idle cluster pings its quiet connections: answered, never reset, with few watch messages to the worker', () => {
    const c = kubeCluster(CLUSTER);
    c.runUntil(30_000);
    c.sim.takePacketsForFrame();
    const seen = new Map<number, { kind: string; from: string; to: string }>();
    for (let t = 30_100; t <= 90_000; t += 100) {
      c.runUntil(t);
      for (const p of c.sim.takePacketsForFrame(Infinity)) seen.set(p.id, p);
    }
    const count = (kind: string, from?: string, to?: string) => [...seen.values()].filter((p) => p.kind === kind && (!from || p.from === from) && (!to || p.to === to)).length;
    // kube-proxy's connection is quiet (no Service changes): pinged every ~5.3 s.
    expect(count('kube.ping', 'worker-1', 'lb')).toBeGreaterThanOrEqual(8);
    expect(count('kube.pong', 'lb', 'worker-1')).toBeGreaterThanOrEqual(count('kube.ping', 'worker-1', 'lb') - 1);
    expect(count('kube.reset', undefined, 'worker-1')).toBe(0);
    // Its kubelet's and kube-proxy's idle watches: a BOOKMARK about once a minute each
    // (every 2 s each before: over 100 in this minute).
    expect(count('kube.watch', 'lb', 'worker-1')).toBeLessThan(20);
  });

  it('a load balancer down for 1 s: the kubelet drops its old watches on the new connection, and a new pod on its node runs', () => {
    const c = kubeCluster(CLUSTER);
    expect(runUntilTrue(c, () => output(kubectl(c, 'kubectl get nodes')).includes('worker-1   Ready'), 60_000)).toBe(true);
    // Between two of the kubelet's Lease renewals (every 4 s): its connection gives a
    // frame again before it has been quiet long enough to ping.
    c.runUntil(42_500);
    c.sim.inject({ kind: 'kill', target: 'lb' }, 'test');
    c.runUntil(43_500);
    c.sim.inject({ kind: 'restart', target: 'lb' }, 'test');
    c.runUntil(50_000);
    expect(output(kubectl(c, 'kubectl run late --image=nginx:1.27'))).toBe('pod/late created');
    expect(runUntilTrue(c, () => pods(c).get('late')?.status === 'Running', 30_000)).toBe(true);
  });
});
