// The selected node's routing table for the pod network (`ip route`, pod routes only),
// as flannel's host-gw backend would leave it: from the API's nodes (pod-network.ts).

import { memo, useMemo } from 'react';
import { apiSummary } from '../kube/api-view';
import { useLab } from '../store/store';
import { nodeRoutes, routeTable } from './pod-network';

export const NodeRoutes = memo(function NodeRoutes({ node }: { node: string }) {
  const nodes = useLab((s) => apiSummary(s.machines).nodes);
  const lines = useMemo(() => routeTable(node, nodeRoutes(nodes)), [node, nodes]);
  if (lines.length === 0) return null;
  return (
    <details className="node-routes">
      <summary>pod routes on {node} ({lines.length}, <code>ip route</code>)</summary>
      <pre className="route-table" data-testid={`route-table-${node}`} tabIndex={0}>{lines.join('\n')}</pre>
    </details>
  );
});
