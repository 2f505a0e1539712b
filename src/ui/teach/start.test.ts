import { describe, expect, it } from 'vitest';
import { startFromUrl } from '../lab';

describe('the page start from its URL', () => {
  it('starts the web Deployment (3 replicas) on any cluster with workers, not on a scenario or without workers', () => {
    const { start } = startFromUrl('', {});
    expect(start.setup.manifests).toEqual([expect.objectContaining({ kind: 'Deployment', metadata: expect.objectContaining({ name: 'web' }), spec: expect.objectContaining({ replicas: 3 }) })]);
    expect(startFromUrl('?masters=3&workers=0', {}).start.setup.manifests).toBeUndefined();
    const scenario = startFromUrl('?scenario=kill-worker', { 'kill-worker': 'name: kill-worker' }).start;
    expect(scenario.scenario).toBe('kill-worker');
  });

  it('reads present and lesson; a bad present is named', () => {
    expect(startFromUrl('?present=1', {}).start.present).toBe(true);
    expect(startFromUrl('', {}).start.present).toBe(false);
    expect(startFromUrl('?lesson=raft-election', {}).start.lesson).toBe('raft-election');
    const bad = startFromUrl('?present=yes', {});
    expect(bad.errors).toContain('present: expected 1 or 0, got "yes"');
    expect(bad.start.present).toBe(false);
  });
});
