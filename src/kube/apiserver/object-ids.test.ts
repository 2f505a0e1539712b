// The uids are drawn from the apiserver's seeded stream: the same draws, in the same
// order, as the template of hex groups they were first written with.

import { describe, expect, it } from 'vitest';
import { Rng } from '../../sim/rng';
import { ObjectIds } from './object-ids';

/** The first form: hex(8)-hex(4)-4hex(3)-[89ab]hex(3)-hex(12), a character at a time. */
function firstForm(randomInt: (n: number) => number): string {
  const hex = (n: number) => {
    let s = '';
    for (let i = 0; i < n; i++) s += '0123456789abcdef'[randomInt(16)];
    return s;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${'89ab'[randomInt(4)]}${hex(3)}-${hex(12)}`;
}

describe('ObjectIds.uid', () => {
  it('is a version-4 UUID with the same draws as the first form', () => {
    for (let seed = 1; seed <= 50; seed++) {
      const a = new Rng(seed);
      const b = new Rng(seed);
      const ids = new ObjectIds((n) => a.int(0, n));
      for (let i = 0; i < 20; i++) {
        const uid = ids.uid();
        expect(uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(uid).toBe(firstForm((n) => b.int(0, n)));
        expect(ids.randomChars(5)).toHaveLength(5);
        for (let j = 0; j < 5; j++) b.int(0, 27); // randomChars(5)'s draws
      }
    }
  });
});
