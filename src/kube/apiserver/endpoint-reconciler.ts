// The `kubernetes` Service's endpoints, kept by the apiservers themselves (the "lease"
// endpoint reconciler, kube-apiserver's default): every 10 s each live apiserver writes
// its address under /registry/masterleases/<ip> with a 15 s etcd lease, lists the
// addresses whose leases are alive, and makes the Endpoints and the EndpointSlice
// `kubernetes` (port https 6443) say exactly those, as the reconciler's EndpointsAdapter
// writes both. A master that dies drops out of the slice within
// about 15 s, when etcd expires its lease: `kubectl get endpointslices` shows HA at
// work, and `etcdctl get /registry/masterleases --prefix --keys-only` shows how.

import type { EtcdClient } from '../../etcd/clientv3/etcd-client';
import { prefixEnd } from '../../etcd/key-range';
import type { ResponseOp } from '../../etcd/types';
import { canonical } from '../api/canonical';
import type { Endpoints, EndpointSlice, KubeObject } from '../api/types';

/** The two objects the reconciler keeps. */
export type MasterObject = 'endpoints' | 'endpointslices';

const PREFIX = '/registry/masterleases/';
const RECONCILE_EVERY_MS = 10_000;
const LEASE_TTL_S = 15;

export class EndpointReconciler {
  private nextAt = 0;
  private busy = false;

  constructor(
    private readonly etcd: EtcdClient,
    /** This apiserver's --advertise-address. */
    private readonly ip: string,
    /** The cached Endpoints or EndpointSlice `default/kubernetes`, if any. */
    private readonly current: (r: MasterObject) => KubeObject | undefined,
    /** Creates the object, or updates the existing one, through the apiserver's own
     * registry (defaults, validation, trace). */
    private readonly write: (r: MasterObject, obj: Endpoints | EndpointSlice, exists: boolean, done: () => void) => void,
  ) {}

  tick(now: number, ready: boolean): void {
    if (!ready || this.busy || now < this.nextAt) return;
    this.busy = true;
    this.nextAt = now + RECONCILE_EVERY_MS;
    const finish = () => {
      this.busy = false;
    };
    this.etcd.request({ type: 'leaseGrant', ttl: LEASE_TTL_S }, (g) => {
      if (!g.ok || !g.lease) return finish();
      const value = JSON.stringify({ kind: 'Endpoints', apiVersion: 'v1', metadata: { name: this.ip, creationTimestamp: null }, subsets: [{ addresses: [{ ip: this.ip }] }] });
      this.etcd.request({ type: 'put', key: `${PREFIX}${this.ip}`, value, lease: g.lease.id }, (p) => {
        if (!p.ok) return finish();
        this.etcd.request({ type: 'range', key: PREFIX, rangeEnd: prefixEnd(PREFIX), keysOnly: true }, (r) => {
          if (!r.ok) return finish();
          const kvs = (r.response as Extract<ResponseOp, { type: 'range' }>).kvs;
          this.reconcile(kvs.map((kv) => kv.key.slice(PREFIX.length)).sort(), finish);
        });
      });
    });
  }

  private reconcile(ips: readonly string[], finish: () => void): void {
    // The Endpoints first, then the slice (EndpointsAdapter.Update).
    const ep = endpoints(ips);
    const curEp = this.current('endpoints') as Endpoints | undefined;
    const thenSlice = () => {
      const want = slice(ips);
      const cur = this.current('endpointslices') as EndpointSlice | undefined;
      if (cur && canonical(cur.endpoints) === canonical(want.endpoints) && canonical(cur.ports) === canonical(want.ports)) return finish();
      this.write('endpointslices', want, cur !== undefined, finish);
    };
    if (curEp && canonical(curEp.subsets) === canonical(ep.subsets)) return thenSlice();
    this.write('endpoints', ep, curEp !== undefined, thenSlice);
  }
}

function endpoints(ips: readonly string[]): Endpoints {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: ips.map((ip) => ({ ip })), ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  };
}

function slice(ips: readonly string[]): EndpointSlice {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'kubernetes.io/service-name': 'kubernetes' } },
    addressType: 'IPv4',
    endpoints: ips.map((ip) => ({ addresses: [ip], conditions: { ready: true } })),
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  } as EndpointSlice;
}
