// The endpoints controller: which pods a Service's Endpoints list and how (ready ones under
// addresses, the others under notReadyAddresses, terminating and finished ones left out,
// named target ports resolved per pod), and, on a live cluster, `kubectl get endpoints`,
// the etcd key and the Endpoints going with their Service.

import { describe, expect, it } from 'vitest';
import type { Pod, Service } from '../api/types';
import { etcdctl, kubeCluster, kubectl, output, runUntilTrue } from '../../host/testing/cluster';
import { endpointSubsets } from './endpoints';

const svc = (targetPort: number | string): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort }] } });
const pod = (name: string, ip: string, opts: { ready?: boolean; deleting?: boolean; phase?: string; portName?: string } = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid: `uid-${name}`, labels: { app: 'web' }, ...(opts.deleting ? { deletionTimestamp: '2026-01-01T00:00:09Z' } : {}) },
  spec: { nodeName: 'worker-1', containers: [{ name: 'c', image: 'nginx:1.27', ...(opts.portName ? { ports: [{ name: opts.portName, containerPort: 8080 }] } : {}) }] },
  status: { phase: opts.phase ?? 'Running', podIP: ip, conditions: [{ type: 'Ready', status: opts.ready === false ? 'False' : 'True' }] },
} as unknown as Pod);

describe('the endpoints controller', () => {
  it('ready pods under addresses sorted by IP, unready under notReadyAddresses, terminating and finished pods left out', () => {
    const subsets = endpointSubsets(svc(80), [pod('b', '10.244.1.9'), pod('a', '10.244.1.10'), pod('c', '10.244.2.2', { ready: false }), pod('d', '10.244.2.3', { deleting: true }), pod('e', '10.244.2.4', { phase: 'Succeeded' })]);
    expect(subsets).toEqual([{
      addresses: [
        { ip: '10.244.1.10', nodeName: 'worker-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'a', uid: 'uid-a' } },
        { ip: '10.244.1.9', nodeName: 'worker-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' } },
      ],
      notReadyAddresses: [{ ip: '10.244.2.2', nodeName: 'worker-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'c', uid: 'uid-c' } }],
      ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
    }]);
  });

  it('a named targetPort is each pod\'s own container port; a pod without it is left out', () => {
    const subsets = endpointSubsets(svc('web'), [pod('a', '10.244.1.2', { portName: 'web' }), pod('b', '10.244.1.3')]);
    expect(subsets).toEqual([{ addresses: [expect.objectContaining({ ip: '10.244.1.2' })], ports: [{ name: 'http', port: 8080, protocol: 'TCP' }] }]);
    expect(endpointSubsets(svc(80), [])).toEqual([]);
  });

  it('live: kubectl get endpoints, the etcd key, the apiservers\' own kubernetes Endpoints, gone with the Service', () => {
    const c = kubeCluster('name: ep\nseed: 5\nuntil: 1h\ntopology: { masters: 3, workers: 2 }\n');
    c.runUntil(10_000);
    expect(output(kubectl(c, 'kubectl create deployment web --image=nginx:1.27 --replicas=2 --port=80'))).toBe('deployment.apps/web created');
    expect(output(kubectl(c, 'kubectl expose deployment web --port=80'))).toBe('service/web exposed');
    expect(runUntilTrue(c, () => /^web\s+10\.244\.\d+\.\d+:80,10\.244\.\d+\.\d+:80\s+\d+s$/m.test(output(kubectl(c, 'kubectl get endpoints'))), 60_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl get ep'))).toMatch(/^kubernetes\s+10\.0\.0\.11:6443,10\.0\.0\.12:6443,10\.0\.0\.13:6443\s+\d+s$/m);
    expect(output(etcdctl(c, 'etcdctl get /registry/services --prefix --keys-only')).split('\n').filter(Boolean)).toEqual([
      '/registry/services/endpoints/default/kubernetes',
      '/registry/services/endpoints/default/web',
      '/registry/services/specs/default/kubernetes',
      '/registry/services/specs/default/web',
    ]);
    const manual = (ip: string) => `apiVersion: v1\nkind: Endpoints\nmetadata: { name: db }\nsubsets: [ { addresses: [ { ip: "${ip}" } ], ports: [ { port: 5432 } ] } ]\n`;
    expect(output(kubectl(c, 'kubectl apply -f -', manual('10.1.2.300')))).toMatch(/^The Endpoints "db" is invalid: subsets\[0\]\.addresses\[0\]\.ip: Invalid value: "10\.1\.2\.300": must be a valid IP address/);
    expect(output(kubectl(c, 'kubectl apply -f -', manual('10.1.2.3')))).toBe('endpoints/db created');
    expect(output(kubectl(c, 'kubectl delete svc web'))).toBe('service "web" deleted');
    expect(runUntilTrue(c, () => !/^web\s/m.test(output(kubectl(c, 'kubectl get endpoints'))), 30_000)).toBe(true);
    // The hand-written one (no Service of its name) is not the controller's: it stays.
    expect(output(kubectl(c, 'kubectl get endpoints db'))).toMatch(/^db\s+10\.1\.2\.3:5432\s+\d+s$/m);
  });
});
