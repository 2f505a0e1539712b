// kube-controller-manager builds its informers and controllers only once it holds the
// Lease (OnStartedLeading in controllermanager.go), so a standby lists and watches
// nothing; a new leader lists everything and manages the workloads.

import { describe, expect, it } from 'vitest';
import type { ApiserverView, ControllerManagerView } from '../../protocol/kube-views';
import { eventsOf, kubeCluster, kubectl, output, pods, runUntilTrue } from '../../host/testing/cluster';
import type { InProcessCluster } from '../../host/in-process';

const HA = `name: kcm-standby
seed: 2
until: 10m
topology: { etcd: stacked, masters: 3, workers: 2 }
manifests:
  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: web }, spec: { replicas: 3, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [ { name: nginx, image: "nginx:1.27" } ] } } } }
`;

function view<T>(c: InProcessCluster, machine: string, process: string): T | undefined {
  return c.views().get(machine)?.processes[process] as T | undefined;
}

const MASTERS = ['master-1', 'master-2', 'master-3'];

describe('kube-controller-manager standby', () => {
  it('watches nothing until it leads; a new leader lists and runs the controllers', () => {
    const c = kubeCluster(HA);
    c.runUntil(30_000);
    const holder = c.sim.leaseHolder('kube-system/kube-controller-manager');
    expect(holder).toMatch(/^master-\d$/);
    for (const m of MASTERS) {
      const kcm = view<ControllerManagerView>(c, m, 'kube-controller-manager')!;
      expect(kcm.election.leader).toBe(m === holder);
      expect(kcm.synced).toBe(m === holder);
      expect(kcm.controllers).toContain('replicaset-controller');
    }
    // Each controller-manager talks to its own master's apiserver: the leader's 13
    // informers watch there, a standby's nothing (the rest: the scheduler's two and the
    // kubelets' and kube-proxies' through the load balancer).
    const watchers = (m: string) => view<ApiserverView>(c, m, 'kube-apiserver')!.watchers;
    // (Seed 2: 8, 18, 8 with the leader on master-2; standbys that watched gave 21.)
    for (const m of MASTERS) if (m !== holder) expect(watchers(m)).toBeLessThan(watchers(holder!));
    const killedAt = c.sim.now;
    c.sim.inject({ kind: 'kill', target: holder! }, 'test');
    const next = () => eventsOf(c, 'lease.holder', (e) => e.lease === 'kube-system/kube-controller-manager' && e.t > killedAt)[0]?.holder;
    expect(runUntilTrue(c, () => next() !== undefined, 30_000)).toBe(true);
    const leader = next()!;
    expect(runUntilTrue(c, () => view<ControllerManagerView>(c, leader, 'kube-controller-manager')?.synced === true, 10_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl scale deployment web --replicas=5'))).toBe('deployment.apps/web scaled');
    expect(runUntilTrue(c, () => [...pods(c).values()].filter((p) => p.status === 'Running').length === 5, 60_000)).toBe(true);
  });
});
