import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import type { MachineState } from '../../protocol/frames';
import { layout } from '../graph/layout';
import { deploymentYaml } from '../panels/Workloads';
import { apiSummary, holderMachine, nodeNamed, podsOn, resetApiSummary, type PodSummary } from './api-view';
import { localEtcdTraffic } from './etcd-traffic';

const api = (revision: number, ready: boolean, pods: number) => ({
  kind: 'kube-apiserver', ready, revision, objects: 1, watchers: 0, etcdEndpoint: 'x',
  cluster: { pods: Array.from({ length: pods }, (_, i) => ({ namespace: 'default', name: `p${i}`, node: 'worker-1', phase: 'Running', terminating: false, ready: true, restarts: 0, mirror: false })), nodes: [], leases: {}, deployments: [] },
});

describe('the API picture', () => {
  it('gives a node its pods, static pods apart, in the list\'s order, from one index per version of the list', () => {
    const pod = (name: string, node: string, mirror = false): PodSummary => ({ namespace: mirror ? 'kube-system' : 'default', name, node, phase: 'Running', terminating: false, ready: true, restarts: 0, mirror });
    const pods = [pod('a', 'worker-1'), pod('etcd-master-1', 'master-1', true), pod('b', 'master-1'), pod('c', 'worker-1'), pod('pending', '')];
    expect(podsOn(pods, 'worker-1', false).map((p) => p.name)).toEqual(['a', 'c']);
    expect(podsOn(pods, 'master-1', true).map((p) => p.name)).toEqual(['etcd-master-1']);
    expect(podsOn(pods, 'master-1', false).map((p) => p.name)).toEqual(['b']);
    expect(podsOn(pods, 'worker-1', true)).toEqual([]);
    expect(podsOn(pods, 'worker-9', false)).toEqual([]);
    // The same list answers with the same arrays (a card's shallow compare holds).
    expect(podsOn(pods, 'worker-1', false)).toBe(podsOn(pods, 'worker-1', false));
    // A new version of the list is indexed again.
    expect(podsOn([...pods, pod('d', 'worker-1')], 'worker-1', false).map((p) => p.name)).toEqual(['a', 'c', 'd']);
  });

  it('comes from the live, ready apiserver with the highest revision, and survives every master going down', () => {
    resetApiSummary();
    const machines: Record<string, MachineState> = {
      'master-1': { name: 'master-1', kind: 'master', status: 'up', processes: { 'kube-apiserver': api(10, true, 1) } },
      'master-2': { name: 'master-2', kind: 'master', status: 'up', processes: { 'kube-apiserver': api(12, true, 2) } },
      'master-3': { name: 'master-3', kind: 'master', status: 'up', processes: { 'kube-apiserver': api(99, false, 3) } },
    };
    expect(apiSummary(machines).pods).toHaveLength(2);
    const down = { 'master-1': { name: 'master-1', kind: 'master', status: 'down' } } as Record<string, MachineState>;
    expect(apiSummary(down).pods).toHaveLength(2);
    expect(holderMachine('master-2_6f1c')).toBe('master-2');
  });

  it('keeps the objects of pods that did not change when the freshest apiserver changes (their tiles do not re-render)', () => {
    resetApiSummary();
    const up = (name: string, revision: number) => ({ name, kind: 'master', status: 'up', processes: { 'kube-apiserver': api(revision, true, 3) } }) as MachineState;
    const first = apiSummary({ 'master-1': up('master-1', 10), 'master-2': up('master-2', 9) });
    const then = apiSummary({ 'master-1': up('master-1', 10), 'master-2': up('master-2', 11) });
    expect(then).toBe(first); // the same pods, from another apiserver: the same picture
    const moved = up('master-2', 12);
    const pods = (moved.processes!['kube-apiserver'] as ReturnType<typeof api>).cluster.pods;
    pods[1] = { ...pods[1]!, phase: 'Failed' };
    const last = apiSummary({ 'master-1': up('master-1', 10), 'master-2': moved });
    expect(last.pods[0]).toBe(first.pods[0]);
    expect(last.pods[1]!.phase).toBe('Failed');
  });

  it('finds a Node by name', () => {
    const nodes = [{ name: 'worker-1' }, { name: 'worker-2' }] as unknown as Parameters<typeof nodeNamed>[0];
    expect(nodeNamed(nodes, 'worker-2')).toBe(nodes[1]);
    expect(nodeNamed(nodes, 'worker-9')).toBeUndefined();
  });
});

