import { describe, expect, it } from 'vitest';
import { lessonById } from './catalog';
import type { LessonView } from './lesson';
import { runLesson, smallCluster } from './testing';

type Pod = LessonView['pods'][number];
const hello = (name: string, node: string, running: boolean): Pod => ({ name, node, running, terminating: false, owner: 'ReplicaSet/hello-6d4f' });
const withHello = (v: LessonView, pods: readonly Pod[]): LessonView => ({ ...v, pods: [...v.pods.filter((p) => !p.name.startsWith('hello-')), ...pods] });
const dashboardSees = (v: LessonView, running: readonly string[], synced = true): LessonView =>
  ({ ...v, dashboard: { synced, pods: [...v.pods.filter((p) => p.name.startsWith('web-')).map((p) => ({ name: p.name, phase: 'Running' })), ...running.map((name) => ({ name, phase: 'Running' }))] } });

describe('the apiserver-path lesson, step by step', () => {
  it('starts with the dashboard on the client machine', () => {
    expect(lessonById('apiserver-path')!.query).toMatch(/(^|&)dashboard=1(&|$)/);
  });

  it('follows the apply to running pods, then waits for the dashboard (another client) to see a third pod', () => {
    const l = runLesson('apiserver-path');
    let v = smallCluster({ machines: [...smallCluster().machines, { name: 'lb', kind: 'lb', up: true }, { name: 'client', kind: 'client', up: true }] });
    l.check(v);
    expect(l.step()).toBe('stored');
    expect(l.baseline()?.target).toBe('lb');
    l.showMe();
    expect(l.sent.at(-1)).toMatchObject({ type: 'console', line: 'kubectl apply -f -' });
    v = { ...v, deployments: ['default/web', 'default/hello'] };
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('replicaset');
    v = withHello(v, [hello('hello-6d4f-a', '', false), hello('hello-6d4f-b', '', false)]);
    l.check(v);
    expect(l.done()).toBe(true);
    l.next();
    expect(l.step()).toBe('bound');
    v = withHello(v, [hello('hello-6d4f-a', 'worker-1', false), hello('hello-6d4f-b', 'worker-2', false)]);
    l.check(v);
    expect(l.done()).toBe(true);
    l.next();
    expect(l.step()).toBe('running');
    v = withHello(v, [hello('hello-6d4f-a', 'worker-1', true), hello('hello-6d4f-b', 'worker-2', true)]);
    l.check(v);
    expect(l.done()).toBe(true);

    l.next();
    expect(l.step()).toBe('dashboard');
    expect(l.baseline()).toBeUndefined(); // the dashboard has not listed yet
    v = dashboardSees(v, [], false);
    l.check(v);
    expect(l.baseline()).toBeUndefined();
    v = dashboardSees(v, ['hello-6d4f-a', 'hello-6d4f-b']);
    l.check(v);
    expect(l.baseline()).toMatchObject({ target: 'lb', ring: ['dashboard'] });
    l.showMe();
    expect(l.lines().at(-1)).toBe('kubectl scale deployment hello --replicas=3');
    // The API has the third pod running; the dashboard has not seen it yet: not done.
    v = withHello(v, [hello('hello-6d4f-a', 'worker-1', true), hello('hello-6d4f-b', 'worker-2', true), hello('hello-6d4f-c', 'worker-1', true)]);
    l.check(v);
    expect(l.done()).toBe(false);
    l.check({ ...v, dashboard: { synced: true, pods: [...v.dashboard!.pods, { name: 'hello-6d4f-c', phase: 'Pending' }] } });
    expect(l.done()).toBe(false);
    l.check(dashboardSees(v, ['hello-6d4f-a', 'hello-6d4f-b', 'hello-6d4f-c']));
    expect(l.done()).toBe(true);
    l.next();
    expect(l.complete()).toBe(true);
  });
});
