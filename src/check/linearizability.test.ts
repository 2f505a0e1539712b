import { describe, expect, it } from 'vitest';
import { noAckedWriteLost } from './acked-writes';
import { checkLinearizability } from './linearizability';
import { kvTrace, registerHistory, seeded, type OpSpec } from './testing/traces';

const lin = (specs: OpSpec[]) => checkLinearizability(kvTrace(specs));

describe('linearizable histories', () => {
  it('accepts an empty history and a sequential one', () => {
    expect(lin([]).ok).toBe(true);
    const r = lin([
      { p: 'c1', f: 'get', out: null, at: [0, 1] },
      { p: 'c1', f: 'put', value: 'a', at: [2, 3] },
      { p: 'c2', f: 'get', out: 'a', at: [4, 5] },
      { p: 'c1', f: 'cas', expect: 'a', value: 'b', at: [6, 7] },
      { p: 'c2', f: 'delete', at: [8, 9] },
      { p: 'c1', f: 'get', out: null, at: [10, 11] },
    ]);
    expect(r).toMatchObject({ ok: true, opsChecked: 6 });
  });

  it('accepts a read concurrent with a write returning either value', () => {
    for (const out of [null, 'a']) {
      expect(lin([
        { p: 'c1', f: 'put', value: 'a', at: [0, 10] },
        { p: 'c2', f: 'get', out, at: [2, 5] },
      ]).ok).toBe(true);
    }
  });

  it('accepts two concurrent reads that saw the write in either order relative to each other', () => {
    // c2 sees the new value, then c3 — which started later but overlaps the write — sees
    // it too; and one that finished before c2 began may still see the old value.
    expect(lin([
      { p: 'c1', f: 'put', value: 'a', at: [0, 20] },
      { p: 'c3', f: 'get', out: null, at: [1, 3] },
      { p: 'c2', f: 'get', out: 'a', at: [4, 6] },
      { p: 'c4', f: 'get', out: 'a', at: [7, 9] },
    ]).ok).toBe(true);
  });

  it('accepts concurrent cas where only one wins', () => {
    expect(lin([
      { p: 'c1', f: 'put', value: '0', at: [0, 1] },
      { p: 'c2', f: 'cas', expect: '0', value: 'A', at: [2, 10] },
      { p: 'c3', f: 'cas', expect: '0', value: 'B', at: [3, 9], status: 'fail' },
      { p: 'c1', f: 'get', out: 'A', at: [11, 12] },
    ]).ok).toBe(true);
  });

  it('accepts an info write that took effect late, long after its client gave up', () => {
    expect(lin([
      { p: 'c1', f: 'put', value: 'a', at: [0, 1] },
      { p: 'c2', f: 'put', value: 'b', at: [2, 5], status: 'info' },
      { p: 'c3', f: 'get', out: 'a', at: [10, 11] },
      { p: 'c3', f: 'get', out: 'b', at: [50, 51] },
    ]).ok).toBe(true);
  });

  it('accepts an info write that never took effect, and an op with no reply at all', () => {
    expect(lin([
      { p: 'c1', f: 'put', value: 'a', at: [0, 1] },
      { p: 'c2', f: 'put', value: 'b', at: [2, 5], status: 'info' },
      { p: 'c4', f: 'cas', expect: 'a', value: 'c', at: [3] },
      { p: 'c3', f: 'get', out: 'a', at: [10, 11] },
    ]).ok).toBe(true);
  });

  it('keeps an observed info write: its value explains a later read', () => {
    // b is read, so the info put must stay in the search (it is the only writer of b).
    expect(lin([
      { p: 'c2', f: 'put', value: 'b', at: [0, 2], status: 'info' },
      { p: 'c1', f: 'put', value: 'a', at: [3, 4] },
      { p: 'c3', f: 'get', out: 'b', at: [5, 6] },
      { p: 'c3', f: 'get', out: 'b', at: [7, 8] },
    ]).ok).toBe(true);
  });

  it('drops failed operations: a failed put has no effect', () => {
    expect(lin([
      { p: 'c1', f: 'put', value: 'a', at: [0, 1] },
      { p: 'c2', f: 'put', value: 'b', at: [2, 3], status: 'fail' },
      { p: 'c1', f: 'get', out: 'a', at: [4, 5] },
    ]).ok).toBe(true);
  });

  it('checks keys independently', () => {
    const r = lin([
      { p: 'c1', f: 'put', key: 'x', value: '1', at: [0, 1] },
      { p: 'c2', f: 'put', key: 'y', value: '2', at: [0, 1] },
      { p: 'c1', f: 'get', key: 'y', out: '2', at: [2, 3] },
      { p: 'c2', f: 'get', key: 'x', out: '1', at: [2, 3] },
    ]);
    expect(r.ok).toBe(true);
    expect(r.keys.map((k) => k.key)).toEqual(['x', 'y']);
  });
});