describe('the Kubernetes layout', () => {
  it('puts the load balancer on top, masters, external etcd hosts, then workers, without overlaps', () => {
    const refs = [
      { name: 'master-1', kind: 'master' }, { name: 'master-2', kind: 'master' }, { name: 'master-3', kind: 'master' },
      { name: 'etcd-1', kind: 'etcd' }, { name: 'etcd-2', kind: 'etcd' }, { name: 'etcd-3', kind: 'etcd' },
      { name: 'worker-1', kind: 'worker' }, { name: 'worker-2', kind: 'worker' }, { name: 'lb', kind: 'lb' }, { name: 'client', kind: 'client' },
    ] as const;
    const p = layout(refs);
    expect(p['lb']!.y).toBeLessThan(p['master-1']!.y);
    expect(p['master-1']!.y + p['master-1']!.h).toBeLessThan(p['etcd-1']!.y);
    expect(p['etcd-1']!.y + p['etcd-1']!.h).toBeLessThan(p['worker-1']!.y);
    const boxes = Object.values(p);
    for (const a of boxes) for (const b of boxes) {
      if (a === b) continue;
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      expect(apart, `${a.id} overlaps ${b.id}`).toBe(true);
    }
    // Stable: the same machines give the same positions.
    expect(layout(refs)).toEqual(p);
  });
});

describe('the create-deployment form', () => {
  it('writes a manifest kubectl apply accepts, with the nodeSelector', () => {
    const doc = parseAllDocuments(deploymentYaml('db', 'postgres:16', 2, 'disk=ssd'))[0]!.toJS() as { spec: { replicas: number; template: { spec: { nodeSelector: Record<string, string> } } } };
    expect(doc.spec.replicas).toBe(2);
    expect(doc.spec.template.spec.nodeSelector).toEqual({ disk: 'ssd' });
  });
});

describe('a stacked master’s apiserver ↔ etcd traffic', () => {
  const pk = (id: number, from: string, to: string, kind: string) => ({ id, from, to, kind, sentAt: 0, deliverAt: 1 });

  it('counts only the host’s packets to itself, requests down and answers or watch events up', () => {
    const packets = [pk(1, 'master-1', 'master-1', 'etcd.request'), pk(2, 'client', 'master-1', 'etcd.request'), pk(3, 'master-2', 'master-2', 'etcd.watch')];
    expect(localEtcdTraffic(packets, 'master-1', 0)).toEqual({ request: true, answer: false, last: 3 });
    expect(localEtcdTraffic(packets, 'master-2', 0)).toEqual({ request: false, answer: true, last: 3 });
    expect(localEtcdTraffic([pk(4, 'master-1', 'master-1', 'raft.MsgApp')], 'master-1', 0).request).toBe(false);
  });

  it('ignores packets an earlier frame already showed, until the ids start over in a new run', () => {
    const inFlight = [pk(7, 'master-1', 'master-1', 'etcd.response')];
    expect(localEtcdTraffic(inFlight, 'master-1', 7)).toEqual({ request: false, answer: false, last: 7 });
    expect(localEtcdTraffic([pk(2, 'master-1', 'master-1', 'etcd.request')], 'master-1', 7)).toEqual({ request: true, answer: false, last: 2 });
    expect(localEtcdTraffic([], 'master-1', 7).last).toBe(7);
  });
});
