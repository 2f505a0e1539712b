// Client-side rate limits in a running cluster: kube-controller-manager's
// replicaset-controller creates pods (and records their events) through its own
// clientset (--kube-api-qps 20, --kube-api-burst 30), so a large scale-up goes a burst
// at once, then about 20 requests a second;
// a small one is not slowed at all. The trace stays the same for the same seed.

import { describe, expect, it } from 'vitest';
import { eventsOf, kubeCluster, kubectl, output, runUntilTrue } from '../../host/testing/cluster';
import type { InProcessCluster } from '../../host/in-process';
import type { ControllerManagerView } from '../../protocol/kube-views';
import { traceLine } from '../../protocol/trace';

const CLUSTER = (replicas: number) => `name: client-qps
seed: 7
until: 10m
topology: { etcd: stacked, masters: 1, workers: 3 }
manifests:
  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: web }, spec: { replicas: ${replicas}, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: nginx, image: "nginx:1.27" } ] } } } }
`;

/** The cluster with its first `web` pod bound: the control plane is up and idle. */
function booted(replicas: number): InProcessCluster {
  const c = kubeCluster(CLUSTER(replicas));
  expect(runUntilTrue(c, () => eventsOf(c, 'pod.bound', (e) => e.pod.startsWith('default/web-')).length >= replicas, 60_000)).toBe(true);
  c.runUntil(c.sim.now + 5000);
  return c;
}

/** Sim ms after `t0` at which each web pod was bound (the scheduler binds at once: its
 * own limit is 50 QPS, burst 100), in order. */
function boundAfter(c: InProcessCluster, t0: number): number[] {
  return eventsOf(c, 'pod.bound', (e) => e.t >= t0 && e.pod.startsWith('default/web-')).map((e) => e.t - t0);
}

function kcm(c: InProcessCluster): ControllerManagerView {
  return c.views().get('master-1')!.processes['kube-controller-manager'] as ControllerManagerView;
}

function scaleTo130(): { c: InProcessCluster; t0: number } {
  const c = booted(1);
  const t0 = c.sim.now;
  expect(output(kubectl(c, 'kubectl scale deployment web --replicas=130'))).toBe('deployment.apps/web scaled');
  expect(runUntilTrue(c, () => boundAfter(c, t0).length >= 129, 30_000)).toBe(true);
  return { c, t0 };
}

describe('client-side rate limits (client-go QPS / Burst)', () => {
  it('a Deployment scaled to 130: a burst at once, then about 20 requests a second', () => {
    const { c, t0 } = scaleTo130();
    const bound = boundAfter(c, t0);
    expect(bound).toHaveLength(129);
    // The burst: the bucket's 30 tokens let the first slow-start batches (1, 2, 4, 8)
    // through as fast as the answers come. Their SuccessfulCreate events take tokens
    // too: the controller's event broadcaster writes through the controller's own
    // clientset (StartRecordingToSink with its kubeClient), so fewer than 30 creates.
    expect(bound.filter((t) => t < 500).length).toBeGreaterThanOrEqual(15);
    // …and then 20 tokens a second: far from all 129 in the first second.
    const firstSecond = bound.filter((t) => t < 1000).length;
    expect(firstSecond).toBeGreaterThanOrEqual(20);
    expect(firstSecond).toBeLessThanOrEqual(40);
    // Once the events' spam filter has let its 25 through, creates alone: ~20 a second.
    const from2to5 = bound.filter((t) => t >= 2000 && t < 5000).length;
    expect(from2to5).toBeGreaterThanOrEqual(45);
    expect(from2to5).toBeLessThanOrEqual(66);
    // 129 creates and 25 events after a 30-token burst: ~6–7 s, not ~1 s.
    const last = bound[bound.length - 1]!;
    expect(last).toBeGreaterThan(4500);
    expect(last).toBeLessThan(9000);
    // client-go's log line, once (its throttled logger speaks at most every 10 s).
    const logged = eventsOf(c, 'client.throttled', (e) => e.t >= t0);
    expect(logged.length).toBeGreaterThanOrEqual(1);
    expect(logged[0]).toMatchObject({ machine: 'master-1', process: 'kube-controller-manager', client: 'replicaset-controller' });
    expect(logged[0]!.message).toMatch(/^Waited for 1(\.\d+)?s due to client-side throttling, not priority and fairness, request: POST:https:\/\/master-1:6443\/api\/v1\/namespaces\/default\/(pods|events)$/);
    // The inspector's numbers: the controller's clientset, its limits, nothing waiting now.
    const rs = kcm(c).clients?.find((x) => x.name === 'replicaset-controller');
    expect(rs).toMatchObject({ qps: 20, burst: 30, waiting: 0 });
    expect(rs!.throttled).toBeGreaterThan(90);
  });

  it('a small Deployment (6 pods) is not slowed at all', () => {
    const c = booted(1);
    const t0 = c.sim.now;
    expect(output(kubectl(c, 'kubectl scale deployment web --replicas=6'))).toBe('deployment.apps/web scaled');
    expect(runUntilTrue(c, () => boundAfter(c, t0).length >= 5, 10_000)).toBe(true);
    expect(Math.max(...boundAfter(c, t0))).toBeLessThan(1000);
    expect(kcm(c).clients?.find((x) => x.name === 'replicaset-controller')).toBeUndefined();
    expect(eventsOf(c, 'client.throttled')).toHaveLength(0);
  });

  it('gives the same trace for the same seed', () => {
    const a = scaleTo130().c.sim.trace.map(traceLine).join('\n');
    const b = scaleTo130().c.sim.trace.map(traceLine).join('\n');
    expect(a.length).toBeGreaterThan(0);
    expect(a).toBe(b);
  });
});
