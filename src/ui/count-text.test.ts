import { describe, expect, it } from 'vitest';
import { countText } from './count-text';

describe('countText', () => {
  it('writes a count as en-US toLocaleString does', () => {
    for (const n of [0, 7, 42, 999, 1000, 1001, 12_345, 300_000, 1_234_567, -5, -1234]) expect(countText(n)).toBe(n.toLocaleString('en-US'));
  });
});
