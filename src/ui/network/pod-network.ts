// The pod network as routes (pure). Every node has a /24 pod CIDR from the node IPAM
// controller (10.244.0.0/16, kubeadm's flannel set-up), and its pods get addresses from
// it (the kubelet's host-local IPAM). This project models no CNI data path, so the routes
// are drawn as flannel's host-gw backend installs them: on every node, each other
// node's pod CIDR via that node's IP on eth0, and its own CIDR on the cni0 bridge. No
// overlay, no encapsulation: the nodes' own network carries pod traffic.

import type { NodeSummary } from '../../protocol/kube-views';

export interface NodeRoute {
  readonly node: string;
  /** "10.244.1.0/24". */
  readonly cidr: string;
  /** The node's InternalIP: where every other node sends this CIDR's traffic. */
  readonly via: string;
  readonly ready: NodeSummary['ready'];
}

/** The number at the end of a name, for master-2 < master-10. */
function ordinal(name: string): number {
  const m = /(\d+)$/.exec(name);
  return m ? Number(m[1]) : 0;
}

/** One route per node that has both a pod CIDR and an InternalIP, masters first, in
 * natural order. A node without a CIDR yet has no route (and no pods). */
export function nodeRoutes(nodes: readonly NodeSummary[]): NodeRoute[] {
  return nodes
    .filter((n) => n.podCIDR && n.internalIP)
    .map((n) => ({ node: n.name, cidr: n.podCIDR, via: n.internalIP!, ready: n.ready }))
    .sort((a, b) => Number(a.node.startsWith('worker')) - Number(b.node.startsWith('worker')) || ordinal(a.node) - ordinal(b.node) || a.node.localeCompare(b.node));
}

/** The pod network's range: the /16 every node CIDR falls in ("10.244.0.0/16"), or the
 * CIDRs' common text when they disagree. */
export function clusterCidr(routes: readonly NodeRoute[]): string {
  const prefixes = new Set(routes.map((r) => r.cidr.split('.').slice(0, 2).join('.')));
  if (prefixes.size === 1) return `${[...prefixes][0]}.0.0/16`;
  return routes.length === 0 ? '' : 'mixed';
}

/** The cni0 bridge's address on a node: the CIDR's first host (10.244.1.1), the pods'
 * gateway. */
export function bridgeAddress(cidr: string): string {
  const base = cidr.split('/')[0] ?? '';
  const parts = base.split('.');
  if (parts.length !== 4) return '';
  return `${parts[0]}.${parts[1]}.${parts[2]}.${Number(parts[3]) + 1}`;
}

/** `ip route` on `node` as flannel's host-gw leaves it (pod routes only): its own CIDR
 * on cni0, every other node's via that node. Empty when the node has no CIDR yet. */
export function routeTable(node: string, routes: readonly NodeRoute[]): string[] {
  const own = routes.find((r) => r.node === node);
  if (!own) return [];
  const lines = routes.filter((r) => r.node !== node).map((r) => `${r.cidr} via ${r.via} dev eth0`);
  lines.push(`${own.cidr} dev cni0 proto kernel scope link src ${bridgeAddress(own.cidr)}`);
  // ip route lists by destination.
  return lines.sort((a, b) => ipOrder(a) - ipOrder(b));
}

function ipOrder(line: string): number {
  const [a = 0, b = 0, c = 0, d = 0] = (line.split('/')[0] ?? '').split('.').map(Number);
  return ((a * 256 + b) * 256 + c) * 256 + d;
}
