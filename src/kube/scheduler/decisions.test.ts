// The scheduler's decision record, pure: each filter plugin's verdict with the real
// reason, the score plugins' scores summed with their weights as the framework sums
// them, and the record's bounds.

import { describe, expect, it } from 'vitest';
import type { Node, Pod } from '../api/types';
import { DecisionLog, DECISION_ROWS_KEPT, DECISIONS_KEPT, MIN_KEPT } from './decision-log';
import { filterNode, runFilters, unschedulableMessage, type NodeInfo } from './plugins';
import { SCORE_PLUGINS, scoreBreakdown, scoreNodes } from './scores';

const node = (name: string, extra: Partial<Node['spec']> = {}, labels: Record<string, string> = {}): Node => ({
  apiVersion: 'v1', kind: 'Node', metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
  spec: extra, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } },
} as Node);

const pod = (name: string, spec: Partial<Pod['spec']> = {}, cpu?: string): Pod => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx:1.27', ...(cpu ? { resources: { requests: { cpu } } } : {}) }], ...spec },
} as Pod);

const info = (n: Node, pods: Pod[] = []): NodeInfo => ({ node: n, pods });

describe('filter verdicts', () => {
  it('names the first plugin that rejects a node, with the reason kubectl describe pod shows', () => {
    const p = pod('web', { nodeSelector: { disk: 'ssd' } });
    expect(runFilters(p, info(node('cordoned', { unschedulable: true })))).toEqual({ plugin: 'NodeUnschedulable', status: 'UnschedulableAndUnresolvable', reasons: ['node(s) were unschedulable'] });
    expect(runFilters(p, info(node('master-1', { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }, { disk: 'ssd' }))))
      .toEqual({ plugin: 'TaintToleration', status: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] });
    expect(runFilters(p, info(node('worker-2')))).toEqual({ plugin: 'NodeAffinity', status: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match Pod's node affinity/selector"] });
    expect(runFilters(p, info(node('worker-1', {}, { disk: 'ssd' })))).toBeUndefined();
    expect(runFilters(pod('pinned', { nodeName: 'worker-3' }), info(node('worker-1'))))
      .toEqual({ plugin: 'NodeName', status: 'UnschedulableAndUnresolvable', reasons: ["node(s) didn't match the requested node name"] });
  });

  it('NodeResourcesFit says every resource that is short, and only it is merely Unschedulable', () => {
    const full = info(node('worker-1'), [pod('a', {}, '3500m')]);
    const f = runFilters(pod('big', {}, '1'), full);
    expect(f).toEqual({ plugin: 'NodeResourcesFit', status: 'Unschedulable', reasons: ['Insufficient cpu'] });
    expect(filterNode(pod('big', {}, '1'), full)).toEqual(['Insufficient cpu']);
    expect(unschedulableMessage(1, new Map([['worker-1', ['Insufficient cpu']]]))).toBe('0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.');
  });
});

describe('scores', () => {
  it('each plugin scores 0–100 and the total is Σ weight × score, as scoreNodes compares', () => {
    const busy = info(node('worker-1'), [pod('a', {}, '2'), pod('b', {}, '1')]);
    const idle = info(node('worker-2'));
    const tainted = info(node('worker-3', { taints: [{ key: 'spot', effect: 'PreferNoSchedule' }] }));
    const p = pod('web', { affinity: { nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 50, preference: { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['worker-1'] }] } }] } } });
    const b = scoreBreakdown(p, [busy, idle, tainted]).nodes;
    const totals = scoreNodes(p, [busy, idle, tainted]);
    for (const [name, s] of b) {
      expect(s.scores).toHaveLength(SCORE_PLUGINS.length);
      expect(s.scores.every((x) => x >= 0 && x <= 100)).toBe(true);
      expect(s.total).toBe(s.scores.reduce((sum, x, i) => sum + SCORE_PLUGINS[i]!.weight * x, 0));
      expect(totals.get(name)).toBe(s.total);
    }
    // LeastAllocated: the idle node has more room; TaintToleration (×3) marks down the
    // PreferNoSchedule node; NodeAffinity (×2) is all worker-1's.
    const col = (name: string) => SCORE_PLUGINS.findIndex((s) => s.name === name);
    expect(b.get('worker-2')!.scores[col('NodeResourcesFit')]).toBeGreaterThan(b.get('worker-1')!.scores[col('NodeResourcesFit')]!);
    expect(b.get('worker-3')!.scores[col('TaintToleration')]).toBe(0);
    expect(b.get('worker-2')!.scores[col('TaintToleration')]).toBe(100);
    expect(b.get('worker-1')!.scores[col('NodeAffinity')]).toBe(100);
    expect(b.get('worker-2')!.scores[col('NodeAffinity')]).toBe(0);
    // The default profile's score plugins, in its order, with its weights (v1.31).
    expect(SCORE_PLUGINS.map((s) => `${s.name}×${s.weight}`)).toEqual([
      'TaintToleration×3', 'NodeAffinity×2', 'NodeResourcesFit×1', 'PodTopologySpread×2', 'InterPodAffinity×2', 'NodeResourcesBalancedAllocation×1', 'ImageLocality×1',
    ]);
  });
});

