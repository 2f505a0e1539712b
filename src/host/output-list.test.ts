import { describe, expect, it } from 'vitest';
import type { MachineOutput } from '../sim/machine';
import { OutputList } from './output-list';

const output = (n: number): MachineOutput => ({ packets: [], events: [], diskOps: [], replies: [{ t: n, id: n, result: { ok: true, output: String(n) } }] });

describe('OutputList', () => {
  it('reads as the Map it replaces, in any lookup order, and forgets a window on reset', () => {
    const list = new OutputList();
    const a = output(1), b = output(2), c = output(3);
    list.add('a', a);
    list.add('b', b);
    list.add('c', c);
    expect(list.size).toBe(3);
    expect([list.get('c'), list.get('a'), list.get('b'), list.get('b')]).toEqual([c, a, b, b]);
    expect(list.get('d')).toBeUndefined();
    expect(list.has('a')).toBe(true);
    expect(new Map(list)).toEqual(new Map([['a', a], ['b', b], ['c', c]]));
    expect([...list.keys()]).toEqual(['a', 'b', 'c']);
    list.reset();
    list.add('b', c);
    expect(list.size).toBe(1);
    expect(list.get('a')).toBeUndefined();
    expect(list.get('b')).toBe(c);
    expect([...list.values()]).toEqual([c]);
  });
});
