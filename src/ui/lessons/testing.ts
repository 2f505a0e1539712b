// Test helpers for lesson machines: a small cluster as a LessonView, and a lesson's
// actor with the commands it sent. Used by the *.test.ts files only.

import { createActor } from 'xstate';
import { lessonById } from './catalog';
import type { LessonAction, LessonView } from './lesson';
import { lessonMachine } from './machine';

type Pod = LessonView['pods'][number];

/** 1 master + 2 workers, all up and Ready, the etcd leader on master-1, web ×3 running
 * (two on worker-1, one on worker-2), pod CIDRs 10.244.N.0/24, no answers yet. */
export function smallCluster(over: Partial<LessonView> = {}): LessonView {
  const pods: Pod[] = [
    { name: 'web-a', node: 'worker-1', running: true, terminating: false, owner: 'ReplicaSet/web-1' },
    { name: 'web-b', node: 'worker-1', running: true, terminating: false, owner: 'ReplicaSet/web-1' },
    { name: 'web-c', node: 'worker-2', running: true, terminating: false, owner: 'ReplicaSet/web-1' },
  ];
  return {
    now: 0,
    machines: [
      { name: 'master-1', kind: 'master', up: true },
      { name: 'worker-1', kind: 'worker', up: true },
      { name: 'worker-2', kind: 'worker', up: true },
    ],
    members: { 'master-1': { member: 'etcd-1', role: 'leader', term: 2 } },
    leases: { 'kube-system/kube-scheduler': 'master-1', 'kube-system/kube-controller-manager': 'master-1' },
    nodes: { 'master-1': 'True', 'worker-1': 'True', 'worker-2': 'True' },
    pods,
    deployments: ['default/web'],
    cordoned: [],
    answers: [],
    podCIDRs: { 'master-1': '10.244.0.0/24', 'worker-1': '10.244.1.0/24', 'worker-2': '10.244.2.0/24' },
    proxyRules: { 'master-1': [], 'worker-1': [], 'worker-2': [] },
    ...over,
  };
}

/** The view with one more console answer. */
export const withAnswer = (v: LessonView, text: string, ok = true): LessonView => ({ ...v, answers: [...(v.answers ?? []), { ok, text }] });

/** Every up machine's kube-proxy with a rule for default/web to these endpoints. */
export const withWebRules = (v: LessonView, endpoints: readonly string[]): LessonView => ({
  ...v,
  proxyRules: Object.fromEntries(v.machines.map((m) => [m.name, [{ service: 'default/web', endpoints }]])),
});

export const withMachine = (v: LessonView, name: string, up: boolean): LessonView => ({ ...v, machines: v.machines.map((m) => (m.name === name ? { ...m, up } : m)) });

/** A lesson's actor, started, with what it sent and small readers. */
export function runLesson(id: string) {
  const lesson = lessonById(id);
  if (!lesson) throw new Error(`no lesson ${id}`);
  const sent: LessonAction[] = [];
  const actor = createActor(lessonMachine, { input: { lesson, send: (c) => sent.push(c) } });
  actor.start();
  const snap = () => actor.getSnapshot();
  let last: LessonView | undefined;
  return {
    actor,
    sent,
    step: () => lesson.steps[snap().context.step]!.id,
    done: () => snap().value === 'stepDone',
    baseline: () => snap().context.baseline,
    check: (view: LessonView) => {
      last = view;
      actor.send({ type: 'CHECK', view });
    },
    showMe: () => actor.send({ type: 'SHOW_ME' }),
    /** Next, then the cluster as last seen (the page checks on every frame: the new
     * step takes its baseline before anything else happens). */
    next: () => {
      actor.send({ type: 'NEXT' });
      if (last && snap().status === 'active') actor.send({ type: 'CHECK', view: last });
    },
    complete: () => snap().status === 'done',
    /** The console lines Show me sent, as typed. */
    lines: () => sent.flatMap((c) => (c.type === 'console' ? [c.line] : [])),
    /** The page actions Show me did (overlays switched on, pods inspected). */
    pageActions: () => sent.flatMap((c) => (c.type === 'page' ? [c] : [])),
  };
}
