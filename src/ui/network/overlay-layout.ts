// Where the network overlays go (pure): below every card, first a row of Service shapes
// (close to the pods their arrows point at), then the pod-network bar with one route
// entry per node, each joined to its node by a line routed around the cards (the
// graph's own routing, graph/routes.ts). Entries are ordered by their node's position,
// so the lines mostly run straight up. With tiled workers (a large cluster) the bar
// only sums the routes up: a hundred lines would hide the picture.

import type { Placed } from '../graph/layout';
import { routeBetween, type Point } from '../graph/routes';
import type { NodeRoute } from './pod-network';
import type { ServiceShape } from './service-map';

export interface Box { readonly x: number; readonly y: number; readonly w: number; readonly h: number }

export interface RouteEntry { readonly route: NodeRoute; readonly box: Box; readonly line: readonly Point[] }

export interface OverlayPlan {
  readonly services: readonly { readonly shape: ServiceShape; readonly box: Box }[];
  /** Services left out (more than MAX_SERVICES). */
  readonly moreServices: number;
  readonly bar?: { readonly box: Box; readonly entries: readonly RouteEntry[]; readonly summary: boolean };
}

/** Service shapes drawn at most; the rest are counted. */
export const MAX_SERVICES = 6;
export const SERVICE_SIZE = { w: 270, h: 104 };
/** In presenter mode a Service's text is as large as the cards' (network.css): a wider,
 * taller shape, so its meta line may take two lines. */
export const PRESENTER_SERVICE_SIZE = { w: 400, h: 164 };
const SERVICE_GAP = 40;
export const ENTRY_SIZE = { w: 200, h: 52 };
/** In presenter mode the bar's text is as large as the cards' (network.css): an entry
 * has three lines (CIDR, via, node) and the title may take two. */
export const PRESENTER_ENTRY_SIZE = { w: 214, h: 86 };
const ENTRY_GAP = 14;
const BAR_TITLE_H = 46;
const PRESENTER_BAR_TITLE_H = 62;
const BAR_PAD = 10;
/** Space between the cards and the first overlay row, and between the rows. */
const ROW_GAP = 56;

function centreRow(count: number, w: number, gap: number): number[] {
  const width = count * w + Math.max(0, count - 1) * gap;
  return Array.from({ length: count }, (_, i) => -width / 2 + i * (w + gap));
}

export function overlayPlan(placed: Readonly<Record<string, Placed>>, routes: readonly NodeRoute[] | undefined, services: readonly ServiceShape[] | undefined, presenting = false): OverlayPlan {
  const entrySize = presenting ? PRESENTER_ENTRY_SIZE : ENTRY_SIZE;
  const titleH = presenting ? PRESENTER_BAR_TITLE_H : BAR_TITLE_H;
  const svcSize = presenting ? PRESENTER_SERVICE_SIZE : SERVICE_SIZE;
  const cards = Object.values(placed);
  let y = Math.max(0, ...cards.map((p) => p.y + p.h)) + ROW_GAP;
  const shown = (services ?? []).slice(0, MAX_SERVICES);
  const xs = centreRow(shown.length, svcSize.w, SERVICE_GAP);
  const serviceBoxes = shown.map((shape, i) => ({ shape, box: { x: xs[i]!, y, w: svcSize.w, h: svcSize.h } }));
  if (shown.length > 0) y += svcSize.h + ROW_GAP;
  const plan = { services: serviceBoxes, moreServices: Math.max(0, (services?.length ?? 0) - shown.length) };
  if (!routes) return plan;
  const summary = cards.some((p) => p.compact);
  const drawn = summary ? [] : routes.filter((r) => placed[r.node]).slice().sort((a, b) => centre(placed[a.node]!) - centre(placed[b.node]!) || placed[a.node]!.y - placed[b.node]!.y);
  const ex = centreRow(drawn.length, entrySize.w, ENTRY_GAP);
  const entriesWidth = drawn.length * entrySize.w + Math.max(0, drawn.length - 1) * ENTRY_GAP;
  const cardsWidth = Math.max(0, ...cards.map((p) => Math.abs(p.x)), ...cards.map((p) => Math.abs(p.x + p.w))) * 2;
  const w = Math.max(entriesWidth + 2 * BAR_PAD, Math.min(cardsWidth, 2400), 640);
  const h = titleH + (drawn.length > 0 ? entrySize.h + BAR_PAD : 24);
  const bar = { x: -w / 2, y, w, h };
  // Lines go around the cards and the Service shapes.
  const obstacles: Placed[] = [...cards, ...serviceBoxes.map((s, i) => ({ id: `svc-${i}`, kind: 'client' as const, member: false, ...s.box }))];
  const entries = drawn.map((route, i): RouteEntry => {
    const box = { x: ex[i]!, y: y + titleH, w: entrySize.w, h: entrySize.h };
    const self: Placed = { id: `route-${route.node}`, kind: 'client', member: false, ...box };
    return { route, box, line: routeBetween(self, placed[route.node]!, [...obstacles, self]) };
  });
  return { ...plan, bar: { box: bar, entries, summary } };
}

function centre(p: Placed): number {
  return p.x + p.w / 2;
}

/** Where a Service's arrow leaves its shape: spread over the top edge, one slot per
 * arrow, so a fan of arrows does not start from one point. */
export function arrowStart(box: Box, i: number, n: number): Point {
  const margin = 24;
  const span = box.w - 2 * margin;
  return { x: box.x + margin + (n <= 1 ? span / 2 : (span * i) / (n - 1)), y: box.y };
}
