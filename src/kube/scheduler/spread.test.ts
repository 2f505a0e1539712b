// A Deployment's pods spread over the workers, as the real kube-scheduler spreads them:
// PodTopologySpread's system default constraints and LeastAllocated score each pod with
// the ones placed before it assumed on their nodes. First the plugins alone (one pod
// at a time, the chosen node taking the pod as the scheduler cache's AssumePod does),
// then whole clusters booting with a Deployment applied at t=0.

import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../cluster/scenario';
import { runScenario } from '../../host/in-process';
import type { Node, Pod } from '../api/types';
import { runFilters, selectHost, type NodeInfo } from './plugins';
import { SCORE_PLUGINS, scoreBreakdown } from './scores';
import { topologySpreadScores } from './topology-spread';

const worker = (name: string, labels: Record<string, string> = {}): Node => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
  spec: {}, status: { allocatable: { cpu: '4', memory: '8090Mi', pods: '110' } },
} as Node);

const replica = (n: number, rs = 'web-78dbb8f4d8', cpu?: string): Pod => ({
  apiVersion: 'v1', kind: 'Pod',
  metadata: { name: `${rs}-${n}`, namespace: 'default', labels: { app: 'web' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs, uid: `uid-${rs}`, controller: true }] },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.27', ...(cpu ? { resources: { requests: { cpu, memory: '128Mi' } } } : {}) }] },
} as Pod);

/** Schedules the pods one by one, each assumed on its node before the next is scored. */
function place(pods: readonly Pod[], nodes: readonly Node[], randomInt: (lo: number, hi: number) => number): Map<string, number> {
  const infos: NodeInfo[] = nodes.map((node) => ({ node, pods: [] }));
  for (const pod of pods) {
    const feasible = infos.filter((i) => !runFilters(pod, i));
    const totals = new Map([...scoreBreakdown(pod, feasible, infos).nodes].map(([n, s]) => [n, s.total]));
    const host = selectHost(totals, randomInt)!;
    const i = infos.findIndex((x) => x.node.metadata.name === host);
    infos[i] = { node: infos[i]!.node, pods: [...infos[i]!.pods, pod] };
  }
  return new Map(infos.map((i) => [i.node.metadata.name!, i.pods.length]));
}

const first = () => 0;
const last = (_lo: number, hi: number) => hi - 1;

describe('PodTopologySpread with the system default constraints', () => {
  it('scores the emptiest node 100: raw = pods × ln(nodes + 2) + (maxSkew − 1), then 100 × (max + min − raw) / max', () => {
    const w1 = { node: worker('worker-1'), pods: [replica(1)] };
    const w2 = { node: worker('worker-2'), pods: [] };
    // worker-1: round(1 × ln 4 + 2) = 3; worker-2: 2. 100 × (3 + 2 − 3) / 3 = 66.
    expect(topologySpreadScores(replica(2), [w1, w2], [w1, w2])).toEqual([66, 100]);
    // Nobody placed yet: every node the same, 100.
    expect(topologySpreadScores(replica(1), [w2, { node: worker('worker-3'), pods: [] }], [w2])).toEqual([100, 100]);
  });

  it('counts only the pods of the same controller, and not terminating ones', () => {
    const gone = { ...replica(7), metadata: { ...replica(7).metadata, deletionTimestamp: '2026-01-01T00:00:00Z' } } as Pod;
    const w1 = { node: worker('worker-1'), pods: [replica(1, 'other-rs'), gone] };
    const w2 = { node: worker('worker-2'), pods: [] };
    expect(topologySpreadScores(replica(2), [w1, w2], [w1, w2])).toEqual([100, 100]);
  });

  it('skips a pod no ReplicaSet, ReplicationController or StatefulSet controls', () => {
    const bare = { ...replica(1), metadata: { name: 'bare', namespace: 'default' } } as Pod;
    const infos = [{ node: worker('worker-1'), pods: [] }];
    expect(topologySpreadScores(bare, infos, infos)).toBeUndefined();
    expect(scoreBreakdown(bare, infos).skipped).toContain('PodTopologySpread');
  });

  it('with zones, counts the pods of a zone over every node in it', () => {
    const a1 = { node: worker('worker-1', { 'topology.kubernetes.io/zone': 'a' }), pods: [replica(1), replica(2)] };
    const a2 = { node: worker('worker-2', { 'topology.kubernetes.io/zone': 'a' }), pods: [] };
    const b1 = { node: worker('worker-3', { 'topology.kubernetes.io/zone': 'b' }), pods: [] };
    const [s1, s2, s3] = topologySpreadScores(replica(3), [a1, a2, b1], [a1, a2, b1])!;
    // worker-2 is empty but in zone a with two pods: below worker-3, above worker-1.
    expect(s3).toBe(100);
    expect(s2).toBeLessThan(s3!);
    expect(s1).toBeLessThan(s2!);
  });
});

