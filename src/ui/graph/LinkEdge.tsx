// A line drawn border to border from the segment the layout computed. The machines'
// handles sit at their centres, so React Flow's own straight edge would end under the
// target card and hide its arrowhead there.

import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { LinkEdge as LinkEdgeType } from './edges';

export const LinkEdge = memo(function LinkEdge({ data, markerEnd }: EdgeProps<LinkEdgeType>) {
  if (!data) return null;
  const { x1, y1, x2, y2 } = data.seg;
  return <BaseEdge path={`M ${x1} ${y1} L ${x2} ${y2}`} markerEnd={markerEnd} interactionWidth={0} />;
});
