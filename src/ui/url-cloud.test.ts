import { describe, expect, it } from 'vitest';
import { parseSetupQuery } from './url-setup';

describe('URL parameters: cloud and dashboard (issue 12)', () => {
  it('?cloud=sim and ?dashboard=1 set up the cluster; none and 0 are the defaults', () => {
    expect(parseSetupQuery('?cloud=sim&dashboard=1').setup).toMatchObject({ cloud: 'sim', dashboard: true });
    const plain = parseSetupQuery('?cloud=none&dashboard=0');
    expect(plain.errors).toEqual([]);
    expect(plain.setup.cloud).toBeUndefined();
    expect(plain.setup.dashboard).toBeUndefined();
  });

  it('names a bad value and falls back to no cloud, no dashboard', () => {
    const r = parseSetupQuery('?cloud=aws&dashboard=yes');
    expect(r.errors).toEqual(['cloud: expected sim (a simulated cloud provider) or none, got "aws"', 'dashboard: expected 1 (run the dashboard on the client machine) or 0, got "yes"']);
    expect(r.setup.cloud).toBeUndefined();
    expect(r.setup.dashboard).toBeUndefined();
  });
});
