import { describe, expect, it } from 'vitest';
import { sidesOf } from './partition';

const names = ['master-1', 'master-2', 'master-3', 'worker-1', 'lb'];
const isolate = (m: string) => names.filter((n) => n !== m).flatMap((n) => [`${m}>${n}`, `${n}>${m}`]);

describe('network sides', () => {
  it('a whole network has no sides and nobody cut off', () => {
    expect(sidesOf(names, [])).toEqual({ side: {}, isolated: [] });
  });

  it('isolating one master cuts off that master only, and the rest stay one side', () => {
    const s = sidesOf(names, isolate('master-1'));
    expect(s.isolated).toEqual(['master-1']);
    expect(s.side['master-1']).toBe(1);
    for (const n of ['master-2', 'master-3', 'worker-1', 'lb']) expect(s.side[n]).toBe(0);
  });

  it('one cut link isolates nobody and splits nothing', () => {
    const s = sidesOf(names, ['master-1>master-2']);
    expect(s.isolated).toEqual([]);
    expect(s.side).toEqual({});
  });

  it('a partition into two groups gives two sides, the larger one first', () => {
    const a = ['master-1', 'worker-1'];
    const b = ['master-2', 'master-3', 'lb'];
    const cut = a.flatMap((x) => b.flatMap((y) => [`${x}>${y}`, `${y}>${x}`]));
    const s = sidesOf(names, cut);
    expect(s.isolated).toEqual([]);
    for (const n of b) expect(s.side[n]).toBe(0);
    for (const n of a) expect(s.side[n]).toBe(1);
  });
});
