// A delete straight into etcd (`etcdctl del /registry/pods/… --prefix`) is traced as
// pod.deleted (contracts.md §3: "whoever deleted it"), so the static pods' mirrors the
// kubelet then recreates are not "bound twice".

import { describe, expect, it } from 'vitest';
import { podsBoundOnce } from '../../check/pod-binding';
import { etcdctl, eventsOf, kubeCluster, output } from '../../host/testing/cluster';

describe('deletes through etcd are traced', () => {
  it('etcdctl del of kube-system pods: one pod.deleted per pod, and no pod looks bound twice', () => {
    const c = kubeCluster('name: t\nseed: 1\nuntil: 10m\ntopology: { etcd: stacked, masters: 1, workers: 1 }\n');
    c.runUntil(30_000);
    const listed = output(etcdctl(c, 'etcdctl get /registry/pods/kube-system/ --prefix --keys-only')).split('\n').filter((l) => l !== '');
    expect(listed.length).toBeGreaterThan(0);
    const del = etcdctl(c, 'etcdctl del /registry/pods/kube-system/ --prefix');
    expect(output(del)).toBe(String(listed.length));
    const deleted = eventsOf(c, 'pod.deleted').map((e) => `/registry/pods/${e.pod}`);
    expect(deleted.sort()).toEqual([...listed].sort());
    c.runUntil(c.sim.now + 40_000); // the kubelet recreates the mirror pods
    expect(eventsOf(c, 'pod.bound').length).toBeGreaterThan(listed.length);
    expect(podsBoundOnce(c.sim.trace).violations).toEqual([]);
  });

  it('a delete of one key outside /registry/pods/ traces nothing', () => {
    const c = kubeCluster('name: t\nseed: 2\nuntil: 10m\ntopology: { etcd: stacked, masters: 1, workers: 0 }\n');
    c.runUntil(20_000);
    etcdctl(c, 'etcdctl put /registry/podsx/a b');
    expect(output(etcdctl(c, 'etcdctl del /registry/podsx/a'))).toBe('1');
    expect(eventsOf(c, 'pod.deleted')).toEqual([]);
  });
});
