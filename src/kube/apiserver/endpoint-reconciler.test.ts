// The `kubernetes` Service's endpoints are the live apiservers: each renews a 15 s etcd
// lease under /registry/masterleases/, and a dead master drops out of the slice once
// etcd expires its lease.

import { describe, expect, it } from 'vitest';
import { etcdctl, kubeCluster, kubectl, output, runUntilTrue } from '../../host/testing/cluster';

describe('the lease endpoint reconciler', () => {
  it('lists every live apiserver, and drops a dead one within the lease TTL plus a reconcile', () => {
    const c = kubeCluster('name: eps\nseed: 4\nuntil: 1h\ntopology: { etcd: stacked, masters: 3, workers: 1 }\n');
    c.runUntil(25_000);
    expect(output(kubectl(c, 'kubectl get endpointslices kubernetes'))).toMatch(/\nkubernetes\s+IPv4\s+6443\s+10\.0\.0\.11,10\.0\.0\.12,10\.0\.0\.13\s/);
    expect(output(kubectl(c, 'kubectl describe svc kubernetes'))).toMatch(/\nEndpoints:\s+10\.0\.0\.11:6443,10\.0\.0\.12:6443,10\.0\.0\.13:6443\n/);
    expect(output(etcdctl(c, 'etcdctl get /registry/masterleases --prefix --keys-only')).split('\n').filter(Boolean)).toEqual(['/registry/masterleases/10.0.0.11', '/registry/masterleases/10.0.0.12', '/registry/masterleases/10.0.0.13']);
    c.sim.inject({ kind: 'kill', target: 'master-2' }, 'test');
    const killedAt = c.sim.now;
    const without = () => /\nkubernetes\s+IPv4\s+6443\s+10\.0\.0\.11,10\.0\.0\.13\s/.test(output(kubectl(c, 'kubectl get endpointslices kubernetes')));
    expect(runUntilTrue(c, without, 40_000)).toBe(true);
    // 15 s lease TTL, then up to one 10 s reconcile (and an etcd round).
    expect(c.sim.now - killedAt).toBeGreaterThanOrEqual(13_000);
    expect(c.sim.now - killedAt).toBeLessThanOrEqual(27_000);
    c.sim.inject({ kind: 'restart', target: 'master-2' }, 'test');
    expect(runUntilTrue(c, () => /10\.0\.0\.11,10\.0\.0\.12,10\.0\.0\.13/.test(output(kubectl(c, 'kubectl get endpointslices kubernetes'))), 40_000)).toBe(true);
  });
});
