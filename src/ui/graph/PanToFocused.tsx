// Inside <ReactFlow>: brings the machine the keyboard moved to (../a11y/graph-keys.ts)
// into view, then focuses it. Apart from graph-keys.ts, which the graph's first paint
// uses before React Flow has loaded.

import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { cardEl, graphFocus } from '../a11y/graph-keys';

/** A large cluster renders only what is on screen, so an off-screen tile has no element
 * until panned to. */
export function PanToFocused(): null {
  const { getNode, getViewport, setCenter } = useReactFlow();
  const want = graphFocus((s) => s.want);
  useEffect(() => {
    if (!want) return;
    const node = getNode(want);
    const pane = document.querySelector('.graph .react-flow')?.getBoundingClientRect();
    if (node && pane) {
      const { x, y, zoom } = getViewport();
      const w = node.width ?? node.measured?.width ?? 0;
      const h = node.height ?? node.measured?.height ?? 0;
      const left = node.position.x * zoom + x;
      const top = node.position.y * zoom + y;
      if (left < 0 || top < 0 || left + w * zoom > pane.width || top + h * zoom > pane.height) {
        void setCenter(node.position.x + w / 2, node.position.y + h / 2, { zoom, duration: 0 });
      }
    }
    let tries = 10;
    let raf = 0;
    const go = () => {
      const el = cardEl(want);
      if (el) {
        el.focus({ preventScroll: true });
        graphFocus.setState({ want: null });
      } else if (tries-- > 0) raf = requestAnimationFrame(go);
    };
    go();
    return () => cancelAnimationFrame(raf);
  }, [want, getNode, getViewport, setCenter]);
  return null;
}
