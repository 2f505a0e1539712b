// A process that crashed is drawn as crashed (a red chip naming the error), not as
// ready: its view is the machine's CrashedView, whatever the process said before.

import { describe, expect, it } from 'vitest';
import type { MachineState } from '../../protocol/frames';
import { componentChips } from './KubeParts';

describe('component chips', () => {
  it('draw a crashed apiserver or scheduler as crashed, and the running components as they are', () => {
    const master: MachineState = {
      name: 'master-1', kind: 'master', status: 'up',
      processes: {
        'kube-apiserver': { kind: 'crashed', process: 'kube-apiserver', error: "Cannot read properties of undefined (reading 'unschedulable')" },
        'kube-scheduler': { kind: 'crashed', process: 'kube-scheduler', error: 'boom' },
        kubelet: { kind: 'kubelet', pods: [] },
      },
    };
    const chips = new Map(componentChips('master-1', master, {}, false).map((c) => [c.id, c]));
    expect(chips.get('kube-apiserver')).toMatchObject({ state: 'crashed', title: "kube-apiserver crashed: Cannot read properties of undefined (reading 'unschedulable')\nrestart master-1 to start it again" });
    expect(chips.get('kube-scheduler')?.state).toBe('crashed');
    expect(chips.get('kubelet')?.state).toBe('ok');
    // A machine that is down is drawn down, crashed views or not.
    const down = new Map(componentChips('master-1', { ...master, status: 'down' }, {}, false).map((c) => [c.id, c]));
    expect(down.get('kube-apiserver')?.state).toBe('off');
  });
});
