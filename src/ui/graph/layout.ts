// A pure layout with stable positions: the etcd members in a ring, the client below,
// masters without a member (external topology) above, workers at the bottom. Positions
// depend only on the machines' names and kinds, never on their state, so nothing moves
// when a leader changes or a machine dies.

import type { MachineKind } from '../../protocol/frames';

export interface MachineRef {
  readonly name: string;
  readonly kind: MachineKind;
  /** An etcd member runs here (from the frame); unknown for older callers. */
  readonly etcd?: boolean;
}

export interface Placed {
  readonly id: string;
  readonly kind: MachineKind;
  /** Whether an etcd member runs here (drawn as the big member card). */
  readonly member: boolean;
  /** Top-left corner, flow coordinates. */
  readonly x: number;
  readonly y: number;
  readonly w: number;
  readonly h: number;
  /** Drawn as a small tile with its pods as dots (a large cluster's workers). */
  readonly compact?: boolean;
}

export const MEMBER_SIZE = { w: 290, h: 188 };
export const SMALL_SIZE = { w: 230, h: 64 };
/** Kubernetes cards: a master with its components (and its etcd member when stacked),
 * a worker with its pods. */
export const MASTER_SIZE = { w: 330, h: 200 };
export const STACKED_MASTER_SIZE = { w: 330, h: 330 };
export const WORKER_SIZE = { w: 310, h: 196 };
export const LB_SIZE = { w: 300, h: 92 };
/** More workers than this and they are drawn as tiles in a grid, their pods as dots:
 * 100 full cards in a row would be 34 000 px wide. */
export const COMPACT_WORKERS_FROM = 13;
/** Full worker cards per row at most: 12 cards in one row made the whole graph a thin
 * strip, its text a third of the size 6 get at 1280×720 (on a projector, unreadable). */
export const WORKERS_PER_ROW = 6;
export const TILE_SIZE = { w: 150, h: 82 };
const TILE_GAP = 12;
/** The Kubernetes cards' sizes and the rows' spacing. */
export interface KubeSizes {
  readonly master: { w: number; h: number };
  readonly stackedMaster: { w: number; h: number };
  readonly member: { w: number; h: number };
  readonly worker: { w: number; h: number };
  readonly lb: { w: number; h: number };
  readonly client: { w: number; h: number };
  /** Between rows. */
  readonly rowGap: number;
  /** Between cards of a row (workers: 10 less). */
  readonly colGap: number;
}

export const KUBE_SIZES: KubeSizes = {
  master: MASTER_SIZE, stackedMaster: STACKED_MASTER_SIZE, member: MEMBER_SIZE, worker: WORKER_SIZE, lb: LB_SIZE, client: SMALL_SIZE, rowGap: 70, colGap: 40,
};

/** Presenter mode (src/ui/teach): cards that show less (a member's last index and
 * commit instead of its log tiles, no static pods) in larger type, packed tighter, so
 * the HA cluster fits a projector at ≥ 16 px text. A stacked master is tall enough for
 * its components' chips on two rows above its member card (the rows are closer instead).
 * A master of external etcd is as tall as its head, address line and two chip rows, plus
 * one row for a countdown (Ready → NotReady, a lease expiring): at 92 its chips ran over
 * the etcd hosts' row below. */
export const PRESENTER_SIZES: KubeSizes = {
  master: { w: 320, h: 126 }, stackedMaster: { w: 320, h: 194 }, member: { w: 320, h: 112 }, worker: { w: 340, h: 150 },
  lb: { w: 360, h: 80 }, client: { w: 200, h: 64 }, rowGap: 35, colGap: 34,
};

/** Space kept between two member cards of the ring. */
const RING_GAP = 50;

/** The number at the end of a name ("master-12" → 12), for a natural order. */
function ordinal(name: string): number {
  const m = /(\d+)$/.exec(name);
  return m ? Number(m[1]) : 0;
}

/** By number, then by name in code-point order: the names are lowercase ASCII, where
 * that is localeCompare's order, and localeCompare's first call in a page builds ICU's
 * collator (8 ms of main thread inside the graph's first render, measured). */
