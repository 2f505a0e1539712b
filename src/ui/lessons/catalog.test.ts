import { describe, expect, it } from 'vitest';
import { LESSONS } from './catalog';
import { deploymentManifest } from '../kube/manifests';

describe('the lesson catalog', () => {
  it('has unique lesson ids, each with a set-up, steps with unique ids, narration and an ask', () => {
    expect(new Set(LESSONS.map((l) => l.id)).size).toBe(LESSONS.length);
    for (const l of LESSONS) {
      expect(l.query, l.id).toMatch(/masters=\d+/);
      expect(l.steps.length, l.id).toBeGreaterThan(0);
      expect(new Set(l.steps.map((s) => s.id)).size, l.id).toBe(l.steps.length);
      for (const s of l.steps) {
        expect(s.say.length, `${l.id}/${s.id}`).toBeGreaterThan(20);
        expect(s.ask({ target: 'worker-1', term: 2 }).length, `${l.id}/${s.id}`).toBeGreaterThan(5);
      }
    }
  });

  it('writes a nodeSelector into the pod template only when asked', () => {
    expect(deploymentManifest('db', 'postgres:16', 2, { disk: 'ssd' })).toContain('      nodeSelector:\n        disk: "ssd"\n      containers:');
    expect(deploymentManifest('web', 'nginx:1.27', 3)).not.toContain('nodeSelector');
  });
});
