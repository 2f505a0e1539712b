import { describe, expect, it } from 'vitest';
import type { LessonView } from './lesson';
import { runLesson, smallCluster, withMachine } from './testing';

type Pod = LessonView['pods'][number];
const web = (name: string, node: string, running = true, terminating = false): Pod => ({ name, node, running, terminating, owner: 'ReplicaSet/web-1' });

/** 1 master + 3 workers on a cloud, web ×3: two on worker-1, one on worker-2. */
function cloudCluster(): LessonView {
  const v = smallCluster();
  return {
    ...v,
    machines: [...v.machines, { name: 'worker-3', kind: 'worker', up: true }],
    nodes: { ...v.nodes, 'worker-3': 'True' },
  };
}

describe('the terminate-vs-crash lesson, step by step', () => {
  it('terminates the busiest worker and waits for its Node to go and its pods to be replaced, then crashes another whose Node stays', () => {
    const l = runLesson('terminate-vs-crash');
    let v = cloudCluster();
    l.check({ ...v, nodes: { ...v.nodes, 'worker-3': 'False' } });
    expect(l.baseline()).toBeUndefined(); // a node not Ready yet
    l.check(v);
    expect(l.baseline()?.target).toBe('worker-1');
    l.showMe();
    expect(l.sent).toEqual([{ type: 'terminate', machine: 'worker-1' }]);
    v = withMachine(v, 'worker-1', false);
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('node-deleted');
    v = { ...v, nodes: { ...v.nodes, 'worker-1': 'Unknown' } };
    l.check(v);
    expect(l.done()).toBe(false); // NotReady, not yet deleted
    const { 'worker-1': _gone, ...rest } = v.nodes;
    v = { ...v, nodes: rest };
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('replaced');
    l.check(v);
    expect(l.done()).toBe(false); // the orphans are still listed
    v = { ...v, pods: [web('web-c', 'worker-2'), web('web-d', 'worker-3'), web('web-e', 'worker-2')] };
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('crash');
    expect(l.baseline()?.target).toBe('worker-2');
    l.showMe();
    expect(l.sent.at(-1)).toEqual({ type: 'kill', machine: 'worker-2' });
    v = withMachine(v, 'worker-2', false);
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('node-stays');
    l.check(v);
    expect(l.done()).toBe(false); // still Ready in the API
    v = { ...v, nodes: { ...v.nodes, 'worker-2': 'Unknown' } };
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('toleration');
    l.check(v);
    expect(l.done()).toBe(false); // the pods wait for their toleration
    v = { ...v, pods: [web('web-c', 'worker-2', true, true), web('web-e', 'worker-2', true, true), web('web-d', 'worker-3'), web('web-f', 'worker-3'), web('web-g', 'worker-3')] };
    l.check(v);
    expect(l.done()).toBe(true);
    l.check({ ...v, nodes: { 'master-1': 'True', 'worker-3': 'True' } });
    expect(l.done()).toBe(true); // stays done once reached
    l.next();
    expect(l.complete()).toBe(true);
  });
});
