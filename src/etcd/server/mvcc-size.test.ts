// The store's count of live keys is kept as keys come and go (member views read it every
// frame): whatever the writes, deletes, lease revocations, compactions and restores, it
// equals the number of keys a full range returns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MvccStore } from './mvcc';

type Op =
  | { kind: 'put'; key: string; lease: boolean }
  | { kind: 'del'; key: string; range: boolean }
  | { kind: 'revoke' }
  | { kind: 'compact' }
  | { kind: 'restore'; shared: boolean };

const key = fc.constantFrom('a', 'b', 'c', 'd', 'e');
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('put' as const), key, lease: fc.boolean() }),
  fc.record({ kind: fc.constant('del' as const), key, range: fc.boolean() }),
  fc.constant({ kind: 'revoke' as const }),
  fc.constant({ kind: 'compact' as const }),
  fc.record({ kind: fc.constant('restore' as const), shared: fc.boolean() }),
);

const counted = (s: MvccStore) => s.range({ key: '\0', rangeEnd: '\0', countOnly: true }).count;

describe('MvccStore.size', () => {
  it('equals a full range count after any sequence of changes', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
        let s = new MvccStore();
        let compacted = 0;
        s.grantLease(7, 60);
        for (const o of ops) {
          if (o.kind === 'put') s.apply({ type: 'put', key: o.key, value: 'v', ...(o.lease ? { lease: 7 } : {}) });
          else if (o.kind === 'del') s.apply({ type: 'deleteRange', key: o.key, ...(o.range ? { rangeEnd: '\0' } : {}) });
          else if (o.kind === 'revoke') {
            s.revokeLease(7);
            s.grantLease(7, 60);
          } else if (o.kind === 'compact') {
            if (s.rev > compacted) s.compact((compacted = s.rev));
          }
          else s = MvccStore.restore(o.shared ? s.sharedState() : s.serialize());
          expect(s.size).toBe(counted(s));
        }
      }),
    );
  });
});
