import { describe, expect, it } from 'vitest';
import { DEFAULT_SETUP, machinesFor, parseSetupQuery } from './setup';

describe('URL parameters', () => {
  it('reads every parameter', () => {
    const r = parseSetupQuery('?topology=external&masters=2&workers=3&etcd=5&seed=42&speed=2&profile=realistic');
    expect(r.errors).toEqual([]);
    expect(r.setup).toEqual({ topology: 'external', masters: 2, etcdMembers: 5, workers: 3, seed: 42, profile: 'realistic' });
    expect(r.speed).toBe(2);
    expect(parseSetupQuery('').setup).toEqual(DEFAULT_SETUP);
    expect(parseSetupQuery('?scenario=kill-etcd-leader').scenario).toBe('kill-etcd-leader');
  });

  it('stacked: one etcd member per master, either number sets both', () => {
    expect(parseSetupQuery('?etcd=5').setup).toMatchObject({ masters: 5, etcdMembers: 5 });
    expect(parseSetupQuery('?masters=1').setup).toMatchObject({ masters: 1, etcdMembers: 1 });
    expect(parseSetupQuery('?masters=3&etcd=5').errors).toEqual(['etcd: the stacked topology runs one etcd member per master, so etcd must equal masters (3), got "5"']);
  });

  it('explains bad values and falls back to the defaults', () => {
    const r = parseSetupQuery('?topology=ring&etcd=4&seed=-1&speed=1000&profile=fast&color=red');
    expect(r.errors).toEqual([
      'color: unknown parameter; expected one of topology, masters, workers, etcd, seed, speed, profile, scenario, present, lesson',
      'topology: expected stacked or external, got "ring"',
      'etcd: expected an etcd member count of 1, 3, 5, 7, got "4"',
      'seed: expected a non-negative integer below 2^32, got "-1"',
      'profile: expected classroom or realistic, got "fast"',
      'speed: expected a number from 0.1 to 100, or 0 for as fast as possible, got "1000"',
    ]);
    expect(r.setup).toEqual(DEFAULT_SETUP);
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
