// A machine as React Flow's node: its card (MachineNode.tsx, which the graph's first
// paint draws before React Flow has loaded) with the edges' handles at its centre.

import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import { MachineNode, type MachineNodeData } from './MachineNode';

export type MachineNodeType = Node<MachineNodeData, 'machine'>;

const HANDLES = (
  <>
    <Handle type="target" position={Position.Top} className="center-handle" isConnectable={false} />
    <Handle type="source" position={Position.Top} className="center-handle" isConnectable={false} />
  </>
);

export const MachineFlowNode = memo(function MachineFlowNode({ data }: NodeProps<MachineNodeType>) {
  return <MachineNode data={data} handles={HANDLES} />;
});
