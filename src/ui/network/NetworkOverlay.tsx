// The network overlays on the graph, in flow coordinates (React Flow's ViewportPortal):
// the Services as shapes with arrows to the pods kube-proxy sends their traffic to, and
// the pod network as a bar of routes, one per node, each joined to its node. Lines and
// arrows are SVG under the packets; the shapes are HTML (readable text, test ids).
// Off, they cost nothing: no kube-proxy view is read and nothing is measured.

import { useNodesInitialized, useReactFlow, useStoreApi, ViewportPortal } from '@xyflow/react';
import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { Placed } from '../graph/layout';
import { fitPadding } from '../graph/fit-view';
import { pathOf, type Point } from '../graph/routes';
import { apiSummary } from '../kube/api-view';
import { labStore, useLab } from '../store/store';
import { useTeach } from '../teach/teach-store';
import { useNetwork } from './network-store';
import './network.css';
import { arrowStart, overlayPlan, type Box, type OverlayPlan } from './overlay-layout';
import { clusterCidr, nodeRoutes } from './pod-network';
import { isStale, serviceShapes, type EndpointArrow, type ServiceShape } from './service-map';

/** The `kubernetes` Service points at the apiservers, not pods: left out of the picture. */
const SKIP = ['default/kubernetes'];
/** kube-proxy views are read at most this often (a large cluster has a hundred). */
const SERVICES_EVERY_MS = 300;
/** Arrows per Service at most; with tiled workers one arrow per node. */
const MAX_ARROWS = 60;

/** The Services as the kube-proxies programmed them, recomputed at most every
 * SERVICES_EVERY_MS while the overlay is on; the same array while nothing changed. */
function useServiceShapes(on: boolean): readonly ServiceShape[] {
  const [shapes, setShapes] = useState<readonly ServiceShape[]>([]);
  useEffect(() => {
    if (!on) return;
    let last = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    let machines: unknown;
    const compute = () => {
      timer = undefined;
      const s = labStore.getState();
      if (s.machines === machines) return;
      machines = s.machines;
      const next = serviceShapes(s.machines, apiSummary(s.machines).pods, SKIP);
      const text = JSON.stringify(next);
      if (text !== last) {
        last = text;
        setShapes(next);
      }
    };
    compute();
    const unsubscribe = labStore.subscribe(() => {
      timer ??= setTimeout(compute, SERVICES_EVERY_MS);
    });
    return () => {
      unsubscribe();
      if (timer) clearTimeout(timer);
    };
  }, [on]);
  return on ? shapes : NONE;
}
const NONE: readonly ServiceShape[] = [];

/** Bottom centre of a pod tile inside its card, in flow coordinates: offsets up to the
 * React Flow node (pan and zoom do not change them), plus the node's position. */
function podAnchor(testId: string, placed: Readonly<Record<string, Placed>>): Point | undefined {
  const el = document.querySelector<HTMLElement>(`.react-flow__node [data-testid="${CSS.escape(testId)}"]`);
  if (!el) return undefined;
  let x = el.offsetLeft + el.offsetWidth / 2;
  let y = el.offsetTop + el.offsetHeight;
  let p = el.offsetParent as HTMLElement | null;
  while (p && !p.classList.contains('react-flow__node')) {
    x += p.offsetLeft + p.clientLeft;
    y += p.offsetTop + p.clientTop;
    p = p.offsetParent as HTMLElement | null;
  }
  const at = p ? placed[p.dataset.id ?? ''] : undefined;
  return at ? { x: at.x + x, y: at.y + y } : undefined;
}

interface Arrow { readonly service: string; readonly target: string; readonly from: Point; readonly to: Point; readonly stale: boolean; readonly title: string; readonly count: number }

function endpointTitle(s: ServiceShape, e: EndpointArrow): string {
  const who = e.pod ?? e.key;
  if (!isStale(e)) return `${s.name} → ${who} (${e.addresses.join(', ')}): in the rules of every kube-proxy (${e.on.length})`;
  return `${s.name} → ${who} (${e.addresses.join(', ')}): stale — programmed on ${e.on.join(', ')}; not on ${e.missing.join(', ')}`;
}

/** The arrows of the drawn Services: to each endpoint's pod tile, or with tiled workers
 * to each node holding endpoints (one arrow, with a count). */
function arrowsOf(plan: OverlayPlan, placed: Readonly<Record<string, Placed>>, anchors: Readonly<Record<string, Point>>): Arrow[] {
  const out: Arrow[] = [];
  for (const { shape, box } of plan.services) {
    const targets: { target: string; to: Point; stale: boolean; title: string; count: number }[] = [];
    const perNode = new Map<string, { stale: boolean; count: number }>();
    for (const e of shape.endpoints) {
      const tile = e.node ? placed[e.node] : undefined;
      if (tile?.compact) {
        const n = perNode.get(e.node!) ?? { stale: false, count: 0 };
        perNode.set(e.node!, { stale: n.stale || isStale(e), count: n.count + 1 });
        continue;
      }
      const to = e.pod ? anchors[e.pod] : undefined;
      if (to) targets.push({ target: e.pod!, to, stale: isStale(e), title: endpointTitle(shape, e), count: 1 });
    }
    for (const [node, n] of perNode) {
      const p = placed[node]!;
      targets.push({ target: node, to: { x: p.x + p.w / 2, y: p.y + p.h }, stale: n.stale, title: `${shape.name} → ${n.count} endpoint(s) on ${node}`, count: n.count });
    }
    targets.sort((a, b) => a.to.x - b.to.x);
    const shown = targets.slice(0, MAX_ARROWS);
    shown.forEach((t, i) => out.push({ service: shape.key, ...t, from: arrowStart(box, i, shown.length) }));
  }
  return out;
}

