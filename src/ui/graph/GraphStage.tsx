// The graph's place on the page. React Flow and d3 (Graph.tsx, 58 KB gzip) come as a
// chunk of their own, fetched at the first render and not waited for: meanwhile the
// first paint (FirstPaint.tsx) draws the same cards at the same places, so the first
// leader can be drawn before React Flow has arrived (issue 14: initial JS ≤ 200 KB).
// The switches and notices over the graph are the page's own. The Pending tray is a
// strip under the graph, outside its drawing (a sibling in .stage-main's column): the
// graph refits above it, so it hides no card.

import { lazy, Suspense, useRef } from 'react';
import { ManyPodsNotice, UnscheduledPods } from '../kube/KubeParts';
import { OverlayToggles } from '../lazy-parts';
import { FirstPaint } from './FirstPaint';

const Graph = lazy(async () => ({ default: (await import('./Graph')).Graph }));

export function GraphStage() {
  const box = useRef<HTMLDivElement>(null);
  return (
    <>
      <div className="graph" ref={box}>
        <Suspense fallback={<FirstPaint />}>
          <Graph box={box} />
        </Suspense>
        <OverlayToggles />
        <ManyPodsNotice />
      </div>
      <UnscheduledPods />
    </>
  );
}
