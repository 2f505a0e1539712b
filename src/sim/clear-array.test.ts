import { describe, expect, it } from 'vitest';
import { clearArray } from './clear-array';

describe('clearArray', () => {
  it('empties the array in place', () => {
    const a = [1, 2, 3];
    clearArray(a);
    expect(a).toEqual([]);
    a.push(4);
    expect(a).toEqual([4]);
  });
});
