import { describe, expect, it } from 'vitest';
import { borderSegment, COMPACT_WORKERS_FROM, layout, MEMBER_SIZE, WORKERS_PER_ROW, type MachineRef } from './layout';
import { classifyPacket } from './packetKinds';

const stacked: MachineRef[] = [
  { name: 'master-1', kind: 'master' }, { name: 'master-2', kind: 'master' }, { name: 'master-3', kind: 'master' }, { name: 'client', kind: 'client' },
];

describe('layout', () => {
  it('is stable: the same machines in any order get the same positions', () => {
    const a = layout(stacked);
    const b = layout([...stacked].reverse());
    expect(b).toEqual(a);
    expect(layout(stacked)).toEqual(a);
  });

  it('puts the members in a ring and the client below them', () => {
    const p = layout(stacked);
    expect(p['master-1']!.member).toBe(true);
    expect(p['client']!.member).toBe(false);
    for (const m of ['master-1', 'master-2', 'master-3']) expect(p['client']!.y).toBeGreaterThan(p[m]!.y + p[m]!.h);
    expect(p['master-1']!.y).toBeLessThan(p['master-2']!.y); // the first member on top
  });

  it('never overlaps member cards, whatever the cluster size', () => {
    for (const n of [1, 3, 5, 7]) {
      const refs: MachineRef[] = Array.from({ length: n }, (_, i) => ({ name: `etcd-${i + 1}`, kind: 'etcd' }));
      const p = Object.values(layout([...refs, { name: 'master-1', kind: 'master' }, { name: 'client', kind: 'client' }, { name: 'worker-1', kind: 'worker' }]));
      for (const a of p) for (const b of p) {
        if (a === b) continue;
        const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
        expect(apart, `${a.id} vs ${b.id} (n=${n})`).toBe(true);
      }
      expect(p.filter((x) => x.member).every((x) => x.w === MEMBER_SIZE.w)).toBe(true);
    }
  });

  it('tiles a large cluster\'s workers in a grid below the masters, none overlapping', () => {
    const kube = (workers: number): MachineRef[] => [
      ...[1, 2, 3].map((i): MachineRef => ({ name: `master-${i}`, kind: 'master', etcd: true })),
      ...Array.from({ length: workers }, (_, i): MachineRef => ({ name: `worker-${i + 1}`, kind: 'worker' })),
      { name: 'lb', kind: 'lb' }, { name: 'client', kind: 'client' },
    ];
    expect(layout(kube(COMPACT_WORKERS_FROM - 1))['worker-1']!.compact).toBeUndefined();
    const p = layout(kube(100));
    const tiles = Object.values(p).filter((x) => x.kind === 'worker');
    expect(tiles.every((t) => t.compact)).toBe(true);
    const all = Object.values(p);
    for (const a of all) for (const b of all) {
      if (a === b) continue;
      expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y, `${a.id} vs ${b.id}`).toBe(true);
    }
    const width = Math.max(...tiles.map((t) => t.x + t.w)) - Math.min(...tiles.map((t) => t.x));
    const height = Math.max(...tiles.map((t) => t.y + t.h)) - Math.min(...tiles.map((t) => t.y));
    expect(width).toBeLessThan(2500); // a grid, not a 34 000 px row
    expect(width / height).toBeGreaterThan(1.5);
    expect(Math.min(...tiles.map((t) => t.y))).toBeGreaterThan(p['master-1']!.y + p['master-1']!.h);
  });

  it('wraps full worker cards into balanced, centred rows of at most WORKERS_PER_ROW', () => {
    const kube = (workers: number): MachineRef[] => [
      ...[1, 2, 3].map((i): MachineRef => ({ name: `master-${i}`, kind: 'master', etcd: true })),
      ...Array.from({ length: workers }, (_, i): MachineRef => ({ name: `worker-${i + 1}`, kind: 'worker' })),
      { name: 'lb', kind: 'lb' },
    ];
    for (const [n, rows] of [[3, [3]], [6, [6]], [7, [4, 3]], [8, [4, 4]], [12, [6, 6]]] as const) {
      const p = layout(kube(n));
      const ws = Object.values(p).filter((x) => x.kind === 'worker');
      const ys = [...new Set(ws.map((w) => w.y))].sort((a, b) => a - b);
      expect(ys.map((y) => ws.filter((w) => w.y === y).length), `${n} workers`).toEqual(rows);
      expect(Math.max(...ys.map((y) => ws.filter((w) => w.y === y).length))).toBeLessThanOrEqual(WORKERS_PER_ROW);
      for (const y of ys) {
        const row = ws.filter((w) => w.y === y);
        const mid = (Math.min(...row.map((w) => w.x)) + Math.max(...row.map((w) => w.x + w.w))) / 2;
        expect(Math.abs(mid)).toBeLessThan(1e-9);
      }
      expect(p['worker-1']!.y).toBeLessThanOrEqual(p[`worker-${n}`]!.y); // reading order: row by row
      const all = Object.values(p);
      for (const a of all) for (const b of all) {
        if (a !== b) expect(a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y, `${a.id} vs ${b.id}`).toBe(true);
      }
    }
  });

  it('runs message dots border to border', () => {
    const p = layout(stacked);
    const s = borderSegment(p['master-1']!, p['client']!);
    expect(s.y1).toBeCloseTo(p['master-1']!.y + p['master-1']!.h);
    expect(s.y2).toBeCloseTo(p['client']!.y);
  });

  it('classifies packet kinds', () => {
    expect(classifyPacket('raft.MsgApp')).toBe('append');
    expect(classifyPacket('raft.MsgHeartbeat')).toBe('heartbeat');
    expect(classifyPacket('raft.MsgPreVote')).toBe('prevote');
    expect(classifyPacket('raft.MsgVote')).toBe('vote');
    expect(classifyPacket('raft.MsgVoteResp')).toBe('response');
    expect(classifyPacket('etcd.request')).toBe('request');
    expect(classifyPacket('etcd.response')).toBe('reply');
  });
});
