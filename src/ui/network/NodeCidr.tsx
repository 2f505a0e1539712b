// A node's pod CIDR (and its IP, the route's next hop) on its card, small but readable;
// on a large cluster's tile only the CIDR, and only close up (WorkerTile's detail zoom).

import { memo } from 'react';
import { apiSummary, nodeNamed } from '../kube/api-view';
import { useLab } from '../store/store';

export const NodeCidr = memo(function NodeCidr({ node, tile }: { node: string; tile?: boolean }) {
  const cidr = useLab((s) => nodeNamed(apiSummary(s.machines).nodes, node)?.podCIDR ?? '');
  const ip = useLab((s) => nodeNamed(apiSummary(s.machines).nodes, node)?.internalIP ?? '');
  if (!cidr) return null;
  if (tile) return <span className="tile-cidr" data-testid={`cidr-${node}`} data-cidr={cidr}>{cidr}</span>;
  return (
    <span className="node-cidr" data-testid={`cidr-${node}`} data-cidr={cidr} title={`pod CIDR ${cidr}: this node's pods get their IPs from it; node IP ${ip || 'unknown'} (the other nodes route ${cidr} via it)`}>
      pods {cidr}{ip ? ` · node ${ip}` : ''}
    </span>
  );
});
