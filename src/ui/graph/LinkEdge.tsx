// A line drawn border to border along the route routes.ts computed (around cards). The machines'
// handles sit at their centres, so React Flow's own straight edge would end under the
// target card and hide its arrowhead there.

import { BaseEdge, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import type { LinkEdge as LinkEdgeType } from './edges';
import { pathOf } from './routes';

export const LinkEdge = memo(function LinkEdge({ data, markerEnd }: EdgeProps<LinkEdgeType>) {
  if (!data) return null;
  return <BaseEdge path={pathOf(data.points)} markerEnd={markerEnd} interactionWidth={0} />;
});
