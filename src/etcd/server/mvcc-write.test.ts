// MvccStore.write (a member with nobody to answer) must leave the store exactly as
// apply does, throws included: the members' stores are compared by the Raft and KV
// checks, and a follower that drifted would answer reads differently after a failover.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RequestOp } from '../types';
import { MvccStore } from './mvcc';

const key = fc.constantFrom('a', 'b', 'c');
const rangeOp = fc.record({ type: fc.constant('range' as const), key, revision: fc.constantFrom(0, 1, 3, 50) });
const putOp = fc.record({ type: fc.constant('put' as const), key, value: fc.constantFrom('1', '2'), lease: fc.constantFrom(0, 0, 7) });
const delOp = fc.record({ type: fc.constant('deleteRange' as const), key, rangeEnd: fc.constantFrom('', 'c', '\0') });
const leaf = fc.oneof(rangeOp, putOp, delOp);
const compare = fc.record({ target: fc.constantFrom('VERSION', 'MOD', 'VALUE', 'LEASE', 'CREATE') as fc.Arbitrary<'VERSION' | 'MOD' | 'VALUE' | 'LEASE' | 'CREATE'>, result: fc.constantFrom('=', '!=', '>', '<') as fc.Arbitrary<'=' | '!=' | '>' | '<'>, key, value: fc.constantFrom(0, 1, 2, '1') });
const txn = (inner: fc.Arbitrary<RequestOp>) => fc.record({ type: fc.constant('txn' as const), compare: fc.array(compare, { maxLength: 2 }), success: fc.array(inner, { maxLength: 3 }), failure: fc.array(inner, { maxLength: 3 }) });
const op: fc.Arbitrary<RequestOp> = fc.oneof(leaf, txn(leaf), txn(fc.oneof(leaf, txn(leaf))));

function run(ops: readonly RequestOp[], how: 'apply' | 'write'): { state: string; errors: (string | undefined)[] } {
  const s = new MvccStore();
  s.grantLease(7, 60);
  const errors: (string | undefined)[] = [];
  for (const [i, o] of ops.entries()) {
    if (i === 6) s.revokeLease(7); // later puts with lease 7 throw mid-txn
    try {
      if (how === 'apply') s.apply(o);
      else s.write(o);
      errors.push(undefined);
    } catch (e) {
      errors.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { state: s.serialize(), errors };
}

describe('MvccStore.write', () => {
  it('changes the store exactly as apply does, and throws where apply throws', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 14 }), (ops) => {
        expect(run(ops, 'write')).toEqual(run(ops, 'apply'));
      }),
      { numRuns: 400, seed: 14 },
    );
  });

  it('a txn that throws half way keeps the writes before the throw, as apply does', () => {
    const ops: RequestOp[] = [{ type: 'txn', compare: [], success: [{ type: 'put', key: 'a', value: '1' }, { type: 'put', key: 'b', value: '1', lease: 99 }, { type: 'put', key: 'c', value: '1' }], failure: [] }];
    const w = run(ops, 'write');
    expect(w.errors).toEqual(['etcdserver: requested lease not found']);
    expect(w).toEqual(run(ops, 'apply'));
    expect(JSON.parse(w.state).keys.map(([k]: [string]) => k)).toEqual(['a']);
  });
});
