import { describe, expect, it } from 'vitest';
import { SeenRequests } from './seen-requests';

describe('SeenRequests', () => {
  it('drops a repeat and forgets the oldest beyond its capacity', () => {
    const s = new SeenRequests(3);
    expect(['a', 'b', 'c'].map((k) => s.repeat(k))).toEqual([false, false, false]);
    expect(s.repeat('a')).toBe(true);
    expect(s.repeat('d')).toBe(false); // a is forgotten
    expect(s.repeat('b')).toBe(true);
    expect(s.repeat('a')).toBe(false); // b goes
    expect(s.repeat('c')).toBe(true);
    expect(s.repeat('b')).toBe(false);
  });
});
