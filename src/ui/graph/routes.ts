// Lines that go around cards, not across them. A straight line between two machines
// is kept when it crosses no other card; otherwise:
// - two cards of one row (etcd-1 and etcd-3 with etcd-2 between) are joined below the
//   row, through the gap under it;
// - cards of different rows (a kubelet's API calls from a worker up to the load
//   balancer past the masters) go up to the row gap, sideways to the nearest free
//   column between the cards in the way, and up that column.
// Both the edges and the message dots follow the same polyline. Pure.

import { linkSegment, type Placed } from './layout';

export interface Point { readonly x: number; readonly y: number }

/** Space kept between a routed line and the cards it passes. */
const CLEARANCE = 14;

function crosses(p: Placed, x1: number, y1: number, x2: number, y2: number): boolean {
  // Liang–Barsky clipping of the segment against the card shrunk by a pixel.
  const [l, r, t, b] = [p.x + 1, p.x + p.w - 1, p.y + 1, p.y + p.h - 1];
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  for (const [pp, q] of [[-dx, x1 - l], [dx, r - x1], [-dy, y1 - t], [dy, b - y1]] as const) {
    if (pp === 0) {
      if (q < 0) return false;
      continue;
    }
    const k = q / pp;
    if (pp < 0) t0 = Math.max(t0, k);
    else t1 = Math.min(t1, k);
    if (t0 > t1) return false;
  }
  return true;
}

const sameRow = (a: Placed, b: Placed) => Math.abs(a.y - b.y) < 1;

/** Whether the segment p → q runs through the card (for tests and callers). */
export function crossesCard(card: Placed, p: Point, q: Point): boolean {
  return crosses(card, p.x, p.y, q.x, q.y);
}

/** The polyline from a's border to b's border. */
export function routeBetween(a: Placed, b: Placed, all: readonly Placed[]): Point[] {
  const s = linkSegment(a, b);
  const others = all.filter((p) => p.id !== a.id && p.id !== b.id);
  const blockers = others.filter((p) => crosses(p, s.x1, s.y1, s.x2, s.y2));
  if (blockers.length === 0) return [{ x: s.x1, y: s.y1 }, { x: s.x2, y: s.y2 }];
  const cx = (p: Placed) => p.x + p.w / 2;

  if (sameRow(a, b)) {
    // Under the row: the lowest bottom of the two and the cards between, plus clearance.
    const bottom = Math.max(a.y + a.h, b.y + b.h, ...blockers.map((p) => p.y + p.h)) + CLEARANCE;
    const ax = cx(a) + (cx(b) > cx(a) ? a.w / 4 : -a.w / 4);
    const bx = cx(b) + (cx(a) > cx(b) ? b.w / 4 : -b.w / 4);
    return [{ x: ax, y: a.y + a.h }, { x: ax, y: bottom }, { x: bx, y: bottom }, { x: bx, y: b.y + b.h }];
  }

  const [lo, hi] = a.y > b.y ? [a, b] : [b, a];
  const hiBottom = hi.y + hi.h;
  // Where the line enters the upper card: straight above the column it came up,
  // kept off the card's corners (and off its centre, where its own arrows leave).
  const hiX = (x: number) => Math.max(hi.x + 2 * CLEARANCE, Math.min(hi.x + hi.w - 2 * CLEARANCE, x));
  const loX = cx(lo);
  const toward = (up: Point[]) => (lo === a ? up : up.slice().reverse());
  // The rows strictly between them, and the free columns through all of them.
  const middle = others.filter((p) => p.y >= hiBottom - 1 && p.y + p.h <= lo.y + 1);
  if (middle.length === 0) {
    // Adjacent rows, a neighbour's corner in the way: square the line in the row gap.
    const yMid = (hiBottom + lo.y) / 2;
    const x = hiX(loX);
    return toward([{ x: loX, y: lo.y }, { x: loX, y: yMid }, { x, y: yMid }, { x, y: hiBottom }]);
  }
  const midTop = Math.min(...middle.map((p) => p.y));
  const midBottom = Math.max(...middle.map((p) => p.y + p.h));
  const yLo = (lo.y + midBottom) / 2;
  const yHi = (hiBottom + midTop) / 2;
  const want = (cx(lo) + cx(hi)) / 2;
  // Candidate columns: just outside each middle card, and the centres of the gaps
  // between neighbours; keep those no middle card covers.
  const candidates = middle.flatMap((p) => [p.x - CLEARANCE, p.x + p.w + CLEARANCE]);
  const sorted = middle.slice().sort((p, q) => p.x - q.x);
  for (let i = 0; i + 1 < sorted.length; i++) candidates.push((sorted[i]!.x + sorted[i]!.w + sorted[i + 1]!.x) / 2);
  const free = candidates.filter((x) => middle.every((p) => x <= p.x || x >= p.x + p.w));
  if (free.length === 0) return [{ x: s.x1, y: s.y1 }, { x: s.x2, y: s.y2 }];
  const gx = free.reduce((best, x) => (Math.abs(x - want) < Math.abs(best - want) ? x : best));
  const inHi = gx > hi.x + 2 * CLEARANCE && gx < hi.x + hi.w - 2 * CLEARANCE;
  return toward([
    { x: loX, y: lo.y },
    { x: loX, y: yLo },
    { x: gx, y: yLo },
    ...(inHi ? [{ x: gx, y: hiBottom }] : [{ x: gx, y: yHi }, { x: hiX(gx), y: yHi }, { x: hiX(gx), y: hiBottom }]),
  ]);
}

/** Where a dot is after fraction k of the way along the polyline. */
export function pointAlong(points: readonly Point[], k: number): Point {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += Math.hypot(points[i]!.x - points[i - 1]!.x, points[i]!.y - points[i - 1]!.y);
  let left = Math.max(0, Math.min(1, k)) * total;
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1]!;
    const b = points[i]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y);
    if (left <= len && len > 0) return { x: a.x + ((b.x - a.x) * left) / len, y: a.y + ((b.y - a.y) * left) / len };
    left -= len;
  }
  return points[points.length - 1]!;
}

/** The SVG path of a polyline. */
export function pathOf(points: readonly Point[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'} ${p.x.toFixed(1)} ${p.y.toFixed(1)}`).join(' ');
}
