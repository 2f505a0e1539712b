// Messages in flight as coloured, shaped dots travelling along the edges. A dot's place
// is a function of the sim clock (packet-motion.ts, sim-clock.ts): paused, the dots hold
// still where they are at the paused sim time; a Step moves them; slow speeds make them
// crawl. Real latencies are milliseconds, so a dot's flight is stretched to a minimum
// wall time at the rate the run went when it was sent; each edge carries at most a few
// dots. Runs outside React: the store is read through `subscribe`. Each dot is a small
// <svg> moved by a Web Animation of its `transform` that the compositor runs
// (flight-animation.ts): the page's main thread touches a dot when it is sent, when a
// data frame brings the clock (and only if the dot drifted or the rate changed) and at
// the first data frame past its arrival (until then its animation keeps it hidden at the
// receiver: flight-animation.ts), never on the animation frames between. Under prefers-reduced-motion a dot
// does not fly: it shows at the sender for the first half of its flight and at the
// receiver for the second.

import { ViewportPortal } from '@xyflow/react';
import { useEffect, useRef, useState } from 'react';
import { MAX_DOTS_PER_LINK, type PacketView } from '../../protocol/frames';
import { labStore } from '../store/store';
import type { Placed } from './layout';
import { routeBetween } from './routes';
import { classifyPacket, PACKET_STYLES, type PacketStyle } from './packetKinds';
import { reducedMotion } from '../a11y/motion';
import { flightDuration, flightKeyframes, flightTiming, holdFlight, inFlight, syncFlight, type Flight } from './flight-animation';
import { MAX_AHEAD_WALL_MS } from './sim-clock';

/** Dots on one directed edge at once; more packets are not drawn (a frame carries no
 * more delivered packets than that per link and kind: src/coordinator/packet-feed.ts). */
export const DOTS_PER_EDGE = MAX_DOTS_PER_LINK;
/** Packet ids remembered (so a packet seen in two frames is drawn once). */
const SEEN_LIMIT = 4000;
/** A dot's box: the largest shape (packetKinds.ts) with its white outline fits. */
const DOT_BOX = 24;

