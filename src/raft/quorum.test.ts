import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quorumAck, quorumMatch } from './quorum';

// The definition the helpers replace: sort the voters' values, highest first, and take
// the quorum-th (0 when there are fewer voters).
function bySort(voters: readonly number[], quorum: number, valueOf: (id: number) => number): number {
  return voters.map(valueOf).sort((a, b) => b - a)[quorum - 1] ?? 0;
}

describe('quorum values', () => {
  it('equal the quorum-th highest of a sorted copy, for matches and acks', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 9 }), { maxLength: 7 }), fc.array(fc.nat(50), { minLength: 9, maxLength: 9 }), fc.integer({ min: 0, max: 8 }), (ids, values, quorum) => {
        const voters = new Set(ids);
        // Some voters have no entry at all (a new member's progress, a voter that never acked).
        const acks = new Map(ids.filter((id) => id % 3 !== 0).map((id) => [id, values[id - 1]!]));
        const prs = new Map([...acks].map(([id, match]) => [id, { match }]));
        const expected = bySort(ids, quorum, (id) => acks.get(id) ?? 0);
        expect(quorumAck(voters, quorum, acks)).toBe(expected);
        expect(quorumMatch(voters, quorum, prs)).toBe(expected);
      }),
    );
  });

  it('takes the majority-th highest of three voters', () => {
    expect(quorumMatch(new Set([1, 2, 3]), 2, new Map([[1, { match: 7 }], [2, { match: 3 }], [3, { match: 5 }]]))).toBe(5);
  });
});
