// The graph's first paint, before React Flow (with d3, 58 KB gzip) has loaded: the same
// cards (MachineNode.tsx) at the same places (graph-model.ts) under the same viewport
// React Flow's fitView gives (fit-view.ts), with the lines drawn as plain SVG paths, the
// dotted background and the zoom buttons' panel. The first leader is drawn here when it
// comes first (issue 14: initial JS ≤ 200 KB gzip). React Flow (Graph.tsx) replaces
// this layer as soon as its chunk arrives (GraphStage.tsx), at the same positions.
// It reuses React Flow's style classes for the container, the viewport, the background
// and the edges' paths (its stylesheet is loaded with the page), so both look the same.
// No pan or zoom here; clicks select as in React Flow, the keys work on the cards.

import { memo, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { cardEl, graphFocus } from '../a11y/graph-keys';
import { labStore } from '../store/store';
import { networkStore } from '../network/network-store';
import { dotBackgroundStyle } from './dot-background';
import { fitGraph, type Viewport } from './fit-view';
import { useGraphModel } from './graph-model';
import type { LinkEdge } from './edges';
import { MachineNode } from './MachineNode';
import type { Placed } from './layout';
import { pathOf } from './routes';
import { setZoom } from './zoom-level';
import '@xyflow/react/dist/style.css';

/** Graph.tsx's dots (DotBackground.tsx: gap 24, 1 px scaled by zoom). */
const GAP = 24;
const DOT_COLOUR = '#d8d8d0';
/** React Flow's wrapper's own style. */
const WRAPPER = { width: '100%', height: '100%', overflow: 'hidden', position: 'relative', zIndex: 0 } as const;

function Dots({ vp }: { vp: Viewport }) {
  return <div className="react-flow__background react-flow__container graph-dots" style={dotBackgroundStyle({ gap: GAP, colour: DOT_COLOUR }, [vp.x, vp.y, vp.zoom])} />;
}

/** The lines, as React Flow draws them (LinkEdge.tsx): a path per edge with its class,
 * the arrowheads as closed arrows in the line's colour. */
function Lines({ edges }: { edges: readonly LinkEdge[] }) {
  const colours = [...new Set(edges.flatMap((e) => (typeof e.markerEnd === 'object' && e.markerEnd.color ? [e.markerEnd.color] : [])))];
  const markerId = (c: string) => `first-paint-head-${c.replace(/[^a-z0-9]/gi, '')}`;
  return (
    <svg className="first-paint-edges" aria-hidden="true">
      <defs>
        {colours.map((c) => (
          <marker key={c} id={markerId(c)} markerWidth="40" markerHeight="40" viewBox="-10 -10 20 20" markerUnits="userSpaceOnUse" orient="auto-start-reverse" refX="0" refY="0">
            <polyline points="-5,-4 0,0 -5,4 -5,-4" style={{ stroke: c, fill: c, strokeWidth: 1 }} strokeLinecap="round" strokeLinejoin="round" />
          </marker>
        ))}
      </defs>
      {edges.map((e) => {
        const head = typeof e.markerEnd === 'object' && e.markerEnd.color ? `url(#${markerId(e.markerEnd.color)})` : undefined;
        return e.data ? (
          <g key={e.id} className={e.className}>
            <path className="react-flow__edge-path" d={pathOf(e.data.points)} markerEnd={head} />
          </g>
        ) : null;
      })}
    </svg>
  );
}

const Card = memo(function Card({ p }: { p: Placed }) {
  return (
    <div className="first-paint-node" style={{ transform: `translate(${p.x}px,${p.y}px)`, width: p.w, height: p.h }} onClick={() => labStore.getState().select(p.id)}>
      <MachineNode data={{ id: p.id, kind: p.kind, member: p.member, ...(p.compact ? { compact: true } : {}) }} />
    </div>
  );
});

/** React Flow's zoom buttons (Controls, top right), drawn alike but not working yet
 * (the icons drawn here: plus, minus, a frame's corners). */
const ICONS = [
  { fill: 'M0 5.1h12v1.8H0zM5.1 0h1.8v12H5.1z' },
  { fill: 'M0 5.4h12v1.2H0z' },
  { stroke: 'M1 4.5V1h3.5M7.5 1H11v3.5M11 7.5V11H7.5M4.5 11H1V7.5' },
];
function ControlsPlace() {
  return (
    <div className="react-flow__panel react-flow__controls vertical top right first-paint-controls" aria-hidden="true">
      {ICONS.map((d, i) => (
        <button key={i} type="button" className="react-flow__controls-button" tabIndex={-1}>
          <svg viewBox="0 0 12 12">{d.fill ? <path d={d.fill} /> : <path d={d.stroke} className="first-paint-stroke" />}</svg>
        </button>
      ))}
    </div>
  );
}

export function FirstPaint() {
  const { placed, edges } = useGraphModel();
  const box = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 0, h: 0 });
  // Measured before the browser paints, as React Flow measures its wrapper (this one has
  // the same place and size).
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const measure = () => setSize((s) => (s.w === el.offsetWidth && s.h === el.offsetHeight ? s : { w: el.offsetWidth, h: el.offsetHeight }));
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const cards = Object.values(placed);
  const vp = fitGraph(cards, size.w, size.h, 'lb' in placed);
  useEffect(() => setZoom(vp.zoom), [vp.zoom]);
  // The arrow keys move between cards (graph-keys.ts); every card is drawn here, so the
  // one moved to only needs the focus (React Flow's PanToFocused also pans to it).
  const want = graphFocus((s) => s.want);
  useEffect(() => {
    const el = want ? cardEl(want) : null;
    if (!el) return;
    el.focus({ preventScroll: true });
    graphFocus.setState({ want: null });
  }, [want]);
  // A card focused here is gone when React Flow takes over: its twin there gets the
  // focus (PanToFocused), so a keyboard user walking the cards does not land on <body>.
  const focusedCard = useRef<string | null>(null);
  useEffect(() => () => {
    const id = focusedCard.current;
    const active = document.activeElement;
    if (id && (!active || active === document.body)) graphFocus.setState({ current: id, want: id });
  }, []);
  const onFocus = (e: React.FocusEvent) => {
    const card = (e.target as Element).closest('[data-testid^="machine-"]');
    focusedCard.current = card ? card.getAttribute('data-testid')!.slice('machine-'.length) : null;
  };
  const onBlur = (e: React.FocusEvent) => {
    if (e.relatedTarget && !box.current?.contains(e.relatedTarget as Node)) focusedCard.current = null;
  };
  const onPaneClick = (e: React.MouseEvent) => {
    if ((e.target as Element).closest('.first-paint-node')) return;
    labStore.getState().select(null);
    networkStore.getState().selectPod(null);
  };
  return (
    <div className="react-flow first-paint" ref={box} style={WRAPPER} data-testid="graph-first-paint" onClick={onPaneClick} onFocus={onFocus} onBlur={onBlur}>
      <Dots vp={vp} />
      {size.w > 0 && (
        <div className="react-flow__viewport react-flow__container" style={{ transform: `translate(${vp.x}px,${vp.y}px) scale(${vp.zoom})` }}>
          <Lines edges={edges} />
          {cards.map((p) => <Card key={p.id} p={p} />)}
        </div>
      )}
      <ControlsPlace />
    </div>
  );
}
