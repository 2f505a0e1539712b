import { beforeEach, describe, expect, it } from 'vitest';
import { resetApiSummary } from '../kube/api-view';
import type { LabState } from '../store/store';
import { lessonViewOf } from './view';

const rule = { service: 'default/web', clusterIP: '10.96.1.161', port: 80, protocol: 'TCP', endpoints: ['10.244.1.2:80', '10.244.2.3:80'] };

function state(over: Partial<LabState>): LabState {
  return { now: 0, machineNames: [], machines: {}, replies: {}, ...over } as unknown as LabState;
}

describe('the lesson view', () => {
  beforeEach(() => resetApiSummary());

  it('carries the console answers, output or error, the learner’s and Show me’s', () => {
    const v = lessonViewOf(state({ replies: { 3: { ok: true, output: 'OK' }, [-1]: { ok: false, error: 'Error: etcdserver: mvcc: required revision has been compacted' } } }));
    expect(v.answers).toEqual(expect.arrayContaining([{ ok: true, text: 'OK' }, { ok: false, text: 'Error: etcdserver: mvcc: required revision has been compacted' }]));
    expect(v.answers).toHaveLength(2);
  });

  it('reads each machine’s kube-proxy rules by shape, and nothing from a crashed or missing kube-proxy', () => {
    const v = lessonViewOf(state({
      machineNames: ['worker-1', 'worker-2', 'worker-3'],
      machines: {
        'worker-1': { name: 'worker-1', kind: 'worker', status: 'up', processes: { 'kube-proxy': { kind: 'kube-proxy', synced: true, rules: [rule] } } },
        'worker-2': { name: 'worker-2', kind: 'worker', status: 'up', processes: { 'kube-proxy': { kind: 'crashed', error: 'boom' } } },
        'worker-3': { name: 'worker-3', kind: 'worker', status: 'down' },
      },
    }));
    expect(v.proxyRules).toEqual({ 'worker-1': [{ service: 'default/web', endpoints: ['10.244.1.2:80', '10.244.2.3:80'] }] });
    expect(v.podCIDRs).toEqual({});
  });
});
