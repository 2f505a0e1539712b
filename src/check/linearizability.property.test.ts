import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { noAckedWriteLost } from './acked-writes';
import { checkLinearizability } from './linearizability';
import { kvTrace, registerHistory, seeded, type OpSpec } from './testing/traces';

const workload = fc.record({
  seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  ops: fc.integer({ min: 1, max: 300 }),
  keys: fc.integer({ min: 1, max: 4 }),
  clients: fc.integer({ min: 1, max: 8 }),
  infoPerMille: fc.integer({ min: 0, max: 150 }),
  slackMs: fc.integer({ min: 1, max: 60 }),
});

describe('property: histories of a sequential register are linearizable', () => {
  it('accepts every generated history, with any overlap and lost replies', () => {
    fc.assert(
      fc.property(workload, (w) => {
        const trace = kvTrace(registerHistory(w, seeded(w.seed)));
        expect(checkLinearizability(trace).ok).toBe(true);
        expect(noAckedWriteLost(trace).ok).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('catches a read changed to a value never written', () => {
    fc.assert(
      fc.property(workload, fc.nat(), (w, pick) => {
        const specs = registerHistory(w, seeded(w.seed));
        const reads = specs.flatMap((s, i) => (s.f === 'get' && s.status === undefined ? [i] : []));
        fc.pre(reads.length > 0);
        const i = reads[pick % reads.length];
        specs[i] = { ...specs[i], out: 'never-written' };
        const trace = kvTrace(specs);
        const r = checkLinearizability(trace);
        expect(r.ok).toBe(false);
        // Keys are checked one by one and the others' histories are untouched, so the
        // failure is the changed read's key. Which operation it names is the search's
        // longest explainable prefix: often the changed read, but with unacknowledged
        // writes in flight it may be another (seeds 72862072 and its shrinks found a CAS
        // and a later read), so that is not asserted.
        expect(r.failure!.key).toBe(specs[i]!.key);
        expect(noAckedWriteLost(trace).ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('catches a read changed to a value overwritten by an acknowledged write before the read began', () => {
    fc.assert(
      fc.property(workload, fc.nat(), (w, pick) => {
        const specs = registerHistory({ ...w, infoPerMille: 0 }, seeded(w.seed));
        const end = (s: OpSpec): number => s.at[1] ?? Infinity;
        const acked = (s: OpSpec): boolean => (s.status ?? 'ok') === 'ok';
        const writes = specs.filter((s) => (s.f === 'put' || s.f === 'cas') && acked(s));
        // (read, old value) pairs where an acked write of another value sits strictly between.
        const candidates: [number, string][] = [];
        specs.forEach((r, i) => {
          if (r.f !== 'get' || !acked(r)) return;
          for (const old of writes) {
            if (old.key !== r.key || old.value === r.out) continue;
            const barrier = specs.some((b) => b.key === r.key && b.f !== 'get' && acked(b)
              && b.value !== old.value && b.at[0] > end(old) && end(b) < r.at[0]);
            if (barrier) candidates.push([i, old.value!]);
          }
        });
        fc.pre(candidates.length > 0);
        const [i, stale] = candidates[pick % candidates.length];
        specs[i] = { ...specs[i], out: stale };
        const trace = kvTrace(specs);
        expect(checkLinearizability(trace).ok).toBe(false);
        expect(noAckedWriteLost(trace).ok).toBe(false);
      }),
      { numRuns: 100 },
    );
  });
});

// A deliberately naive checker for tiny histories: try every order (memoised on the
// set placed and the value), each unknown-outcome op either placed or left out. It
// shares nothing with the real search, so agreement tests the search's pruning rules.
function bruteForce(specs: readonly OpSpec[]): boolean {
  const ops = specs.filter((s) => s.status !== 'fail' && !(s.f === 'get' && s.status === 'info'));
  const done = (s: OpSpec): number => (s.status === 'info' || s.at[1] === undefined ? Infinity : s.at[1]);
  const requiredMask = ops.reduce((m, s, i) => (done(s) === Infinity ? m : m | (1 << i)), 0);
  const dead = new Set<string>();
  const search = (placed: number, value: string | null): boolean => {
    if ((placed & requiredMask) === requiredMask) return true;
    const id = `${placed}:${value}`;
    if (dead.has(id)) return false;
    for (let i = 0; i < ops.length; i++) {
      if (placed & (1 << i)) continue;
      const x = ops[i];
      // Everything that returned before x was invoked must already be placed.
      if (ops.some((y, j) => !(placed & (1 << j)) && done(y) < x.at[0])) continue;
      let after: string | null;
      if (x.f === 'get') { if ((x.out ?? null) !== value) continue; after = value; }
      else if (x.f === 'put') after = x.value!;
      else if (x.f === 'delete') after = null;
      else { if ((x.expect ?? null) !== value) continue; after = x.value!; }
      if (search(placed | (1 << i), after)) return true;
    }
    dead.add(id);
    return false;
  };
  return search(0, null);
}

const tinyOp = fc.record({
  f: fc.constantFrom('put', 'get', 'cas', 'delete', 'get'),
  value: fc.constantFrom('a', 'b', 'c'),
  expect: fc.constantFrom('a', 'b', 'c'),
  out: fc.constantFrom('a', 'b', null),
  t1: fc.integer({ min: 0, max: 12 }),
  t2: fc.integer({ min: 0, max: 12 }),
  status: fc.constantFrom('ok', 'ok', 'ok', 'info', 'fail', 'pending'),
});

describe('property: the search agrees with brute force on tiny arbitrary histories', () => {
  it('gives the same verdict, including unknown outcomes and repeated values', () => {
    fc.assert(
      fc.property(fc.array(tinyOp, { minLength: 1, maxLength: 7 }), (raw) => {
        // Distinct times (t*100 + position) so the real-time order is unambiguous.
        const specs: OpSpec[] = raw.map((o, n) => {
          const lo = Math.min(o.t1, o.t2) * 100 + 2 * n;
          const hi = Math.max(o.t1, o.t2) * 100 + 2 * n + 1;
          const base = { p: `c${n}`, f: o.f, ...(o.f === 'put' || o.f === 'cas' ? { value: o.value } : {}), ...(o.f === 'cas' ? { expect: o.expect } : {}) };
          if (o.status === 'pending') return { ...base, at: [lo] as const };
          const status = o.status === 'fail' && o.f !== 'cas' ? 'ok' : o.status;
          return { ...base, ...(o.f === 'get' ? { out: o.out } : {}), at: [lo, hi] as const, status };
        });
        expect(checkLinearizability(kvTrace(specs)).ok).toBe(bruteForce(specs));
      }),
      { numRuns: 3000 },
    );
  });
});
