// kubectl's texts when no apiserver answers: what cmdutil.StandardErrorMessage prints
// for a *url.Error (no "Error from server:" prefix, which is for a Status the server
// returned), first from the texts alone, then through a cluster whose masters are down.

import { describe, expect, it } from 'vitest';
import { kubeCluster, kubectl, output } from '../../host/testing/cluster';
import { status } from '../api/wire';
import { kubectlError } from '../kubectl/errors';
import { CONNECTION_REFUSED, EOF, requestUrl, TLS_HANDSHAKE_TIMEOUT, transportStatus } from './transport-errors';

const lb = { host: 'lb', port: 6443 };

describe("kubectl's transport errors", () => {
  it('prints each as StandardErrorMessage does', () => {
    expect(kubectlError(transportStatus(EOF, lb))).toBe('Unable to connect to the server: EOF');
    expect(kubectlError(transportStatus(TLS_HANDSHAKE_TIMEOUT, lb))).toBe('Unable to connect to the server: net/http: TLS handshake timeout');
    expect(kubectlError(transportStatus(CONNECTION_REFUSED(lb), lb))).toBe('The connection to the server lb:6443 was refused - did you specify the right host or port?');
    expect(kubectlError(transportStatus('dial tcp lb:6443: i/o timeout', lb))).toBe('Unable to connect to the server: dial tcp lb:6443: i/o timeout');
    // A Status from the server keeps its prefix.
    expect(kubectlError(status('', 'etcdserver: request timed out'))).toBe('Error from server: etcdserver: request timed out');
  });

  it('with a file, the url.Error itself behind "error when creating", as AddSourceToErr and CheckErr print it', () => {
    const s = transportStatus(EOF, lb, { verb: 'create', resource: 'deployments', namespace: 'default', name: 'web' });
    expect(kubectlError(s, { verb: 'creating', file: 'STDIN' })).toBe('error: error when creating "STDIN": Post "https://lb:6443/apis/apps/v1/namespaces/default/deployments": EOF');
  });

  it('builds the URL client-go requests', () => {
    expect(requestUrl(lb, { verb: 'list', resource: 'pods', namespace: 'default' })).toBe('https://lb:6443/api/v1/namespaces/default/pods');
    expect(requestUrl(lb, { verb: 'get', resource: 'nodes', name: 'worker-1' })).toBe('https://lb:6443/api/v1/nodes/worker-1');
    expect(requestUrl(lb, { verb: 'updateStatus', resource: 'pods', namespace: 'kube-system', name: 'p' })).toBe('https://lb:6443/api/v1/namespaces/kube-system/pods/p/status');
    expect(requestUrl(lb, { verb: 'get', resource: 'leases', namespace: 'kube-node-lease', name: 'worker-1' })).toBe('https://lb:6443/apis/coordination.k8s.io/v1/namespaces/kube-node-lease/leases/worker-1');
  });
});

describe('kubectl with every apiserver down', () => {
  it('says "Unable to connect to the server: EOF" (the load balancer closes the connection), never "Error from server"', () => {
    const c = kubeCluster('name: down\nseed: 3\nuntil: 1h\ntopology: { etcd: stacked, masters: 1, workers: 1 }\n');
    c.runUntil(30_000);
    expect(output(kubectl(c, 'kubectl get nodes'))).toMatch(/^NAME\s+STATUS/);
    c.sim.inject({ kind: 'kill', target: 'master-1' }, 'test');
    // Once the health checks have failed (inter 2 s, fall 3), the LB has no backend.
    c.runUntil(c.sim.now + 10_000);
    const r = kubectl(c, 'kubectl get pods');
    expect(r.ok).toBe(false);
    expect(output(r)).toBe('Unable to connect to the server: EOF');
  });

  it('says the TLS handshake timed out when the backend the LB still trusts never answers', () => {
    const c = kubeCluster('name: down\nseed: 3\nuntil: 1h\ntopology: { etcd: stacked, masters: 1, workers: 1 }\n');
    c.runUntil(30_000);
    // Killed just now: the LB has not noticed yet and forwards into silence.
    c.sim.inject({ kind: 'kill', target: 'master-1' }, 'test');
    const r = kubectl(c, 'kubectl get pods');
    expect(r.ok).toBe(false);
    // The classroom profile's kubectl gives up after 5 s, before the LB's third failed
    // check (about 6 s) would have closed the connection.
    expect(output(r)).toBe('Unable to connect to the server: net/http: TLS handshake timeout');
  });
});