export const NetworkOverlay = memo(function NetworkOverlay({ placed }: { placed: Readonly<Record<string, Placed>> }) {
  const routesOn = useNetwork((s) => s.routes);
  const servicesOn = useNetwork((s) => s.services);
  const kube = useLab((s) => s.machineNames.includes('lb'));
  const nodes = useLab((s) => (routesOn ? apiSummary(s.machines).nodes : undefined));
  const pods = useLab((s) => (servicesOn ? apiSummary(s.machines).pods : undefined));
  const presenting = useTeach((s) => s.presenting);
  const services = useServiceShapes(servicesOn && kube);
  const routes = useMemo(() => (nodes ? nodeRoutes(nodes) : undefined), [nodes]);
  const plan = useMemo(() => overlayPlan(placed, routes, servicesOn ? services : undefined, presenting), [placed, routes, services, servicesOn, presenting]);
  const [anchors, setAnchors] = useState<Readonly<Record<string, Point>>>({});
  // Pod tiles move when pods come and go: measure after the cards have drawn.
  useEffect(() => {
    if (!servicesOn) return;
    const raf = requestAnimationFrame(() => {
      const next: Record<string, Point> = {};
      for (const s of services) for (const e of s.endpoints) {
        if (!e.pod) continue;
        const [ns, name] = e.pod.split('/');
        const at = podAnchor(`pod-${ns}-${name}`, placed);
        if (at) next[e.pod] = at;
      }
      setAnchors((prev) => (JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
    });
    return () => cancelAnimationFrame(raf);
  }, [services, pods, placed, presenting, servicesOn]);
  useFitOverlay(placed, plan, kube && (routesOn || servicesOn), servicesOn && plan.services.length === 0, presenting);
  if (!kube || (!routesOn && !servicesOn)) return null;
  const arrows = servicesOn ? arrowsOf(plan, placed, anchors) : [];
  return (
    <ViewportPortal>
      <div className="net-overlay" data-testid="network-overlay">
        <svg className="net-lines" width="1" height="1" aria-hidden="true">
          <defs>
            <marker id="svc-head" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="14" markerHeight="14" markerUnits="userSpaceOnUse" orient="auto-start-reverse">
              <path d="M0,0 L10,5 L0,10 z" className="svc-head" />
            </marker>
          </defs>
          {plan.bar?.entries.map((e) => (
            <path key={e.route.node} className={`route-line${e.route.ready === 'True' ? '' : ' route-notready'}`} d={pathOf(e.line)} data-testid={`route-line-${e.route.node}`} />
          ))}
          {arrows.map((a) => (
            <path
              key={`${a.service}>${a.target}`} className={`svc-arrow${a.stale ? ' stale' : ''}`} d={pathOf([a.from, a.to])} markerEnd="url(#svc-head)"
              data-testid="service-arrow" data-service={a.service} data-target={a.target} data-stale={a.stale}
            >
              <title>{a.title}</title>
            </path>
          ))}
        </svg>
        {plan.services.map(({ shape, box }) => <ServiceBox key={shape.key} shape={shape} box={box} />)}
        {plan.moreServices > 0 && <MoreServices plan={plan} presenting={presenting} />}
        {servicesOn && plan.services.length === 0 && <NoServices placed={placed} presenting={presenting} />}
        {plan.bar && routes && <RouteBar plan={plan} cidr={clusterCidr(routes)} count={routes.length} />}
      </div>
    </ViewportPortal>
  );
});

/** The "no Services yet" note's box, below the cards. */
function noServicesBox(placed: Readonly<Record<string, Placed>>, presenting: boolean): Box {
  const bottom = Math.max(0, ...Object.values(placed).map((p) => p.y + p.h));
  // Presenter mode: the hint's text as large as the cards' (network.css), in a larger box.
  return presenting ? { x: -380, y: bottom + 40, w: 760, h: 112 } : { x: -260, y: bottom + 40, w: 520, h: 64 };
}

/** Fits the view to the cards and the overlay whenever the overlay's extent changes (it
 * lies below the cards, where the graph's own fitView does not look), and back to the
 * cards when the overlays go off. A pan or zoom by the reader is left alone otherwise. */
function useFitOverlay(placed: Readonly<Record<string, Placed>>, plan: OverlayPlan, on: boolean, none: boolean, presenting: boolean): void {
  const { fitBounds, fitView } = useReactFlow();
  const flow = useStoreApi();
  // The graph fits its cards once React Flow has measured them (a remount, e.g. into
  // presenter mode): fit after that, or that fit would undo this one.
  const ready = useNodesInitialized();
  const last = useRef('');
  useEffect(() => {
    if (!ready) return;
    const boxes: Box[] = [...Object.values(placed)];
    if (on) {
      boxes.push(...plan.services.map((s) => s.box));
      if (plan.bar) boxes.push(plan.bar.box);
      if (none) boxes.push(noServicesBox(placed, presenting));
    }
    if (boxes.length === 0) return;
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    const w = Math.max(...boxes.map((b) => b.x + b.w)) - x;
    const h = Math.max(...boxes.map((b) => b.y + b.h)) - y;
    const key = `${on}:${Math.round(x)}:${Math.round(y)}:${Math.round(w)}:${Math.round(h)}`;
    if (key === last.current) return;
    // Nothing to undo until an overlay has shown.
    if (last.current === '' && !on) {
      last.current = key;
      return;
    }
    const raf = requestAnimationFrame(() => {
      last.current = key;
      if (on) void fitBounds({ x, y, width: w, height: h }, { padding: 0.06, duration: 0 });
      else {
        const { width, height } = flow.getState();
        void fitView({ padding: fitPadding(Object.values(placed), width, height, 'lb' in placed), duration: 0 });
      }
    });
    return () => cancelAnimationFrame(raf);
  }, [ready, placed, plan, on, none, presenting, fitBounds, fitView, flow]);
}

function at(b: Box): React.CSSProperties {
  return { transform: `translate(${b.x}px, ${b.y}px)`, width: b.w, height: b.h };
}

function ServiceBox({ shape, box }: { shape: ServiceShape; box: Box }) {
  const stale = shape.endpoints.filter(isStale).length;
  return (
    <div
      className={`svc-shape svc-${shape.type.toLowerCase()}`} style={at(box)}
      data-testid={`service-${shape.namespace}-${shape.name}`} data-cluster-ip={shape.clusterIP} data-type={shape.type}
      data-endpoints={shape.endpoints.length} data-stale={stale}
    >
      <div className="svc-name"><span className="svc-kind">svc</span> {shape.namespace === 'default' ? shape.name : `${shape.namespace}/${shape.name}`} <span className="svc-type">{shape.type}</span></div>
      <div className="svc-ip">{shape.clusterIP}:{shape.ports.map((p) => p.replace('/TCP', '')).join(',')}</div>
      {shape.externalIP !== undefined && <div className="svc-ip svc-external" data-testid={`service-external-${shape.namespace}-${shape.name}`}>EXTERNAL-IP {shape.externalIP}</div>}
      <div className="svc-meta">
        {shape.endpoints.length} endpoint{shape.endpoints.length === 1 ? '' : 's'} · kube-proxy on {shape.programmedOn.length}/{shape.proxies} nodes
        {stale > 0 && <b className="svc-stale"> · {stale} stale</b>}
      </div>
    </div>
  );
}

function MoreServices({ plan, presenting }: { plan: OverlayPlan; presenting: boolean }) {
  const last = plan.services[plan.services.length - 1]!.box;
  return <div className="svc-more" style={at({ ...last, x: last.x + last.w + 20, w: presenting ? 240 : 160 })}>+{plan.moreServices} more Services (kubectl get svc)</div>;
}

function NoServices({ placed, presenting }: { placed: Readonly<Record<string, Placed>>; presenting: boolean }) {
  return (
    <div className="svc-none" style={at(noServicesBox(placed, presenting))} data-testid="services-none">
      No Services yet. Expose the web pods in the console: <code>kubectl expose deployment web --port=80</code>, or apply a manifest of <code>kind: Service</code>
    </div>
  );
}

function RouteBar({ plan, cidr, count }: { plan: OverlayPlan; cidr: string; count: number }) {
  const bar = plan.bar!;
  return (
    <>
      <div className="pod-network" style={at(bar.box)} data-testid="pod-network" data-routes={count} data-cidr={cidr}>
        <div className="pod-network-title">
          pod network {cidr} · routes as flannel's <b>host-gw</b> installs them on every node: a node's pod CIDR via that node's IP, no encapsulation
          {bar.summary && ` · ${count} nodes, ${count} routes (select a node for its table)`}
        </div>
      </div>
      {bar.entries.map((e) => (
        <div
          key={e.route.node} className={`route-entry${e.route.ready === 'True' ? '' : ' route-notready'}`} style={at(e.box)}
          data-testid={`route-${e.route.node}`} data-cidr={e.route.cidr} data-via={e.route.via}
          title={`${e.route.cidr} via ${e.route.via} dev eth0 — on every other node; on ${e.route.node} itself the CIDR is on the cni0 bridge`}
        >
          <span className="route-cidr">{e.route.cidr}</span>
          <span className="route-via">via {e.route.via} <span className="route-node">({e.route.node})</span></span>
        </div>
      ))}
    </>
  );
}
