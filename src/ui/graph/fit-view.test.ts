import { getViewportForBounds } from '@xyflow/system';
import { describe, expect, it } from 'vitest';
import { fitGraph, fitPadding, fitViewport, GRAPH_FIT } from './fit-view';
import { KUBE_SIZES, layout, PRESENTER_SIZES, type MachineRef } from './layout';

// The first paint must put the cards where React Flow's fitView will: the same viewport
// as React Flow's own function, for the layouts the app draws and the sizes it runs at.
const cluster = (masters: number, workers: number): MachineRef[] => [
  { name: 'lb', kind: 'lb', etcd: false },
  ...Array.from({ length: masters }, (_, i) => ({ name: `master-${i + 1}`, kind: 'master' as const, etcd: true })),
  ...Array.from({ length: workers }, (_, i) => ({ name: `worker-${i + 1}`, kind: 'worker' as const, etcd: false })),
];

describe('fitViewport', () => {
  for (const [masters, workers] of [[1, 2], [3, 3], [3, 8], [3, 12], [3, 30], [7, 100]] as const) {
    for (const [w, h] of [[1920, 1080], [1280, 720], [700, 400], [333, 977]] as const) {
      for (const sizes of [KUBE_SIZES, PRESENTER_SIZES]) {
        it(`${masters} masters + ${workers} workers in ${w}×${h}${sizes === PRESENTER_SIZES ? ', presenting' : ''}: React Flow's fitView viewport`, () => {
          const boxes = Object.values(layout(cluster(masters, workers), sizes));
          const fit = { ...GRAPH_FIT, padding: fitPadding(boxes, w, h, true) };
          const mine = fitGraph(boxes, w, h, true);
          const x0 = Math.min(...boxes.map((b) => b.x));
          const y0 = Math.min(...boxes.map((b) => b.y));
          const bounds = { x: x0, y: y0, width: Math.max(...boxes.map((b) => b.x + b.w)) - x0, height: Math.max(...boxes.map((b) => b.y + b.h)) - y0 };
          const theirs = getViewportForBounds(bounds, w, h, fit.minZoom, fit.maxZoom, fit.padding);
          expect(mine.zoom).toBeCloseTo(theirs.zoom, 9);
          expect(mine.x).toBeCloseTo(theirs.x, 9);
          expect(mine.y).toBeCloseTo(theirs.y, 9);
        });
      }
    }
  }

  it('a fraction on every side is React Flow\'s numeric padding', () => {
    const boxes = Object.values(layout(cluster(3, 3)));
    const x0 = Math.min(...boxes.map((b) => b.x));
    const y0 = Math.min(...boxes.map((b) => b.y));
    const bounds = { x: x0, y: y0, width: Math.max(...boxes.map((b) => b.x + b.w)) - x0, height: Math.max(...boxes.map((b) => b.y + b.h)) - y0 };
    const mine = fitViewport(boxes, 1280, 470, { ...GRAPH_FIT, padding: 0.1 });
    const theirs = getViewportForBounds(bounds, 1280, 470, GRAPH_FIT.minZoom, GRAPH_FIT.maxZoom, 0.1);
    expect([mine.x, mine.y, mine.zoom]).toEqual([theirs.x, theirs.y, theirs.zoom]);
  });

  it('puts no card under the overlay switches, and pads only when one would be there', () => {
    const underSwitches = (boxes: readonly { x: number; y: number; w: number; h: number }[], vp: { x: number; y: number; zoom: number }, w: number, h: number) => boxes.some((b) => {
      const [x0, y0, x1, y1] = [b.x * vp.zoom + vp.x, b.y * vp.zoom + vp.y, (b.x + b.w) * vp.zoom + vp.x, (b.y + b.h) * vp.zoom + vp.y];
      return x0 < w - 8 && x1 > w - 8 - 146 && y0 < h - 8 && y1 > h - 8 - 82;
    });
    let padded = 0;
    for (const sizes of [KUBE_SIZES, PRESENTER_SIZES]) {
      for (const workers of [1, 3, 6, 8, 12, 30, 100]) {
        for (const [w, h] of [[1280, 470], [900, 340], [1840, 800], [700, 600]] as const) {
          const boxes = Object.values(layout(cluster(3, workers), sizes));
          const plain = underSwitches(boxes, fitViewport(boxes, w, h), w, h);
          const pad = fitPadding(boxes, w, h, true);
          if (plain) expect([{ top: 0.08, right: 0.08, bottom: '98px', left: 0.08 }, { top: 0.08, right: '162px', bottom: 0.08, left: 0.08 }]).toContainEqual(pad);
          else expect(pad).toBe(GRAPH_FIT.padding);
          expect(fitPadding(boxes, w, h, false)).toBe(GRAPH_FIT.padding);
          expect(underSwitches(boxes, fitGraph(boxes, w, h, true), w, h), `${workers} workers in ${w}×${h}`).toBe(false);
          if (plain) padded++;
        }
      }
    }
    expect(padded).toBeGreaterThan(0);
    // HA in presenter mode on a 1280×720 projector keeps the plain fit (its text size).
    const ha = Object.values(layout(cluster(3, 3), PRESENTER_SIZES));
    expect(fitPadding(ha, 1280, 468, true)).toBe(GRAPH_FIT.padding);
  });

  it('an empty graph or a container with no size is the identity', () => {
    expect(fitViewport([], 800, 600)).toEqual({ x: 0, y: 0, zoom: 1 });
    expect(fitViewport([{ x: 0, y: 0, w: 10, h: 10 }], 0, 600)).toEqual({ x: 0, y: 0, zoom: 1 });
  });

  it('clamps the zoom to the graph\'s range', () => {
    expect(fitViewport([{ x: 0, y: 0, w: 10, h: 10 }], 1000, 1000).zoom).toBe(GRAPH_FIT.maxZoom);
    expect(fitViewport([{ x: 0, y: 0, w: 1e6, h: 1e6 }], 1000, 1000).zoom).toBe(GRAPH_FIT.minZoom);
  });
});
