import { describe, expect, it } from 'vitest';
import { DEFAULT_SETUP, machinesFor, setupErrors } from './setup';

describe('the page at scale', () => {
  it('100 workers and 1 000 pods (ClusterSetup.pods) become a Deployment applied at t=0', () => {
    const setup = { ...DEFAULT_SETUP, workers: 100, pods: 1000 };
    expect(setupErrors(setup)).toEqual([]);
    const kubectl = (machinesFor(setup).find((m) => m.name === 'client')!.processes as { kind: string }[]).find((p) => p.kind === 'kubectl') as unknown as { manifests: { kind: string; spec: { replicas: number } }[] };
    expect(kubectl.manifests).toHaveLength(1);
    expect(kubectl.manifests[0]).toMatchObject({ kind: 'Deployment', spec: { replicas: 1000 } });
    expect(machinesFor(setup).filter((m) => m.name.startsWith('worker-'))).toHaveLength(100);
  });

  it('names a count out of range', () => {
    expect(setupErrors({ ...DEFAULT_SETUP, workers: 101, pods: 3001 })).toEqual([
      'workers: expected an integer from 0 to 100, got 101',
      'pods: expected an integer from 0 to 3000, got 3001',
    ]);
  });
});

describe('machinesFor', () => {
  it('stacked: master-N runs etcd-N; the client machine runs the console and the workload', () => {
    const ms = machinesFor({ ...DEFAULT_SETUP, masters: 3, etcdMembers: 3, workers: 2 }, { clients: 2, keys: 4, ratePerSec: 20, ops: ['put'] });
    expect(ms.map((m) => m.name)).toEqual(['master-1', 'master-2', 'master-3', 'worker-1', 'worker-2', 'lb', 'client']);
    const kinds = (i: number) => (ms[i]!.processes as { kind: string }[]).map((p) => p.kind);
    expect(ms[1]!.processes[0]).toEqual(expect.objectContaining({ kind: 'etcd', member: 'etcd-2', id: 2, electionTicks: 10, heartbeatTicks: 1 }));
    expect(kinds(1)).toEqual(['etcd', 'kube-apiserver', 'kube-scheduler', 'kube-controller-manager', 'kubelet', 'kube-proxy']);
    // kubeadm stacked: the apiserver talks to its own member only.
    expect(ms[1]!.processes[1]).toEqual(expect.objectContaining({ etcdEndpoints: ['master-2'] }));
    expect(kinds(3)).toEqual(['kubelet', 'kube-proxy']);
    expect(ms[5]!.processes).toEqual([expect.objectContaining({ kind: 'load-balancer', backends: ['master-1', 'master-2', 'master-3'] })]);
    const client = ms.at(-1)!.processes as { kind: string; name?: string; ratePerSec?: number }[];
    expect(client.map((p) => p.kind)).toEqual(['console', 'kubectl', 'kv-workload', 'kv-workload']);
    expect(client[2]!.ratePerSec).toBe(10);
  });

  it('kubernetes: false is the etcd cluster alone', () => {
    const ms = machinesFor({ ...DEFAULT_SETUP, masters: 3, etcdMembers: 3, workers: 0, kubernetes: false });
    expect(ms.map((m) => `${m.name}:${m.processes.length}`)).toEqual(['master-1:1', 'master-2:1', 'master-3:1', 'client:1']);
  });

  it('external: etcd-N hosts, masters without etcd', () => {
    const ms = machinesFor({ ...DEFAULT_SETUP, topology: 'external', masters: 1, etcdMembers: 3 });
    expect(ms.map((m) => `${m.name}:${m.processes.length}`)).toEqual(['master-1:5', 'etcd-1:1', 'etcd-2:1', 'etcd-3:1', 'worker-1:2', 'worker-2:2', 'lb:1', 'client:2']);
    expect(ms[0]!.processes[0]).toEqual(expect.objectContaining({ kind: 'kube-apiserver', etcdEndpoints: ['etcd-1', 'etcd-2', 'etcd-3'] }));
    expect((ms[1]!.processes[0] as { peers: unknown }).peers).toEqual([
      { id: 1, name: 'etcd-1', host: 'etcd-1' },
      { id: 2, name: 'etcd-2', host: 'etcd-2' },
      { id: 3, name: 'etcd-3', host: 'etcd-3' },
    ]);
  });
});
