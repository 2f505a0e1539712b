// The rolling-update lesson: the Deployment controller at work on a changed pod template
// (a new ReplicaSet, pods moved over a few at a time), paused and resumed, and rolled
// back to an earlier revision. A pod's name carries its ReplicaSet's pod-template-hash
// (web-<hash>-<suffix>), so the steps follow the template by the hashes of the pods.

import { consoleLine } from './catalog-scheduling';
import { answered, answersMatching, isUp, type Lesson, type LessonView } from './lesson';

/** web-<hash>-<suffix> → <hash>. */
const hashOf = (pod: string): string => pod.split('-')[1] ?? '';
const webPods = (v: LessonView) => v.pods.filter((p) => p.name.startsWith('web-') && !p.terminating);
/** The one template every web pod runs, once they all run it (3 or more, Running). */
const settledHash = (v: LessonView): string | undefined => {
  const pods = webPods(v);
  const hashes = new Set(pods.map((p) => hashOf(p.name)));
  return pods.length >= 3 && pods.every((p) => p.running) && hashes.size === 1 ? [...hashes][0] : undefined;
};
const cmUp = (v: LessonView): boolean => {
  const h = v.leases['kube-system/kube-controller-manager'];
  return Boolean(h && isUp(v, h));
};
const IMAGE_UPDATED = /^deployment\.apps\/web image updated$/;

export const rollingUpdate: Lesson = {
  id: 'rolling-update',
  title: 'A rolling update, paused, resumed and undone',
  topic: 'kube-controller-manager: the Deployment controller rolls Pods to a new template, revision by revision',
  query: 'masters=1&workers=2&seed=6&profile=classroom',
  intro: 'A Deployment does not change its Pods in place. For a new Pod template its controller makes a new ReplicaSet and moves the Pods over a few at a time (at most 25 % more Pods than asked for, at most 25 % unavailable), so web keeps serving. A Pod’s name carries its ReplicaSet’s pod-template-hash, web-<hash>-<suffix> (kubectl get pods; the cards show web-<suffix>): watch new Pods replace the old ones on the workers.',
  steps: [
    {
      id: 'set-image',
      say: 'kubectl set image changes the Deployment’s Pod template. The Deployment controller sees a template that no ReplicaSet has yet, makes one (a new hash) and scales it up while it scales the old one down.',
      ask: (b) => `Give web a new image: kubectl set image deployment/web nginx=nginx:1.28 (the Pods now run template ${b.target}).`,
      begin: (v) => {
        const h = cmUp(v) ? settledHash(v) : undefined;
        return h ? { target: h, term: 0 } : undefined;
      },
      done: (v, b) => webPods(v).some((p) => hashOf(p.name) !== b.target),
      showMe: () => [consoleLine('kubectl set image deployment/web nginx=nginx:1.28')],
    },
    {
      id: 'rolled',
      say: 'Old and new Pods run side by side for a while: never fewer than 3 − 25 % available, never more than 3 + 25 % in all. When the new ReplicaSet has 3 ready Pods the old one is scaled to 0, and kept: it is revision 1.',
      ask: () => 'Wait until every web Pod runs the new template (kubectl rollout status deployment/web waits with you and says each stage).',
      begin: (_v, prev) => prev,
      done: (v, b) => {
        const h = settledHash(v);
        return h !== undefined && h !== b.target;
      },
      showMe: () => [],
    },
    {
      id: 'pause',
      say: 'kubectl rollout pause sets the Deployment’s spec.paused. The controller keeps the Pods as they are and rolls nothing out, however often the template changes: a way to make several changes and roll them out once.',
      ask: () => 'Pause web’s rollouts: kubectl rollout pause deployment/web',
      begin: (v) => {
        const h = settledHash(v);
        return h ? { target: h, term: 0 } : undefined;
      },
      done: (v) => answered(v, /^deployment\.apps\/web paused$/) || answered(v, /"web" is already paused$/, false),
      showMe: () => [consoleLine('kubectl rollout pause deployment/web')],
    },
    {
      id: 'set-paused',
      say: 'Paused, the new image is stored with the Deployment in etcd, but no new ReplicaSet appears and no Pod changes: the Workloads panel says paused, and kubectl get rs still shows the Pods in one ReplicaSet.',
      ask: () => 'Change the image again: kubectl set image deployment/web nginx=nginx:1.29',
      begin: (v, prev) => (prev ? { ...prev, count: answersMatching(v, IMAGE_UPDATED).length } : undefined),
      done: (v, b) => answersMatching(v, IMAGE_UPDATED).length > (b.count ?? 0) && settledHash(v) === b.target,
      showMe: () => [consoleLine('kubectl set image deployment/web nginx=nginx:1.29')],
    },
    {
      id: 'resume',
      say: 'kubectl rollout resume clears spec.paused. The controller finds a template with no ReplicaSet and rolls out what changed while it was paused, in one rollout.',
      ask: () => 'Resume: kubectl rollout resume deployment/web',
      begin: (_v, prev) => prev,
      done: (v, b) => webPods(v).some((p) => hashOf(p.name) !== b.target),
      showMe: () => [consoleLine('kubectl rollout resume deployment/web')],
    },
    {
      id: 'undo',
      say: 'Every template is a revision (kubectl rollout history deployment/web lists them). kubectl rollout undo puts the previous revision’s template back: its old ReplicaSet, still there at 0, scales up again, and no new hash appears.',
      ask: (b) => `When the Pods run the new template, roll back: kubectl rollout undo deployment/web (back to template ${b.template ?? ''})`,
      begin: (v, prev) => {
        const h = settledHash(v);
        return prev && h && h !== prev.target ? { target: h, term: 0, template: prev.target } : undefined;
      },
      done: (v, b) => settledHash(v) === b.template,
      showMe: () => [consoleLine('kubectl rollout undo deployment/web')],
    },
  ],
  outro: 'The Deployment controller never edits a Pod: it makes one ReplicaSet per template and moves the count between them. Pausing stops the moving, not the storing; undo is a new rollout to an old template. kubectl rollout history lists the revisions, and kubectl get rs shows every ReplicaSet it kept.',
};
