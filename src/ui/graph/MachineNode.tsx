// A machine as React Flow's node: its card (MachineCard.tsx, which the graph's first
// paint draws before React Flow has loaded) with the edges' handles at its centre.

import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { MachineCard, type MachineNodeData } from './MachineCard';

export type { MachineNodeData };
export type MachineNodeType = Node<MachineNodeData, 'machine'>;

const HANDLES = (
  <>
    <Handle type="target" position={Position.Top} className="center-handle" isConnectable={false} />
    <Handle type="source" position={Position.Top} className="center-handle" isConnectable={false} />
  </>
);

export const MachineNode = memo(function MachineNode({ data }: NodeProps<MachineNodeType>) {
  return <MachineCard data={data} handles={HANDLES} />;
});
