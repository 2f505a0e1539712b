// The cluster as a React Flow graph: machines at stable positions, the etcd members'
// full mesh and the client's links as edges, messages as animated dots.

import { Background, Controls, ReactFlow, useReactFlow, type Edge } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useShallow } from 'zustand/shallow';
import type { MachineKind } from '../../protocol/frames';
import { labStore, useLab } from '../store/store';
import { layout, memberHosts, type MachineRef } from './layout';
import { MachineNode, type MachineNodeType } from './MachineNode';
import { PacketLayer } from './PacketLayer';
import { UnscheduledPods } from '../kube/KubeParts';

const nodeTypes = { machine: MachineNode };

function edgesFor(refs: readonly MachineRef[], cut: readonly string[]): Edge[] {
  const hosts = memberHosts(refs).map((m) => m.name);
  const isCut = (a: string, b: string) => cut.includes(`${a}>${b}`) || cut.includes(`${b}>${a}`);
  const edge = (a: string, b: string, cls: string): Edge => ({
    id: `${a}--${b}`, source: a, target: b, type: 'straight', selectable: false, focusable: false,
    className: `${cls}${isCut(a, b) ? ' edge-cut' : ''}`,
  });
  const out: Edge[] = [];
  for (let i = 0; i < hosts.length; i++) for (let j = i + 1; j < hosts.length; j++) out.push(edge(hosts[i]!, hosts[j]!, 'edge-peer'));
  const lb = refs.find((m) => m.kind === 'lb');
  if (!lb) {
    for (const c of refs.filter((m) => m.kind === 'client')) for (const h of hosts) out.push(edge(c.name, h, 'edge-client'));
    return out;
  }
  // Kubernetes: everyone reaches the apiservers through the load balancer, and only the
  // apiservers talk to etcd (stacked: each to the member inside its own card).
  const masters = refs.filter((m) => m.kind === 'master');
  for (const m of masters) out.push(edge(lb.name, m.name, 'edge-lb'));
  for (const w of refs.filter((m) => m.kind === 'worker')) out.push(edge(w.name, lb.name, 'edge-node'));
  for (const c of refs.filter((m) => m.kind === 'client')) out.push(edge(c.name, lb.name, 'edge-client'));
  if (refs.some((m) => m.kind === 'etcd')) for (const m of masters) for (const h of hosts) out.push(edge(m.name, h, 'edge-etcd'));
  return out;
}

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
  const placed = useMemo(() => layout(refs), [refs]);
  const nodes = useMemo<MachineNodeType[]>(() => Object.values(placed).map((p) => ({
    id: p.id, type: 'machine', position: { x: p.x, y: p.y }, width: p.w, height: p.h,
    style: { width: p.w, height: p.h },
    data: { id: p.id, kind: p.kind, member: p.member },
    draggable: false, connectable: false,
  })), [placed]);
  const edges = useMemo(() => edgesFor(refs, cut), [refs, cut]);
  const onNodeClick = useCallback((_: unknown, node: MachineNodeType) => labStore.getState().select(node.id), []);
  const onPaneClick = useCallback(() => labStore.getState().select(null), []);

  return (
    <div className="graph" ref={box}>
      <ReactFlow
        key={shape.join(',')}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodeClick={onNodeClick}
        onPaneClick={onPaneClick}
        fitView
        fitViewOptions={{ padding: 0.08 }}
        nodesDraggable={false}
        nodesConnectable={false}
        minZoom={0.2}
        maxZoom={2}
        proOptions={{ hideAttribution: true }}
      >
        <Background gap={24} color="#d8d8d0" />
        <PacketLayer placed={placed} />
        <Controls showInteractive={false} position="top-right" />
        <FitOnResize target={box} />
      </ReactFlow>
      <UnscheduledPods />
    </div>
  );
}
