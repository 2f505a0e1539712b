// Messages in flight as coloured, shaped dots travelling along the edges. A dot's place
// is a function of the sim clock (packet-motion.ts, sim-clock.ts): paused, the dots hold
// still where they are at the paused sim time; a Step moves them; slow speeds make them
// crawl. Real latencies are milliseconds, so a dot's flight is stretched to a minimum
// wall time at the rate the run went when it was sent; each edge carries at most a few
// dots. Runs outside React: the store is read through `subscribe` and `getState`, the
// dots are SVG elements moved in a requestAnimationFrame loop (no DOM writes while the
// clock stands still). Under prefers-reduced-motion a dot does not fly: it shows at the
// sender for the first half of its flight and at the receiver for the second.

import { ViewportPortal } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import type { PacketView } from '../../protocol/frames';
import { labStore } from '../store/store';
import type { Placed } from './layout';
import { routeBetween, type Point } from './routes';
import { classifyPacket, PACKET_STYLES } from './packetKinds';
import { dotAt, reducedMotion } from '../a11y/motion';
import { drawnFlightMs, flightProgress, stretchRate } from './packet-motion';
import { simTimeAt } from './sim-clock';

/** Dots on one directed edge at once; more packets are not drawn. */
export const DOTS_PER_EDGE = 3;
/** Packet ids remembered (so a packet seen in two frames is drawn once). */
const SEEN_LIMIT = 4000;

interface Dot {
  readonly el: SVGPathElement;
  readonly edge: string;
  /** The edge's route (routes.ts): dots go around cards as the lines do. */
  readonly points: readonly Point[];
  readonly packet: PacketView;
  /** The rate the run went at when it was first drawn (sim ms per wall ms). */
  readonly rate: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

export function PacketLayer({ placed }: { placed: Readonly<Record<string, Placed>> }) {
  // A callback ref: the portal's target appears only after React Flow has mounted, so
  // the group exists a render later than this component.
  const [layer, setLayer] = useState<SVGGElement | null>(null);
  const [step] = useState(reducedMotion);
  const placedRef = useRef(placed);
  useEffect(() => {
    placedRef.current = placed;
  }, [placed]);

  useEffect(() => {
    if (!layer) return;
    const seen = new Set<number>();
    const perEdge = new Map<string, number>();
    let dots: Dot[] = [];
    let raf = 0;
    /** The sim time last drawn: nothing moves while it stands still (paused). */
    let drawnAt = NaN;

    const spawn = (p: PacketView, rate: number) => {
      const a = placedRef.current[p.from];
      const b = placedRef.current[p.to];
      // No dots to or from tiled workers: they have no lines to travel on.
      if (!a || !b || a === b || a.compact || b.compact) return;
      const edge = `${p.from}>${p.to}`;
      const count = perEdge.get(edge) ?? 0;
      if (count >= DOTS_PER_EDGE) return;
      perEdge.set(edge, count + 1);
      const style = PACKET_STYLES[classifyPacket(p.kind)];
      const el = document.createElementNS(SVG_NS, 'path');
      el.setAttribute('d', style.shape);
      el.setAttribute('fill', style.color);
      el.setAttribute('stroke', '#ffffff');
      el.setAttribute('stroke-width', '1.5');
      el.setAttribute('class', 'packet-dot');
      el.dataset.kind = p.kind;
      el.dataset.testid = 'packet'; // contracts.md §4: each message drawn
      el.dataset.id = String(p.id);
      const points = routeBetween(a, b, Object.values(placedRef.current));
      el.setAttribute('transform', `translate(${points[0]!.x} ${points[0]!.y})`);
      layer.appendChild(el);
      dots.push({ el, edge, points, packet: p, rate });
      drawnAt = NaN; // draw the new dot on the next animation frame
    };

    const ingest = (packets: readonly PacketView[], rate: number) => {
      for (const p of packets) {
        if (seen.has(p.id)) continue;
        seen.add(p.id);
        spawn(p, rate);
      }
      if (seen.size > SEEN_LIMIT) {
        // Sets iterate in insertion order: drop the oldest half.
        let drop = seen.size - SEEN_LIMIT / 2;
        for (const id of seen) {
          if (drop-- <= 0) break;
          seen.delete(id);
        }
      }
    };

    const animate = () => {
      raf = requestAnimationFrame(animate);
      const sample = labStore.getState().clock;
      const clock = simTimeAt(sample, performance.now());
      if (clock === drawnAt) return;
      drawnAt = clock;
      const alive: Dot[] = [];
      for (const d of dots) {
        const k = flightProgress(d.packet.sentAt, drawnFlightMs(d.packet, stretchRate(d.rate, sample.rate)), clock);
        // Arrived, or the clock went back before it was sent (a seek): gone.
        if (k >= 1 || k < 0) {
          d.el.remove();
          perEdge.set(d.edge, (perEdge.get(d.edge) ?? 1) - 1);
          continue;
        }
        const { x, y } = dotAt(d.points, k, step);
        d.el.setAttribute('transform', `translate(${x.toFixed(1)} ${y.toFixed(1)})`);
        alive.push(d);
      }
      dots = alive;
    };

    const unsubscribe = labStore.subscribe((s, prev) => {
      if (s.packets !== prev.packets) ingest(s.packets, s.clock.rate);
    });
    raf = requestAnimationFrame(animate);
    return () => {
      unsubscribe();
      cancelAnimationFrame(raf);
      for (const d of dots) d.el.remove();
      dots = [];
    };
  }, [layer, step]);

  return (
    <ViewportPortal>
      <svg className="packet-layer" width="1" height="1" aria-hidden="true" data-testid="packet-layer" data-motion={step ? 'step' : 'fly'}>
        <g ref={setLayer} />
      </svg>
    </ViewportPortal>
  );
}
