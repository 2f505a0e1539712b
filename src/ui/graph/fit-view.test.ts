import { getViewportForBounds } from '@xyflow/system';
import { describe, expect, it } from 'vitest';
import { fitViewport, GRAPH_FIT } from './fit-view';
import { KUBE_SIZES, layout, PRESENTER_SIZES, type MachineRef } from './layout';

// The first paint must put the cards where React Flow's fitView will: the same viewport
// as React Flow's own function, for the layouts the app draws and the sizes it runs at.
const cluster = (masters: number, workers: number): MachineRef[] => [
  { name: 'lb', kind: 'lb', etcd: false },
  ...Array.from({ length: masters }, (_, i) => ({ name: `master-${i + 1}`, kind: 'master' as const, etcd: true })),
  ...Array.from({ length: workers }, (_, i) => ({ name: `worker-${i + 1}`, kind: 'worker' as const, etcd: false })),
];

describe('fitViewport', () => {
  for (const [masters, workers] of [[1, 2], [3, 3], [3, 30], [7, 100]] as const) {
    for (const [w, h] of [[1920, 1080], [1280, 720], [700, 400], [333, 977]] as const) {
      for (const sizes of [KUBE_SIZES, PRESENTER_SIZES]) {
        it(`${masters} masters + ${workers} workers in ${w}×${h}${sizes === PRESENTER_SIZES ? ', presenting' : ''}: React Flow's fitView viewport`, () => {
          const boxes = Object.values(layout(cluster(masters, workers), sizes));
          const mine = fitViewport(boxes, w, h);
          const x0 = Math.min(...boxes.map((b) => b.x));
          const y0 = Math.min(...boxes.map((b) => b.y));
          const bounds = { x: x0, y: y0, width: Math.max(...boxes.map((b) => b.x + b.w)) - x0, height: Math.max(...boxes.map((b) => b.y + b.h)) - y0 };
          const theirs = getViewportForBounds(bounds, w, h, GRAPH_FIT.minZoom, GRAPH_FIT.maxZoom, GRAPH_FIT.padding);
          expect(mine.zoom).toBeCloseTo(theirs.zoom, 9);
          expect(mine.x).toBeCloseTo(theirs.x, 9);
          expect(mine.y).toBeCloseTo(theirs.y, 9);
        });
      }
    }
  }

  it('an empty graph or a container with no size is the identity', () => {
    expect(fitViewport([], 800, 600)).toEqual({ x: 0, y: 0, zoom: 1 });
    expect(fitViewport([{ x: 0, y: 0, w: 10, h: 10 }], 0, 600)).toEqual({ x: 0, y: 0, zoom: 1 });
  });

  it('clamps the zoom to the graph\'s range', () => {
    expect(fitViewport([{ x: 0, y: 0, w: 10, h: 10 }], 1000, 1000).zoom).toBe(GRAPH_FIT.maxZoom);
    expect(fitViewport([{ x: 0, y: 0, w: 1e6, h: 1e6 }], 1000, 1000).zoom).toBe(GRAPH_FIT.minZoom);
  });
});
