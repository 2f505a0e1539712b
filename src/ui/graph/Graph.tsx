// The cluster as a React Flow graph: machines at stable positions, the etcd members'
// full mesh and the callers' arrows as edges (edges.ts), messages as animated dots.
// A chunk of its own with React Flow and d3 (GraphStage.tsx): until it has loaded the
// graph's first paint (FirstPaint.tsx) draws the same cards at the same places, and
// React Flow starts from the viewport its fitView will give (fit-view.ts), so taking
// over cannot be seen.

import { Controls, ReactFlow, ReactFlowProvider, useReactFlow, useStoreApi } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo } from 'react';
import { labStore } from '../store/store';
import { fitGraph, fitPadding, type Box } from './fit-view';
import { useGraphModel } from './graph-model';
import { LinkEdge } from './LinkEdge';
import { MachineFlowNode, type MachineNodeType } from './MachineFlowNode';
import { DotBackground } from './DotBackground';
import { PacketLayer } from './PacketLayer';
import { PanToFocused } from './PanToFocused';
import { NetworkOverlay } from '../lazy-parts';
import { networkStore } from '../network/network-store';
import { setZoom } from './zoom-level';

const nodeTypes = { machine: MachineFlowNode };
const edgeTypes = { link: LinkEdge };

/** Fits the view when the container changes size (a projector, a resized window). */
function FitOnResize({ target, boxes, switches }: { target: React.RefObject<HTMLDivElement | null>; boxes: readonly Box[]; switches: boolean }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const ro = new ResizeObserver(() => void fitView({ padding: fitPadding(boxes, el.offsetWidth, el.offsetHeight, switches), duration: 0 }));
    ro.observe(el);
    return () => ro.disconnect();
  }, [fitView, target, boxes, switches]);
  return null;
}

/** Keeps the worker tiles' level of detail (zoom-level.ts) in step with the viewport. */
function ZoomLevelSync(): null {
  const flow = useStoreApi();
  useEffect(() => {
    setZoom(flow.getState().transform[2]);
    return flow.subscribe((s) => setZoom(s.transform[2]));
  }, [flow]);
  return null;
}

export function Graph({ box }: { box: React.RefObject<HTMLDivElement | null> }) {
  const { shape, refs, presenting, placed, edges } = useGraphModel();
  const nodes = useMemo<MachineNodeType[]>(() => Object.values(placed).map((p) => ({
    id: p.id, type: 'machine', position: { x: p.x, y: p.y }, width: p.w, height: p.h,
    style: { width: p.w, height: p.h },
    data: { id: p.id, kind: p.kind, member: p.member, ...(p.compact ? { compact: true } : {}) },
    draggable: false, connectable: false,
  })), [placed]);
  // Where fitView will put the cards, from the first frame on (the first paint drew them
  // there): React Flow would start at (0, 0, 1) until its nodes are measured.
  const el = box.current;
  const boxes = useMemo(() => Object.values(placed), [placed]);
  const switches = 'lb' in placed;
  const start = useMemo(() => fitGraph(boxes, el?.offsetWidth ?? 0, el?.offsetHeight ?? 0, switches), [boxes, el, switches]);
  // The padding React Flow fits with (at start, and from the fit button): the same rule.
  const padding = fitPadding(boxes, el?.offsetWidth ?? 0, el?.offsetHeight ?? 0, switches);
  const onNodeClick = useCallback((_: unknown, node: MachineNodeType) => labStore.getState().select(node.id), []);
  const onPaneClick = useCallback(() => {
    labStore.getState().select(null);
    networkStore.getState().selectPod(null);
  }, []);

  return (
    <ReactFlowProvider>
      <ReactFlow
        key={`${presenting ? 'present:' : ''}${shape.join(',')}`}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        defaultViewport={start}
        fitView
        fitViewOptions={{ padding }}
        nodesDraggable={false}
        nodesConnectable={false}
        // The cards are the keyboard's (src/ui/a11y/graph-keys.ts): React Flow's own node
        // focus and arrow-key moves would add a second tab stop per machine.
        nodesFocusable={false}
        edgesFocusable={false}
        disableKeyboardA11y
        deleteKeyCode={null}
        // Space is play / pause (src/ui/teach/Keys.tsx): React Flow's pan key would take it
        // first half the time (both listen on window; it prevents the default).
        panActivationKeyCode={null}
        // A large cluster: only what is on screen is rendered (the tiles off screen
        // cost nothing until panned to; PanToFocused pans to a card the arrows reach).
        onlyRenderVisibleElements={refs.length > 24}
        minZoom={0.1}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        {/* React Flow's <Background gap={24} color="#d8d8d0" />, as a CSS background: DotBackground.tsx says why. */}
        <DotBackground gap={24} colour="#d8d8d0" />
        <NetworkOverlay placed={placed} />
        <PacketLayer placed={placed} />
        <Controls showInteractive={false} position="top-right" fitViewOptions={{ padding }} />
        <FitOnResize target={box} boxes={boxes} switches={switches} />
        <PanToFocused />
        <ZoomLevelSync />
      </ReactFlow>
    </ReactFlowProvider>
  );
}
