import { describe, expect, it } from 'vitest';
import { DEFAULT_SETUP } from '../protocol/cluster-setup';
import { parseSetupQuery } from './url-setup';

describe('URL parameters', () => {
  it('reads every parameter', () => {
    const r = parseSetupQuery('?topology=external&masters=2&workers=3&etcd=5&seed=42&speed=2&profile=realistic');
    expect(r.errors).toEqual([]);
    expect(r.setup).toEqual({ topology: 'external', masters: 2, etcdMembers: 5, workers: 3, seed: 42, profile: 'realistic' });
    expect(r.speed).toBe(2);
    expect(parseSetupQuery('').setup).toEqual(DEFAULT_SETUP);
    expect(parseSetupQuery('?scenario=kill-etcd-leader').scenario).toBe('kill-etcd-leader');
  });

  it('stacked: one etcd member per master, either number sets both', () => {
    expect(parseSetupQuery('?etcd=5').setup).toMatchObject({ masters: 5, etcdMembers: 5 });
    expect(parseSetupQuery('?masters=1').setup).toMatchObject({ masters: 1, etcdMembers: 1 });
    expect(parseSetupQuery('?masters=3&etcd=5').errors).toEqual(['etcd: the stacked topology runs one etcd member per master, so etcd must equal masters (3), got "5"']);
  });

  it('explains bad values and falls back to the defaults', () => {
    const r = parseSetupQuery('?topology=ring&etcd=4&seed=-1&speed=1000&profile=fast&color=red');
    expect(r.errors).toEqual([
      'color: unknown parameter; expected one of topology, masters, workers, etcd, seed, speed, profile, scenario, isolation, pods, present, lesson, cloud, dashboard',
      'topology: expected stacked or external, got "ring"',
      'etcd: expected an etcd member count of 1, 3, 5, 7, got "4"',
      'seed: expected a non-negative integer below 2^32, got "-1"',
      'profile: expected classroom or realistic, got "fast"',
      'speed: expected a number from 0.1 to 100, or 0 for as fast as possible, got "1000"',
    ]);
    expect(r.setup).toEqual(DEFAULT_SETUP);
  });
});

describe('isolation', () => {
  it('worker: one Web Worker per machine; the default runs every machine in one worker', () => {
    expect(parseSetupQuery('?isolation=worker').isolation).toBe('worker');
    expect(parseSetupQuery('').isolation).toBeUndefined();
    expect(parseSetupQuery('?isolation=thread').errors).toEqual(['isolation: expected shared (every machine in the simulation\'s worker) or worker (one Web Worker per machine), got "thread"']);
  });
});

describe('the page at scale', () => {
  it('takes up to 100 workers and 3 000 pods', () => {
    const r = parseSetupQuery('?workers=100&pods=1000');
    expect(r.errors).toEqual([]);
    expect(r.setup).toMatchObject({ workers: 100, pods: 1000 });
  });

  it('names a count out of range', () => {
    expect(parseSetupQuery('?workers=101&pods=3001').errors).toEqual([
      'workers: expected an integer from 0 to 100, got "101"',
      'pods: expected an integer from 0 to 3000, got "3001"',
    ]);
  });
});
