// kubectl cordon is a patch with no precondition: a kubelet status write between its read
// and its write (a 409 Conflict on the update) is retried, not shown to the user.

import { describe, expect, it } from 'vitest';
import type { KubeResult } from '../api/wire';
import type { KubeCall } from '../clientset/kube-client';
import type { CommandResult } from '../../sim/process';
import { cordon } from './cordon';
import type { KubectlEnv } from './env';

function envWithConflicts(conflicts: number, cordoned = false): { env: KubectlEnv; updates: () => number } {
  let unschedulable = cordoned;
  let updates = 0;
  let left = conflicts;
  const env: KubectlEnv = {
    now: () => 0,
    after: () => undefined,
    request(call: KubeCall, cb: (r: KubeResult) => void) {
      if (call.verb === 'get') return cb({ ok: true, object: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'worker-1', resourceVersion: '7' }, spec: unschedulable ? { unschedulable: true } : {} } as never });
      updates++;
      if (left-- > 0) return cb({ ok: false, status: { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'Conflict', code: 409, message: 'Operation cannot be fulfilled on nodes "worker-1": the object has been modified; please apply your changes to the latest version and try again' } as never });
      unschedulable = !!((call as { body?: { spec?: { unschedulable?: boolean } } }).body?.spec?.unschedulable);
      cb({ ok: true });
    },
  };
  return { env, updates: () => updates };
}

describe('kubectl cordon / uncordon', () => {
  it('retries when the node changed between the read and the write', () => {
    const { env, updates } = envWithConflicts(2);
    let out: CommandResult | undefined;
    cordon('worker-1', true, env, (r) => (out = r));
    expect(out).toEqual({ ok: true, output: 'node/worker-1 cordoned' });
    expect(updates()).toBe(3);
    cordon('worker-1', false, envWithConflicts(1, true).env, (r) => (out = r));
    expect(out).toEqual({ ok: true, output: 'node/worker-1 uncordoned' });
  });
});
