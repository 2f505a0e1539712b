import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SeenRequests } from './seen-requests';

describe('SeenRequests', () => {
  it('drops a repeat and forgets the oldest beyond its capacity', () => {
    const s = new SeenRequests(3);
    const r = (id: number) => s.repeat('worker-1', 2379, undefined, id);
    expect([1, 2, 3].map(r)).toEqual([false, false, false]);
    expect(r(1)).toBe(true);
    expect(r(4)).toBe(false); // 1 is forgotten
    expect(r(2)).toBe(true);
    expect(r(1)).toBe(false); // 2 goes
    expect(r(3)).toBe(true);
    expect(r(2)).toBe(false);
  });

  it('tells requests apart by host, port and connection', () => {
    const s = new SeenRequests();
    expect(s.repeat('a', 6443, 1, 5)).toBe(false);
    expect(s.repeat('a', 6443, 1, 5)).toBe(true);
    expect(s.repeat('a', 6443, 2, 5)).toBe(false);
    expect(s.repeat('a', 6443, undefined, 5)).toBe(false);
    expect(s.repeat('a', 2379, 1, 5)).toBe(false);
    expect(s.repeat('b', 6443, 1, 5)).toBe(false);
    expect(s.repeat('a', 6443, 0, 5)).toBe(false);
    expect(s.repeat('a', 6443, 0, 5)).toBe(true);
  });

  it('answers as a ring of the last `capacity` accepted requests does, whatever the order', () => {
    // The model: remember each accepted request in a ring; the oldest falls out.
    const model = (capacity: number) => {
      const ring: string[] = [];
      return (r: string): boolean => {
        if (ring.includes(r)) return true;
        ring.push(r);
        if (ring.length > capacity) ring.shift();
        return false;
      };
    };
    const request = fc.record({ host: fc.constantFrom('a', 'b'), port: fc.constantFrom(2379, 6443), conn: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }), id: fc.integer({ min: 0, max: 12 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.array(request, { maxLength: 120 }), (capacity, requests) => {
        const s = new SeenRequests(capacity);
        const m = model(capacity);
        for (const q of requests) expect(s.repeat(q.host, q.port, q.conn, q.id)).toBe(m(`${q.host}:${q.port}/${q.conn}/${q.id}`));
      }),
    );
  });
});

describe('SeenRequests memory', () => {
  it('forgets a connection once its last id is forgotten', () => {
    const s = new SeenRequests(4);
    for (let conn = 0; conn < 100; conn++) {
      s.repeat('worker-1', 6443, conn, 1);
      // Aged-out connections are swept every `capacity` requests.
      expect(s.channels).toBeLessThanOrEqual(8);
    }
    expect(s.repeat('worker-1', 6443, 99, 1)).toBe(true);
    expect(s.repeat('worker-1', 6443, 0, 1)).toBe(false);
  });
});
