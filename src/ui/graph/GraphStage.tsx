// The graph's place on the page. React Flow and d3 (Graph.tsx, 58 KB gzip) come as a
// chunk of their own, fetched at the first render and not waited for: meanwhile the
// first paint (FirstPaint.tsx) draws the same cards at the same places, so the first
// leader can be drawn before React Flow has arrived (issue 14: initial JS ≤ 200 KB).
// The switches and notices over the graph are the page's own. The Pending tray is a
// strip under the graph, outside its drawing (a sibling in .stage-main's column): the
// graph refits above it, so it hides no card.

import { lazy, Suspense, useEffect, useRef } from 'react';
import { ManyPodsNotice, UnscheduledPods } from '../kube/KubeParts';
import { OverlayToggles } from '../lazy-parts';
import { FirstPaint } from './FirstPaint';

const Graph = lazy(async () => ({ default: (await import('./Graph')).Graph }));

/** Builds the page's default ICU collator in an idle period before React Flow arrives:
 * React Flow sorts its edges' arrowhead markers with localeCompare when it mounts, and
 * the first localeCompare of a page builds the collator (28 ms of main thread inside
 * the take-over's render, profiled at 30 workers; issue 14: no long task over 50 ms).
 * V8 keeps that collator for every later call. */
function warmCollatorWhenIdle(): void {
  const warm = () => void 'a'.localeCompare('b');
  if (typeof requestIdleCallback === 'function') requestIdleCallback(warm, { timeout: 2000 });
  else setTimeout(warm, 0);
}

export function GraphStage() {
  const box = useRef<HTMLDivElement>(null);
  useEffect(warmCollatorWhenIdle, []);
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