describe('a Deployment spread over its workers (plugins, pods assumed one by one)', () => {
  for (const [name, random] of [['first of equals', first], ['last of equals', last]] as const) {
    it(`3 replicas on 2 workers: 2 and 1 (${name})`, () => {
      const counts = place([1, 2, 3].map((n) => replica(n)), [worker('worker-1'), worker('worker-2')], random);
      expect([...counts.values()].sort()).toEqual([1, 2]);
    });

    it(`6 replicas with equal requests on 3 workers: 2, 2, 2 (${name})`, () => {
      const counts = place([1, 2, 3, 4, 5, 6].map((n) => replica(n, 'web-5d9c', '250m')), [worker('worker-1'), worker('worker-2'), worker('worker-3')], random);
      expect([...counts.values()]).toEqual([2, 2, 2]);
    });
  }

  it('every score in the "why" table is the plugin\'s own 0–100, the total their weighted sum', () => {
    const infos = [{ node: worker('worker-1'), pods: [replica(1)] }, { node: worker('worker-2'), pods: [] }];
    const { nodes, skipped } = scoreBreakdown(replica(2), infos, infos);
    expect(skipped).toEqual(['NodeAffinity', 'InterPodAffinity']);
    const col = (p: string) => SCORE_PLUGINS.findIndex((s) => s.name === p);
    const w1 = nodes.get('worker-1')!.scores;
    const w2 = nodes.get('worker-2')!.scores;
    expect([w1[col('PodTopologySpread')], w2[col('PodTopologySpread')]]).toEqual([66, 100]);
    // LeastAllocated on 4 CPU / 8090Mi with 100m / 200Mi per pod without requests:
    // worker-1 (95, 95) → 95; worker-2 (97, 97) → 97.
    expect([w1[col('NodeResourcesFit')], w2[col('NodeResourcesFit')]]).toEqual([95, 97]);
    // Requests of nothing: both fractions 0, perfectly balanced.
    expect(w1[col('NodeResourcesBalancedAllocation')]).toBe(100);
    expect(w1[col('TaintToleration')]).toBe(100);
    expect(w1[col('ImageLocality')]).toBe(0);
    expect(nodes.get('worker-2')!.total).toBe(3 * 100 + 1 * 97 + 2 * 100 + 1 * 100);
  });
});

describe('a cluster booting with a Deployment applied at t=0', () => {
  const deployment = (replicas: number, workers: number) => `
name: spread
until: 12s
topology: { etcd: stacked, masters: 1, workers: ${workers} }
manifests:
  - { apiVersion: apps/v1, kind: Deployment, metadata: { name: web }, spec: { replicas: ${replicas}, selector: { matchLabels: { app: web } }, template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: nginx, image: "nginx:1.27" }] } } } }
`;
  const perWorker = (text: string, seed: number) => {
    const run = runScenario(parseScenario(text), { seed });
    const counts = new Map<string, number>();
    for (const e of run.events) if (e.type === 'pod.bound' && e.pod.startsWith('default/web-')) counts.set(e.node, (counts.get(e.node) ?? 0) + 1);
    return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([, n]) => n);
  };

  // The pods exist before any worker is Ready and fail to fit; their backoff (1 s) lets
  // the other workers come Ready before they are tried again. Without it these seeds put
  // all six on one worker, or three and three on two: each pod was retried every tick
  // and went to the first worker whose not-ready taint was gone. (Since the
  // controller-manager lists only once it leads, in other seeds the first pods are made
  // just after the first worker is Ready and go there, as on a real cluster: the
  // default spread is ScheduleAnyway.)
  const firstBindAfterAllReady = (text: string, seed: number) => {
    const run = runScenario(parseScenario(text), { seed });
    const ready = run.events.filter((e) => e.type === 'node.ready' && e.ready && e.node.startsWith('worker')).map((e) => e.t);
    const bound = run.events.find((e) => e.type === 'pod.bound' && e.pod.startsWith('default/web-'))!.t;
    return bound > Math.max(...ready);
  };
  it('3 replicas on 2 workers land 2 and 1, not all on the first worker Ready', () => {
    for (const seed of [1, 3]) {
      expect(firstBindAfterAllReady(deployment(3, 2), seed)).toBe(true);
      expect(perWorker(deployment(3, 2), seed).sort()).toEqual([1, 2]);
    }
  });

  it('6 replicas on 3 workers land 2, 2, 2', () => {
    for (const seed of [1, 9]) {
      expect(firstBindAfterAllReady(deployment(6, 3), seed)).toBe(true);
      expect(perWorker(deployment(6, 3), seed)).toEqual([2, 2, 2]);
    }
  });
});
