import { MarkerType } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { edgesFor } from './edges';
import { KUBE_SIZES, layout, NODE_LINE_SHIFT, PRESENTER_SIZES, type MachineRef } from './layout';
import { crossesCard } from './routes';

const refs = (etcdHosts: number): MachineRef[] => [
  { name: 'lb', kind: 'lb' }, { name: 'client', kind: 'client' },
  ...[1, 2, 3].map((i): MachineRef => ({ name: `master-${i}`, kind: 'master', etcd: etcdHosts === 0 })),
  ...Array.from({ length: etcdHosts }, (_, i): MachineRef => ({ name: `etcd-${i + 1}`, kind: 'etcd', etcd: true })),
  ...[1, 2, 3].map((i): MachineRef => ({ name: `worker-${i}`, kind: 'worker' })),
];

const arrows = (r: MachineRef[]) => edgesFor(r, layout(r), []).filter((e) => e.markerEnd !== undefined).map((e) => `${e.source}>${e.target}`);

describe('the graph’s arrows', () => {
  it('point from caller to callee: client and workers at the lb, the lb at the masters, external masters at every etcd host', () => {
    const ext = arrows(refs(3));
    expect(ext).toEqual(expect.arrayContaining(['client>lb', 'worker-2>lb', 'lb>master-1', 'master-1>etcd-3', 'master-3>etcd-1']));
    expect(ext).toHaveLength(3 + 3 + 1 + 9);
    // Stacked: each apiserver talks to its own member only, inside its card.
    expect(arrows(refs(0)).filter((a) => a.includes('>master-') && !a.startsWith('lb'))).toEqual([]);
  });

  it('leave the etcd peer mesh plain, and turn an arrow red when its link is cut', () => {
    const r = refs(3);
    const edges = edgesFor(r, layout(r), ['master-1>etcd-2']);
    expect(edges.find((e) => e.id === 'etcd-1--etcd-2')?.markerEnd).toBeUndefined();
    const cut = edges.find((e) => e.id === 'master-1--etcd-2')!;
    expect(cut.className).toContain('edge-cut');
    expect(cut.markerEnd).toMatchObject({ type: MarkerType.ArrowClosed, color: '#b42318' });
  });

  it('end on the target’s border, where the head shows, and keep a worker’s line off the lb → master arrow', () => {
    const r = refs(0);
    const p = layout(r);
    const edges = edgesFor(r, p, []);
    const toMaster = edges.find((e) => e.id === 'lb--master-2')!.data!.points;
    expect(toMaster[toMaster.length - 1]!.y).toBeCloseTo(p['master-2']!.y);
    const fromWorker = edges.find((e) => e.id === 'worker-2--lb')!.data!.points;
    expect(fromWorker[fromWorker.length - 1]!.y).toBeCloseTo(p['lb']!.y + p['lb']!.h);
    expect(Math.abs(fromWorker[fromWorker.length - 1]!.x - toMaster[0]!.x)).toBeGreaterThanOrEqual(NODE_LINE_SHIFT);
  });

  it('cross no third card, in the stacked and the external topology, normal and presenter sizes', () => {
    for (const r of [refs(0), refs(3)]) {
      for (const sizes of [KUBE_SIZES, PRESENTER_SIZES]) {
        const p = layout(r, sizes);
        for (const e of edgesFor(r, p, [])) {
          const pts = e.data!.points;
          for (const card of Object.values(p)) {
            if (card.id === e.source || card.id === e.target) continue;
            for (let i = 1; i < pts.length; i++) expect(crossesCard(card, pts[i - 1]!, pts[i]!), `${e.id} crosses ${card.id}`).toBe(false);
          }
        }
      }
    }
  });
});
