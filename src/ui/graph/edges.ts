// The graph's lines. With Kubernetes each line is an arrow from caller to callee (client
// and nodes → load balancer → apiservers → external etcd), so the picture says who
// talks to whom. The etcd peer mesh and the plain etcd client links stay plain lines.
// Pure: the Graph component only hands these to React Flow, and the first paint draws
// them before React Flow has loaded (FirstPaint.tsx), so only React Flow's types are
// imported here.

import type { Edge, EdgeMarker, MarkerType } from '@xyflow/react';
import { memberHosts, type MachineRef, type Placed } from './layout';
import { routeBetween, type Point } from './routes';

export type LinkEdge = Edge<{ points: readonly Point[] }, 'link'>;

/** Stroke colours of the arrow kinds, as styles.css draws their lines: a head must match
 * its line, and React Flow paints heads from the marker's own colour. */
export const ARROW_COLOURS = { 'edge-lb': '#5b6b8c', 'edge-node': '#7d8aa6', 'edge-client': '#b08a2e', 'edge-etcd': '#0b5394', 'edge-cloud': '#3d7a8c' } as const;
const CUT_COLOUR = '#b42318';

type ArrowClass = keyof typeof ARROW_COLOURS;

/** Heads in screen units, not multiples of the line width, so a thin dashed line gets
 * as visible a head as a thick one. */
function head(color: string): EdgeMarker {
  return { type: 'arrowclosed' as MarkerType.ArrowClosed, color, width: 40, height: 40, markerUnits: 'userSpaceOnUse' };
}

export function edgesFor(refs: readonly MachineRef[], placed: Readonly<Record<string, Placed>>, cut: readonly string[]): LinkEdge[] {
  const hosts = memberHosts(refs).map((m) => m.name);
  const isCut = (a: string, b: string) => cut.includes(`${a}>${b}`) || cut.includes(`${b}>${a}`);
  const out: LinkEdge[] = [];
  const all = Object.values(placed);
  const edge = (a: string, b: string, cls: string, arrow?: ArrowClass) => {
    const pa = placed[a];
    const pb = placed[b];
    if (!pa || !pb) return;
    const cutNow = isCut(a, b);
    out.push({
      id: `${a}--${b}`, source: a, target: b, type: 'link', selectable: false, focusable: false,
      className: `${cls}${cutNow ? ' edge-cut' : ''}`,
      data: { points: routeBetween(pa, pb, all) },
      ...(arrow ? { markerEnd: head(cutNow ? CUT_COLOUR : ARROW_COLOURS[arrow]) } : {}),
    });
  };
  for (let i = 0; i < hosts.length; i++) for (let j = i + 1; j < hosts.length; j++) edge(hosts[i]!, hosts[j]!, 'edge-peer');
  const lb = refs.find((m) => m.kind === 'lb');
  if (!lb) {
    for (const c of refs.filter((m) => m.kind === 'client')) for (const h of hosts) edge(c.name, h, 'edge-client');
    return out;
  }
  // Kubernetes: everyone reaches the apiservers through the load balancer, and only the
  // apiservers talk to etcd. A stacked apiserver talks to its own member only, inside its
  // card (drawn there); an external one to every member.
  const masters = refs.filter((m) => m.kind === 'master');
  for (const m of masters) edge(lb.name, m.name, 'edge-lb', 'edge-lb');
  // Tiled workers (a large cluster) get no line each: a hundred arrows would hide the
  // picture. Their kubelets reach the load balancer all the same.
  for (const w of refs.filter((m) => m.kind === 'worker' && !placed[m.name]?.compact)) edge(w.name, lb.name, 'edge-node', 'edge-node');
  for (const c of refs.filter((m) => m.kind === 'client')) edge(c.name, lb.name, 'edge-client', 'edge-client');
  for (const m of masters) if (!hosts.includes(m.name)) for (const h of hosts) edge(m.name, h, 'edge-etcd', 'edge-etcd');
  // cloud: sim: each master's cloud-controller-manager calls the cloud's API.
  for (const c of refs.filter((m) => m.kind === 'cloud')) for (const m of masters) edge(m.name, c.name, 'edge-cloud', 'edge-cloud');
  return out;
}