describe('the decision log', () => {
  const decision = (n: number, nodes: number) => ({ pod: `default/p-${n}`, uid: `u${n}`, atMs: n, node: 'worker-1', rowCount: nodes, rows: () => Array.from({ length: nodes }, (_, i) => ({ node: `worker-${i}` })) });

  it('keeps the last decision per pod, the newest last', () => {
    const log = new DecisionLog();
    log.record(decision(1, 3));
    log.record(decision(2, 3));
    log.record({ ...decision(1, 3), atMs: 99 });
    expect(log.list().map((d) => [d.pod, d.atMs])).toEqual([['default/p-2', 2], ['default/p-1', 99]]);
    const same = log.list();
    expect(log.list()).toBe(same);
    log.forget('default/p-2');
    expect(log.list().map((d) => d.pod)).toEqual(['default/p-1']);
  });

  it('makes the rows of a decision only when a view lists it, once, with the fields in the view\'s order', () => {
    const log = new DecisionLog();
    let made = 0;
    const counted = (n: number) => ({ ...decision(n, 103), rows: () => (made++, decision(n, 103).rows()), skipped: ['InterPodAffinity'] });
    for (let i = 0; i < 500; i++) log.record(counted(i));
    expect(made).toBe(0);
    const listed = log.list();
    expect(made).toBe(listed.length);
    expect(Object.keys(listed.at(-1)!)).toEqual(['pod', 'uid', 'atMs', 'node', 'rows', 'skipped']);
    expect(listed.at(-1)!.rows).toHaveLength(103);
    log.record(counted(500));
    log.list();
    // Only the new decision is made; the others keep their object.
    expect(made).toBe(listed.length + 1);
  });

  it('is bounded in pods on a small cluster and in rows on a large one', () => {
    const small = new DecisionLog();
    for (let i = 0; i < 500; i++) small.record(decision(i, 4));
    expect(small.list()).toHaveLength(DECISIONS_KEPT);
    expect(small.list()[0]!.pod).toBe(`default/p-${500 - DECISIONS_KEPT}`);
    const large = new DecisionLog();
    for (let i = 0; i < 500; i++) large.record(decision(i, 103));
    const kept = Math.max(MIN_KEPT, Math.floor(DECISION_ROWS_KEPT / 103));
    expect(large.list().length).toBe(kept);
    expect(large.list().length * 103).toBeLessThanOrEqual(Math.max(DECISION_ROWS_KEPT, MIN_KEPT * 103));
    const mid = new DecisionLog();
    for (let i = 0; i < 500; i++) mid.record(decision(i, 31));
    expect(mid.list().length).toBe(Math.floor(DECISION_ROWS_KEPT / 31));
    expect(large.keep).toBe(large.list().length);
  });
});