describe('non-linearizable histories', () => {
  it('rejects a stale read after a newer write was acknowledged, and says which read', () => {
    const r = lin([
      { p: 'c1', f: 'put', value: 'a', at: [0, 1] },
      { p: 'c1', f: 'put', value: 'b', at: [2, 3] },
      { p: 'c2', f: 'get', out: 'a', at: [4, 5] },
    ]);
    expect(r.ok).toBe(false);
    expect(r.key).toBe('x');
    expect(r.failure?.op).toMatchObject({ process: 'c2', f: 'get', output: 'a', invokeT: 4, returnT: 5 });
    expect(r.failure?.prefix.map((o) => o.value)).toEqual(['a', 'b']);
    expect(r.failure?.valueAfterPrefix).toBe('b');
    expect(r.failure?.message).toContain('c2 get x → "a"');
  });

  it('rejects a lost write: acknowledged, then the key reads as absent', () => {
    const specs: OpSpec[] = [
      { p: 'c1', f: 'put', value: 'a', at: [0, 1] },
      { p: 'c2', f: 'get', out: null, at: [5, 6] },
    ];
    expect(lin(specs).ok).toBe(false);
    expect(noAckedWriteLost(kvTrace(specs)).ok).toBe(false);
  });

  it('rejects a read of a value never written', () => {
    const r = lin([
      { p: 'c1', f: 'put', value: 'a', at: [0, 1] },
      { p: 'c2', f: 'get', out: 'zzz', at: [0, 6] },
    ]);
    expect(r.ok).toBe(false);
    expect(r.failure?.message).toContain('No operation ever wrote "zzz"');
  });

  it('rejects two cas that both succeeded from the same expected value', () => {
    expect(lin([
      { p: 'c1', f: 'put', value: '0', at: [0, 1] },
      { p: 'c2', f: 'cas', expect: '0', value: 'A', at: [2, 10] },
      { p: 'c3', f: 'cas', expect: '0', value: 'B', at: [3, 9] },
    ]).ok).toBe(false);
  });

  it('rejects a cas that succeeded against a value already overwritten', () => {
    expect(lin([
      { p: 'c1', f: 'put', value: '0', at: [0, 1] },
      { p: 'c1', f: 'put', value: '1', at: [2, 3] },
      { p: 'c2', f: 'cas', expect: '0', value: 'A', at: [4, 5] },
    ]).ok).toBe(false);
  });

  it('rejects a value that disappears and comes back (non-monotonic reads)', () => {
    expect(lin([
      { p: 'c1', f: 'put', value: 'a', at: [0, 100] },
      { p: 'c2', f: 'get', out: 'a', at: [10, 11] },
      { p: 'c3', f: 'get', out: null, at: [20, 21] },
    ]).ok).toBe(false);
  });

  it('rejects a read of an info write that came back to life after being overwritten', () => {
    // The info put b may land any time after 2 — but once c1's put c is acknowledged
    // after b was read, reading b again needs b to have happened twice.
    expect(lin([
      { p: 'c2', f: 'put', value: 'b', at: [2, 3], status: 'info' },
      { p: 'c3', f: 'get', out: 'b', at: [4, 5] },
      { p: 'c1', f: 'put', value: 'c', at: [6, 7] },
      { p: 'c3', f: 'get', out: 'b', at: [8, 9] },
    ]).ok).toBe(false);
  });

  it('reports the offending key among several and the budget as unknown', () => {
    const specs: OpSpec[] = [
      { p: 'c1', f: 'put', key: 'a', value: '1', at: [0, 1] },
      { p: 'c1', f: 'put', key: 'b', value: '1', at: [2, 3] },
      { p: 'c2', f: 'get', key: 'b', out: null, at: [4, 5] },
    ];
    expect(lin(specs)).toMatchObject({ ok: false, key: 'b' });
    expect(checkLinearizability(kvTrace(specs), { maxStepsPerKey: 1 }).ok).toBe('unknown');
  });

  it('reports malformed pairings without crashing', () => {
    const r = checkLinearizability([{ t: 0, type: 'kv.ok', process: 'c9', id: 1, value: 'x' }]);
    expect(r.ok).toBe(true);
    expect(r.malformed[0]).toContain('not in flight');
  });
});

describe('scale', () => {
  it('checks 2000 ops on 4 keys from 3 clients quickly', () => {
    const r = checkLinearizability(kvTrace(registerHistory({ ops: 2000, keys: 4, clients: 3 }, seeded(1))));
    expect(r.ok).toBe(true);
    expect(r.opsChecked).toBeGreaterThan(1500);
  });

  it('checks 4000 ops on one key from 10 clients with 5% lost replies within budget', () => {
    const specs = registerHistory({ ops: 4000, keys: 1, clients: 10, infoPerMille: 50, slackMs: 40 }, seeded(7));
    const r = checkLinearizability(kvTrace(specs));
    expect(r.ok).toBe(true);
  });

  it('finds a single stale read buried in 3000 ops', () => {
    const specs = registerHistory({ ops: 3000, keys: 1, clients: 5 }, seeded(3));
    // Make one late read return the value of an early, long-overwritten put.
    const early = specs.find((s) => s.f === 'put' && s.at[0] > 100)!;
    const late = specs.findIndex((s, i) => i > 2500 && s.f === 'get' && s.status === undefined && s.out !== early.value);
    specs[late] = { ...specs[late], out: early.value };
    const r = checkLinearizability(kvTrace(specs));
    expect(r.ok).toBe(false);
    expect(r.failure?.op.invokeT).toBe(specs[late].at[0]);
  });
});
