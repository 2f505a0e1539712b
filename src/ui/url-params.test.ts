// The page's URL parameters (contracts.md §4) with hostile input: prototype names,
// duplicates, long values, many bad parameters at once.

import { describe, expect, it } from 'vitest';
import { parseSetupQuery } from './url-setup';
import { startFromUrl } from './lab';

const scenarios = { 'kill-etcd-leader': 'name: k\n' };

describe('URL parameters', () => {
  it('?scenario=toString / __proto__ / constructor: refused, naming the parameter, the default cluster runs', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'valueOf']) {
      const r = startFromUrl(`?scenario=${name}`, scenarios);
      expect(r.start.scenario).toBeUndefined();
      expect(r.errors).toEqual([`scenario: expected one of kill-etcd-leader, got "${name}"; running the default cluster instead`]);
    }
    expect(startFromUrl('?scenario=kill-etcd-leader', scenarios)).toMatchObject({ start: { scenario: 'kill-etcd-leader' }, errors: [] });
  });

  it('a prototype name as the parameter itself is an unknown parameter', () => {
    expect(parseSetupQuery('?__proto__=1&toString=2').errors).toEqual([
      expect.stringMatching(/^__proto__: unknown parameter/),
      expect.stringMatching(/^toString: unknown parameter/),
    ]);
  });

  it('a parameter given twice is refused (neither value is guessed at)', () => {
    const r = parseSetupQuery('?masters=3&workers=1&masters=5');
    expect(r.errors).toEqual(['masters: given more than once; expected it at most once (using the default)']);
    expect(r.setup).toMatchObject({ masters: 1, workers: 1 });
    expect(parseSetupQuery('?scenario=a&scenario=b').scenario).toBeUndefined();
  });

  it('a long bad value is not repeated back whole', () => {
    const r = parseSetupQuery(`?topology=${'x'.repeat(100_000)}`);
    expect(r.errors[0]!.length).toBeLessThan(120);
  });

  it('many bad parameters give at most three banners, the last counting the rest', () => {
    const r = startFromUrl('?a=1&b=2&c=3&d=4&e=5&masters=x', scenarios);
    expect(r.errors).toHaveLength(3);
    expect(r.errors[2]).toBe('…and 4 more (c, d, e, masters), not understood either');
  });
});
