// The cluster as a React Flow graph: machines at stable positions, the etcd members'
// full mesh and the callers' arrows as edges (edges.ts), messages as animated dots.

import { Background, Controls, ReactFlow, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/shallow';
import type { MachineKind } from '../../protocol/frames';
import { labStore, useLab } from '../store/store';
import { edgesFor } from './edges';
import { KUBE_SIZES, layout, PRESENTER_SIZES, type MachineRef } from './layout';
import { LinkEdge } from './LinkEdge';
import { MachineNode, type MachineNodeType } from './MachineNode';
import { PacketLayer } from './PacketLayer';
import { ManyPodsNotice, UnscheduledPods } from '../kube/KubeParts';
import { useTeach } from '../teach/teach-store';
import { graphFocus, PanToFocused, readingOrder } from '../a11y/graph-keys';
import { NetworkOverlay } from '../lazy-parts';
import { networkStore } from '../network/network-store';
import { OverlayToggles } from '../network/OverlayToggles';

const nodeTypes = { machine: MachineNode };
const edgeTypes = { link: LinkEdge };

/** Fits the view when the container changes size (a projector, a resized window). */
function FitOnResize({ target }: { target: React.RefObject<HTMLDivElement | null> }) {
  const { fitView } = useReactFlow();
  useEffect(() => {
    const el = target.current;
    if (!el) return;
    const ro = new ResizeObserver(() => void fitView({ padding: 0.08, duration: 0 }));
    ro.observe(el);
    return () => ro.disconnect();
  }, [fitView, target]);
  return null;
}

export function Graph() {
  const shape = useLab(useShallow((s) => s.machineNames.map((n) => `${n}:${s.machines[n]?.kind ?? 'master'}:${s.machines[n]?.etcd ? 1 : 0}`)));
  const cut = useLab((s) => s.cut);
  const box = useRef<HTMLDivElement>(null);
  const refs = useMemo<MachineRef[]>(() => shape.map((k) => {
    const [name, kind, etcd] = k.split(':') as [string, MachineKind, string];
    return { name, kind, etcd: etcd === '1' };
  }), [shape]);
  const presenting = useTeach((s) => s.presenting);
  const placed = useMemo(() => layout(refs, presenting ? PRESENTER_SIZES : KUBE_SIZES), [refs, presenting]);
  const nodes = useMemo<MachineNodeType[]>(() => Object.values(placed).map((p) => ({
    id: p.id, type: 'machine', position: { x: p.x, y: p.y }, width: p.w, height: p.h,
    style: { width: p.w, height: p.h },
    data: { id: p.id, kind: p.kind, member: p.member, ...(p.compact ? { compact: true } : {}) },
    draggable: false, connectable: false,
  })), [placed]);
  useEffect(() => graphFocus.setState({ order: readingOrder(Object.values(placed)) }), [placed]);
  const edges = useMemo(() => edgesFor(refs, placed, cut), [refs, placed, cut]);
  const onNodeClick = useCallback((_: unknown, node: MachineNodeType) => labStore.getState().select(node.id), []);
  const onPaneClick = useCallback(() => {
    labStore.getState().select(null);
    networkStore.getState().selectPod(null);
  }, []);

  return (
    <div className="graph" ref={box}>
      <ReactFlow
        key={`${presenting ? 'present:' : ''}${shape.join(',')}`}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        fitView
        fitViewOptions={{ padding: 0.08 }}
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
        <Background gap={24} color="#d8d8d0" />
        <NetworkOverlay placed={placed} />
        <PacketLayer placed={placed} />
        <Controls showInteractive={false} position="top-right" />
        <FitOnResize target={box} />
        <PanToFocused />
      </ReactFlow>
      <OverlayToggles />
      <ManyPodsNotice />
      <UnscheduledPods />
    </div>
  );
}
