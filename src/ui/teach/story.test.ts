import { describe, expect, it } from 'vitest';
import type { TraceEvent } from '../../protocol/trace';
import { narrate } from '../narrate';
import type { LogLine } from '../store/store';
import { captionLines, stepKeyEvent } from './key-events';
import { collapseRepeats, storyOf } from './story';

const facts = (ev: TraceEvent, text = narrate(ev)?.text ?? '') => storyOf(ev, text);

describe('the story of a log line', () => {
  it('a new leader, a machine down, a lease hand-over, NotReady and an eviction are key', () => {
    expect(facts({ t: 0, type: 'raft.role', member: 'etcd-2', role: 'leader', term: 3 })).toMatchObject({ story: 'raft', key: true, about: ['etcd-2'] });
    expect(facts({ t: 0, type: 'machine.down', machine: 'worker-2' })).toMatchObject({ story: 'nodes', key: true, about: ['worker-2'] });
    expect(facts({ t: 0, type: 'lease.holder', lease: 'kube-system/kube-scheduler', holder: 'master-3' })).toMatchObject({ story: 'control-plane', key: true, about: ['master-3'] });
    expect(facts({ t: 0, type: 'node.ready', node: 'worker-2', ready: false })).toMatchObject({ story: 'nodes', key: true });
    expect(facts({ t: 0, type: 'k8s.event', object: 'pod/default/web-1', reason: 'TaintManagerEviction', message: 'Marking for deletion Pod default/web-1', eventType: 'Normal', source: 'taint-controller' }))
      .toMatchObject({ story: 'pods', key: true, pod: 'default/web-1' });
    expect(facts({ t: 0, type: 'fault', action: 'kill', target: 'master-1' })).toMatchObject({ story: 'faults', key: true, about: ['master-1'] });
  });

  it('lease grants and revokes, image pulls, readiness flaps, votes and repeated back-offs are routine', () => {
    expect(facts({ t: 0, type: 'raft.apply', member: 'etcd-1', index: 6, term: 1, data: 'lease grant 00122eb2c1625d6f ttl=15s' }).key).toBe(false);
    expect(facts({ t: 0, type: 'k8s.event', object: 'pod/default/web-1', reason: 'Pulling', message: 'Pulling image "nginx:1.27"', eventType: 'Normal', source: 'kubelet' }).key).toBe(false);
    expect(facts({ t: 0, type: 'apiserver.ready', machine: 'master-1', ready: true }).key).toBe(false);
    expect(facts({ t: 0, type: 'raft.vote', member: 'etcd-1', for: 'etcd-2', term: 2, pre: false }).key).toBe(false);
    expect(facts({ t: 0, type: 'k8s.event', object: 'pod/default/web-1', reason: 'FailedScheduling', message: '0/3 nodes are available', eventType: 'Warning', source: 'default-scheduler', count: 4 }).key).toBe(false);
    expect(facts({ t: 0, type: 'raft.role', member: 'etcd-1', role: 'precandidate', term: 2 }).key).toBe(false);
  });

  it('repeats of the same shape collapse into one counted line; different machines do not', () => {
    const lines = [
      'SuccessfulCreate (replicaset/default/web-78dbb8f4d8): Created pod: web-78dbb8f4d8-w8cll',
      'SuccessfulCreate (replicaset/default/web-78dbb8f4d8): Created pod: web-78dbb8f4d8-jbhnd',
      'node worker-1 is Ready',
      'node worker-2 is Ready',
    ].map((text) => ({ text }));
    expect(collapseRepeats(lines).map((c) => c.repeats)).toEqual([2, 1, 1]);
  });
});

const line = (seq: number, key: boolean, text = `line ${seq}`): LogLine => ({ seq, t: seq * 1000, text, kind: 'info', story: 'raft', key, about: [`master-${seq}`] });

describe('stepping through key events', () => {
  const log = [line(1, true), line(2, false), line(3, true), line(4, true), line(5, false)];

  it('← from the end goes to the last key event, then further back, and stops at the first', () => {
    expect(stepKeyEvent(log, null, -1)?.seq).toBe(4);
    expect(stepKeyEvent(log, 4, -1)?.seq).toBe(3);
    expect(stepKeyEvent(log, 3, -1)?.seq).toBe(1);
    expect(stepKeyEvent(log, 1, -1)?.seq).toBe(1);
  });

  it('→ moves forward and stays on the last one; from the end there is nothing further', () => {
    expect(stepKeyEvent(log, 1, 1)?.seq).toBe(3);
    expect(stepKeyEvent(log, 4, 1)?.seq).toBe(4);
    expect(stepKeyEvent(log, null, 1)).toBeUndefined();
  });

  it('captions are the last three key events up to the cursor', () => {
    expect(captionLines(log, null).map((l) => l.seq)).toEqual([1, 3, 4]);
    expect(captionLines(log, 3).map((l) => l.seq)).toEqual([1, 3]);
  });
});