function byName(a: MachineRef, b: MachineRef): number {
  return ordinal(a.name) - ordinal(b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
}

/** Machines that run an etcd member: the etcd hosts when there are any (external
 * topology), else the masters (stacked). */
export function memberHosts(machines: readonly MachineRef[]): MachineRef[] {
  // When the frame says where members run (a stacked cluster may have gained an etcd
  // host through `member add`), trust it.
  if (machines.some((m) => m.etcd)) return machines.filter((m) => m.etcd).slice().sort(byName);
  const etcdHosts = machines.filter((m) => m.kind === 'etcd');
  return (etcdHosts.length > 0 ? etcdHosts : machines.filter((m) => m.kind === 'master')).slice().sort(byName);
}

function row(refs: readonly MachineRef[], centerY: number, gap: number, member: boolean, out: Record<string, Placed>): void {
  const size = member ? MEMBER_SIZE : SMALL_SIZE;
  const width = refs.length * size.w + (refs.length - 1) * gap;
  refs.forEach((m, i) => {
    out[m.name] = { id: m.name, kind: m.kind, member, x: -width / 2 + i * (size.w + gap), y: centerY - size.h / 2, w: size.w, h: size.h };
  });
}

function ringPoint(i: number, n: number, rx: number, ry: number): { x: number; y: number } {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / n;
  return { x: rx * Math.cos(angle), y: ry * Math.sin(angle) };
}

/** The smallest ring (in steps of 10) on which no two member cards come closer than
 * RING_GAP: for each pair, far enough apart either across or down. */
export function ringRadii(n: number): { rx: number; ry: number } {
  if (n <= 1) return { rx: 0, ry: 0 };
  for (let r = 200; ; r += 10) {
    const rx = r;
    const ry = r * 0.72;
    let clear = true;
    for (let i = 0; i < n && clear; i++) {
      for (let j = i + 1; j < n && clear; j++) {
        const a = ringPoint(i, n, rx, ry);
        const b = ringPoint(j, n, rx, ry);
        if (Math.abs(a.x - b.x) < MEMBER_SIZE.w + RING_GAP && Math.abs(a.y - b.y) < MEMBER_SIZE.h + RING_GAP) clear = false;
      }
    }
    if (clear) return { rx, ry };
  }
}

/** Rows, top to bottom: the load balancer (the client left of it, the cloud's API right), the masters, the
 * external etcd hosts, the workers. Used whenever the cluster runs Kubernetes. */
function kubeLayout(machines: readonly MachineRef[], z: KubeSizes): Record<string, Placed> {
  const out: Record<string, Placed> = {};
  const of = (k: MachineKind) => machines.filter((m) => m.kind === k).slice().sort(byName);
  const etcdHosts = of('etcd');
  const stacked = etcdHosts.length === 0 || of('master').some((m) => m.etcd);
  const place = (refs: readonly MachineRef[], top: number, size: { w: number; h: number }, gap: number, member: boolean) => {
    const width = refs.length * size.w + (refs.length - 1) * gap;
    refs.forEach((m, i) => (out[m.name] = { id: m.name, kind: m.kind, member, x: -width / 2 + i * (size.w + gap), y: top, w: size.w, h: size.h }));
  };
  const masterSize = stacked ? z.stackedMaster : z.master;
  place(of('lb'), -z.lb.h - z.rowGap, z.lb, z.colGap, false);
  const lb = out['lb'];
  for (const c of of('client')) out[c.name] = { id: c.name, kind: c.kind, member: false, x: (lb ? lb.x : 0) - z.client.w - 3 * z.colGap, y: -z.lb.h - z.rowGap + (z.lb.h - z.client.h) / 2, w: z.client.w, h: z.client.h };
  // The cloud's API (cloud: sim) sits outside the cluster, across from the client.
  for (const c of of('cloud')) out[c.name] = { id: c.name, kind: c.kind, member: false, x: (lb ? lb.x + lb.w : 0) + 3 * z.colGap, y: -z.lb.h - z.rowGap + (z.lb.h - z.client.h) / 2 - 8, w: z.client.w + 60, h: z.client.h + 16 };
  place(of('master'), 0, masterSize, z.colGap, stacked);
  let y = masterSize.h + z.rowGap;
  if (etcdHosts.length > 0) {
    place(etcdHosts, y, z.member, z.colGap, true);
    y += z.member.h + z.rowGap;
  }
  const workers = of('worker');
  if (workers.length >= COMPACT_WORKERS_FROM) tileGrid(workers, y, out);
  else {
    // Balanced rows (7 → 4 + 3, 12 → 6 + 6), each centred.
    const rows = Math.ceil(workers.length / WORKERS_PER_ROW);
    const perRow = Math.ceil(workers.length / Math.max(1, rows));
    for (let r = 0; r < rows; r++) place(workers.slice(r * perRow, (r + 1) * perRow), y + r * (z.worker.h + z.rowGap), z.worker, z.colGap - 10, false);
  }
  return out;
}

/** Workers as tiles, in rows about twice as wide as they are tall, centred. */
function tileGrid(workers: readonly MachineRef[], top: number, out: Record<string, Placed>): void {
  const cols = Math.max(8, Math.ceil(Math.sqrt(workers.length * 1.6)));
  const width = cols * TILE_SIZE.w + (cols - 1) * TILE_GAP;
  workers.forEach((m, i) => {
    const col = i % cols;
    const r = Math.floor(i / cols);
    out[m.name] = { id: m.name, kind: m.kind, member: false, compact: true, x: -width / 2 + col * (TILE_SIZE.w + TILE_GAP), y: top + r * (TILE_SIZE.h + TILE_GAP), w: TILE_SIZE.w, h: TILE_SIZE.h };
  });
}

export function layout(machines: readonly MachineRef[], sizes: KubeSizes = KUBE_SIZES): Record<string, Placed> {
  if (machines.some((m) => m.kind === 'lb')) return kubeLayout(machines, sizes);
  const out: Record<string, Placed> = {};
  const hosts = memberHosts(machines);
  const hostNames = new Set(hosts.map((h) => h.name));
  const n = hosts.length;
  const { rx, ry } = ringRadii(n);
  let minCy = 0;
  let maxCy = 0;
  hosts.forEach((m, i) => {
    const { x: cx, y: cy } = ringPoint(i, n, rx, ry);
    minCy = Math.min(minCy, cy);
    maxCy = Math.max(maxCy, cy);
    out[m.name] = { id: m.name, kind: m.kind, member: true, x: cx - MEMBER_SIZE.w / 2, y: cy - MEMBER_SIZE.h / 2, w: MEMBER_SIZE.w, h: MEMBER_SIZE.h };
  });
  const ringTop = minCy - MEMBER_SIZE.h / 2;
  const ringBottom = maxCy + MEMBER_SIZE.h / 2;

  const others = machines.filter((m) => !hostNames.has(m.name)).slice().sort(byName);
  const masters = others.filter((m) => m.kind === 'master');
  const lbs = others.filter((m) => m.kind === 'lb');
  if (masters.length + lbs.length > 0) row([...lbs, ...masters], ringTop - 110, 40, false, out);
  const clients = others.filter((m) => m.kind === 'client');
  const clientY = ringBottom + 90;
  row(clients, clientY, 40, false, out);
  const workers = others.filter((m) => m.kind === 'worker');
  if (workers.length > 0) row(workers, clientY + 130, 30, false, out);
  return out;
}

/** Centre of a placed node. */
export function centerOf(p: Placed): { x: number; y: number } {
  return { x: p.x + p.w / 2, y: p.y + p.h / 2 };
}

export interface Segment { readonly x1: number; readonly y1: number; readonly x2: number; readonly y2: number }

/** Where the segment from a's centre towards b's centre leaves a's rectangle, and
 * where it enters b's: a message dot travels border to border, not under the cards. */
export function borderSegment(a: Placed, b: Placed): Segment {
  const ca = centerOf(a);
  const cb = centerOf(b);
  const dx = cb.x - ca.x;
  const dy = cb.y - ca.y;
  const exit = (p: Placed, sign: number) => {
    const s = Math.min(dx === 0 ? Infinity : p.w / 2 / Math.abs(dx), dy === 0 ? Infinity : p.h / 2 / Math.abs(dy));
    const c = centerOf(p);
    return { x: c.x + sign * dx * s, y: c.y + sign * dy * s };
  };
  const s = exit(a, 1);
  const e = exit(b, -1);
  return { x1: s.x, y1: s.y, x2: e.x, y2: e.y };
}

/** How far a node's line to the load balancer runs beside the centre line. A worker
 * right below a master would otherwise lie on the lb → master arrow, and the two heads
 * would read as one double-headed arrow between lb and master. */
export const NODE_LINE_SHIFT = 26;

/** The line between two machines, as both the edges and the message dots use it. */
export function linkSegment(a: Placed, b: Placed): Segment {
  const s = borderSegment(a, b);
  const nodeLb = (a.kind === 'worker' && b.kind === 'lb') || (a.kind === 'lb' && b.kind === 'worker');
  // Workers sit in rows below the lb, so the line leaves and enters through horizontal
  // borders: shifted sideways, its ends stay on them.
  return nodeLb ? { x1: s.x1 + NODE_LINE_SHIFT, y1: s.y1, x2: s.x2 + NODE_LINE_SHIFT, y2: s.y2 } : s;
}
