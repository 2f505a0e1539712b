import { describe, expect, it } from 'vitest';
import type { LessonView } from './lesson';
import { runLesson, smallCluster } from './testing';

type Pod = LessonView['pods'][number];
const db = (name: string, node: string, running: boolean, reason?: string): Pod => ({ name, node, running, terminating: false, owner: 'ReplicaSet/db-7c9d', ...(reason ? { reason } : {}) });
const FIT = '0/3 nodes are available: 1 node(s) didn\'t match Pod\'s node affinity/selector, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable.';

describe('the scheduler-ssd lesson, step by step', () => {
  it('places db on the ssd node, cordons it, leaves a third pod Pending, shows its why-table, uncordons, then labels worker-2 and a fourth pod lands there', () => {
    const l = runLesson('scheduler-ssd');
    let v = smallCluster({ inspectedPod: null });
    l.check(v);
    expect(l.baseline()?.target).toBe('worker-1');
    v = { ...v, pods: [...v.pods, db('db-a', 'worker-1', true), db('db-b', 'worker-1', true)] };
    l.check(v);
    expect(l.done()).toBe(true);
    l.next();
    expect(l.step()).toBe('cordon');
    v = { ...v, cordoned: ['worker-1'] };
    l.check(v);
    expect(l.done()).toBe(true);
    l.next();
    expect(l.step()).toBe('pending');
    v = { ...v, pods: [...v.pods, db('db-c', '', false, FIT)] };
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('why-pending');
    expect(l.baseline()).toMatchObject({ target: 'worker-1', pod: 'default/db-c', ring: ['pod-default-db-c', 'why-row-master-1', 'why-row-worker-1', 'why-row-worker-2'] });
    l.check({ ...v, inspectedPod: 'default/db-a' });
    expect(l.done()).toBe(false); // a running db pod: not the Pending one
    l.showMe();
    expect(l.pageActions()).toEqual([{ type: 'page', inspectPod: 'default/db-c' }]);
    v = { ...v, inspectedPod: 'default/db-c' };
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('uncordon');
    l.showMe();
    expect(l.lines().at(-1)).toBe('kubectl uncordon worker-1');
    v = { ...v, cordoned: [], pods: [...v.pods.filter((p) => p.name !== 'db-c'), db('db-c', 'worker-1', true)] };
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('label');
    l.showMe();
    expect(l.lines().at(-1)).toBe('kubectl label node worker-2 disk=ssd');
    l.check({ ...v, answers: [{ ok: false, text: "error: 'disk' already has a value (hdd), and --overwrite is false" }] });
    expect(l.done()).toBe(false);
    v = { ...v, answers: [{ ok: true, text: 'node/worker-2 labeled' }] };
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('spread');
    l.showMe();
    expect(l.lines().at(-1)).toBe('kubectl scale deployment db --replicas=4');
    v = { ...v, pods: [...v.pods, db('db-d', 'worker-2', false)] };
    l.check(v);
    expect(l.done()).toBe(false); // scheduled, not yet running
    v = { ...v, pods: [...v.pods.filter((p) => p.name !== 'db-d'), db('db-d', 'worker-2', true)] };
    l.check(v);
    expect(l.done()).toBe(true);
    l.next();
    expect(l.complete()).toBe(true);
  });
});