interface Dot extends Flight {
  readonly el: SVGSVGElement;
  readonly edge: string;
  readonly animation: Animation;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** One built dot per style, cloned for each new dot (one call instead of eight
 * attribute writes and two element creations). */
const dotTemplates = new Map<PacketStyle, SVGSVGElement>();

function dotOf(style: PacketStyle): SVGSVGElement {
  let t = dotTemplates.get(style);
  if (!t) {
    t = document.createElementNS(SVG_NS, 'svg');
    t.setAttribute('class', 'packet-dot');
    t.setAttribute('width', String(DOT_BOX));
    t.setAttribute('height', String(DOT_BOX));
    t.setAttribute('viewBox', `${-DOT_BOX / 2} ${-DOT_BOX / 2} ${DOT_BOX} ${DOT_BOX}`);
    const path = document.createElementNS(SVG_NS, 'path');
    path.setAttribute('d', style.shape);
    path.setAttribute('fill', style.color);
    path.setAttribute('stroke', '#ffffff');
    path.setAttribute('stroke-width', '1.5');
    t.appendChild(path);
    dotTemplates.set(style, t);
  }
  return t.cloneNode(true) as SVGSVGElement;
}

export function PacketLayer({ placed }: { placed: Readonly<Record<string, Placed>> }) {
  // A callback ref: the portal's target appears only after React Flow has mounted, so
  // the layer exists a render later than this component.
  const [layer, setLayer] = useState<HTMLDivElement | null>(null);
  const [step] = useState(reducedMotion);
  const placedRef = useRef(placed);
  useEffect(() => {
    placedRef.current = placed;
  }, [placed]);

  useEffect(() => {
    if (!layer) return;
    const seen = new Set<number>();
    const perEdge = new Map<string, number>();
    const dots = new Set<Dot>();
    /** The stalled-frame check's timer (one for all dots), while the clock runs. */
    let holdTimer: ReturnType<typeof setTimeout> | undefined;

    const remove = (d: Dot) => {
      if (!dots.delete(d)) return;
      d.animation.cancel();
      d.el.remove();
      perEdge.set(d.edge, (perEdge.get(d.edge) ?? 1) - 1);
    };

    // Per edge, while the cards stay where they are: the route's keyframes (a route
    // goes around the cards: a pass over every card per dot, about 140 dots a second
    // at 30 workers).
    let keyframesFor = new Map<string, Keyframe[]>();
    let keyframesPlaced = placedRef.current;
    const keyframesOf = (edge: string, a: Placed, b: Placed): Keyframe[] => {
      if (keyframesPlaced !== placedRef.current) {
        keyframesPlaced = placedRef.current;
        keyframesFor = new Map();
      }
      let k = keyframesFor.get(edge);
      if (!k) keyframesFor.set(edge, (k = flightKeyframes(routeBetween(a, b, Object.values(keyframesPlaced)), step)));
      return k;
    };

    const spawn = (p: PacketView, a: Placed, b: Placed, rate: number) => {
      const edge = `${p.from}>${p.to}`;
      const count = perEdge.get(edge) ?? 0;
      if (count >= DOTS_PER_EDGE) return;
      const flight: Flight = { packet: p, sentRate: rate, duration: 0 };
      flight.duration = flightDuration(flight, rate);
      const clock = labStore.getState().clock;
      const wall = performance.now();
      // Arrived already (or not sent yet, after a seek): no element, no animation.
      if (!inFlight(flight, clock, wall)) return;
      const el = dotOf(PACKET_STYLES[classifyPacket(p.kind)]);
      el.dataset.kind = p.kind;
      el.dataset.testid = 'packet'; // contracts.md §4: each message drawn
      el.dataset.id = String(p.id);
      const animation = el.animate(keyframesOf(edge, a, b), flightTiming(flight.duration));
      const dot: Dot = Object.assign(flight, { el, edge, animation });
      if (!syncFlight(dot, animation, clock, wall)) return animation.cancel();
      perEdge.set(edge, count + 1);
      dots.add(dot);
      animation.onfinish = () => remove(dot);
      layer.appendChild(el);
    };

    const ingest = (packets: readonly PacketView[], rate: number) => {
      for (const p of packets) {
        const a = placedRef.current[p.from];
        const b = placedRef.current[p.to];
        // No dots to or from tiled workers: they have no lines to travel on (at 30
        // workers most packets, about 1 700 a second: not remembered either).
        if (!a || !b || a === b || a.compact || b.compact || seen.has(p.id)) continue;
        seen.add(p.id);
        spawn(p, a, b, rate);
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

    /** A new clock sample (a data frame): every dot back to it. */
    const sync = () => {
      const clock = labStore.getState().clock;
      const wall = performance.now();
      for (const d of dots) if (!syncFlight(d, d.animation, clock, wall)) remove(d);
      if (clock.rate > 0 && dots.size > 0) holdTimer ??= setTimeout(hold, MAX_AHEAD_WALL_MS);
    };

    /** No frame for MAX_AHEAD_WALL_MS while the clock runs (a busy worker): the dots
     * stop where the picture may go ahead of the simulation, until the next frame. */
    const hold = () => {
      holdTimer = undefined;
      const clock = labStore.getState().clock;
      const wall = performance.now();
      if (clock.rate === 0 || dots.size === 0) return;
      const left = clock.wall + MAX_AHEAD_WALL_MS - wall;
      if (left > 0) return void (holdTimer = setTimeout(hold, left));
      for (const d of dots) if (!holdFlight(d, d.animation, clock, wall)) remove(d);
    };

    const unsubscribe = labStore.subscribe((s, prev) => {
      if (s.clock !== prev.clock) sync();
      if (s.packets !== prev.packets) ingest(s.packets, s.clock.rate);
    });
    return () => {
      unsubscribe();
      clearTimeout(holdTimer);
      for (const d of [...dots]) remove(d);
    };
  }, [layer, step]);

  return (
    <ViewportPortal>
      <div className="packet-layer" ref={setLayer} aria-hidden="true" data-testid="packet-layer" data-motion={step ? 'step' : 'fly'} />
    </ViewportPortal>
  );
}
