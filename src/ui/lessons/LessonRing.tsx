// Rings the parts of the page a lesson step points at beyond its machine (an overlay's
// switch, a Service's shape, a route, a row of the scheduler's why-table), found by
// their data-testid. They belong to other components and come and go as overlays open
// and frames redraw, so the ring is an attribute put on whatever element carries the
// id now, checked a few times a second, rather than a prop threaded through each of them
// (React leaves an attribute it does not manage alone).

import { useEffect } from 'react';

const ATTR = 'data-lesson-ring';
/** How often the ring looks for its elements again (an overlay just switched on). */
const EVERY_MS = 250;

export function LessonRing({ ids }: { ids: readonly string[] }) {
  const key = ids.join('\n');
  useEffect(() => {
    const wanted = key ? key.split('\n') : [];
    const mark = () => {
      const now = new Set(wanted.flatMap((id) => Array.from(document.querySelectorAll<HTMLElement>(`[data-testid="${CSS.escape(id)}"]`))));
      for (const el of Array.from(document.querySelectorAll<HTMLElement>(`[${ATTR}]`))) if (!now.has(el)) el.removeAttribute(ATTR);
      for (const el of now) if (!el.hasAttribute(ATTR)) el.setAttribute(ATTR, '');
    };
    mark();
    const timer = wanted.length > 0 ? window.setInterval(mark, EVERY_MS) : undefined;
    return () => {
      if (timer !== undefined) window.clearInterval(timer);
      for (const el of Array.from(document.querySelectorAll<HTMLElement>(`[${ATTR}]`))) el.removeAttribute(ATTR);
    };
  }, [key]);
  return null;
}
