import { describe, expect, it } from 'vitest';
import { threeWayMerge } from './apply-merge';

describe('threeWayMerge (kubectl apply)', () => {
  const live = { spec: { replicas: 5, paused: false, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26', imagePullPolicy: 'IfNotPresent' }, { name: 'side', image: 'busybox' }] } } }, status: { ready: 5 } };
  it('the new manifest wins where it speaks; live-only fields stay', () => {
    const last = { spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }, { name: 'side', image: 'busybox' }] } } } };
    const next = { spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'side', image: 'busybox' }] } } } };
    expect(threeWayMerge(live, last, next)).toEqual({
      spec: { replicas: 3, paused: false, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27', imagePullPolicy: 'IfNotPresent' }, { name: 'side', image: 'busybox' }] } } },
      status: { ready: 5 },
    });
  });
  it('what the last manifest set and the new one drops is removed, fields and named items alike', () => {
    const last = { spec: { replicas: 3, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }, { name: 'side', image: 'busybox' }] } } } };
    const next = { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26' }] } } } };
    expect(threeWayMerge(live, last, next)).toEqual({ spec: { paused: false, template: { spec: { containers: [{ name: 'web', image: 'nginx:1.26', imagePullPolicy: 'IfNotPresent' }] } } }, status: { ready: 5 } });
  });
  it('lists without a merge key are replaced', () => {
    expect(threeWayMerge({ args: ['a', 'b'] }, { args: ['a', 'b'] }, { args: ['c'] })).toEqual({ args: ['c'] });
  });
});
