// Lessons on the controller manager: loops that compare what is asked with what is,
// and act on the difference (replicas and service accounts here; node lifecycle in
// worker-death, endpoints in node-agents and pod-network).

import { consoleLine } from './catalog-scheduling';
import { answered, isUp, runningApp, type Lesson, type LessonView } from './lesson';

const cmHolder = (v: LessonView): string | undefined => {
  const h = v.leases['kube-system/kube-controller-manager'];
  return h && isUp(v, h) ? h : undefined;
};
const webPods = (v: LessonView) => v.pods.filter((p) => p.name.startsWith('web-') && !p.terminating);

export const controllerLoops: Lesson = {
  id: 'controller-loops',
  title: "The controller manager's loops",
  topic: 'kube-controller-manager: reconcile loops (ReplicaSet, Deployment, node lifecycle, endpoints, service accounts)',
  query: 'masters=1&workers=2&seed=9&profile=classroom',
  intro: 'kube-controller-manager runs dozens of loops. Each watches some objects through the apiserver, compares the desired state (spec) with the actual state (status, other objects) and acts on the difference: the ReplicaSet controller keeps the number of Pods, the node lifecycle controller watches node Leases, the endpoints controller tracks a Service’s ready Pods, the service account controller gives every namespace its default account and token. Try the ReplicaSet loop on web (3 replicas).',
  steps: [
    {
      id: 'delete-pod',
      say: 'Deleting a Pod does not shrink the Deployment: its ReplicaSet still asks for 3.',
      ask: (b) => `Delete the Pod ${b.target}: kubectl delete pod ${b.target}`,
      begin: (v) => {
        const p = runningApp(v) >= 3 && cmHolder(v) ? webPods(v).map((x) => x.name).sort()[0] : undefined;
        return p ? { target: p, term: 0 } : undefined;
      },
      done: (v, b) => !v.pods.some((p) => p.name === b.target && !p.terminating),
      showMe: (b) => [consoleLine(`kubectl delete pod ${b.target}`)],
    },
    {
      id: 'replaced',
      say: 'The ReplicaSet controller sees 2 Pods where 3 are asked for and creates one more; the scheduler places it, a kubelet starts it.',
      ask: () => 'Wait for 3 web Pods Running again, one of them new (kubectl get pods).',
      begin: (_v, prev) => prev,
      done: (v, b) => runningApp(v) >= 3 && !v.pods.some((p) => p.name === b.target && !p.terminating),
      showMe: () => [],
    },
    {
      id: 'scale-up',
      say: 'Changing the desired state is just another write: kubectl scale sets spec.replicas, and the same loop closes the gap.',
      ask: () => 'Scale web to 5: kubectl scale deployment web --replicas=5',
      begin: (_v, prev) => prev,
      done: (v) => runningApp(v) >= 5,
      showMe: () => [consoleLine('kubectl scale deployment web --replicas=5')],
    },
    {
      id: 'scale-down',
      say: 'The loop also removes what is too much: it picks Pods to delete (the newest, the not-ready first).',
      ask: () => 'Scale web back to 2: kubectl scale deployment web --replicas=2',
      begin: (_v, prev) => prev,
      done: (v) => webPods(v).length === 2 && runningApp(v) === 2,
      showMe: () => [consoleLine('kubectl scale deployment web --replicas=2')],
    },
    {
      id: 'namespace',
      say: 'Other loops act on other objects. The service account controller watches Namespaces: every new one gets a ServiceAccount named default, the identity its pods run as.',
      ask: () => 'Create a namespace: kubectl create namespace demo',
      begin: (_v, prev) => prev,
      done: (v) => answered(v, /^namespace\/demo created$/) || answered(v, /namespaces "demo" already exists/, false),
      showMe: () => [consoleLine('kubectl create namespace demo')],
    },
    {
      id: 'service-account',
      say: 'Nobody created it by hand: the controller saw the new namespace and closed the gap, like the ReplicaSet loop.',
      // Asked the moment the namespace exists, the answer may come before the controller
      // acted: the learner (and Show me) asks again.
      ask: () => 'See it: kubectl get serviceaccounts -n demo (if it says "No resources found", the controller has not caught up yet: run it again)',
      begin: (_v, prev) => prev,
      done: (v) => answered(v, /^NAME\s+SECRETS\s+AGE\ndefault\s/),
      showMe: () => [consoleLine('kubectl get serviceaccounts -n demo')],
    },
    {
      id: 'token',
      say: 'A pod proves who it is with a token. Since Kubernetes 1.24 tokens are not stored as Secrets: the apiserver signs a short-lived one on request (TokenRequest), for one service account.',
      ask: () => 'Ask for a token: kubectl create token default -n demo (a signed JWT).',
      begin: (_v, prev) => prev,
      done: (v) => answered(v, /^eyJ[\w-]+\.[\w-]+\.[\w-]+$/),
      showMe: () => [consoleLine('kubectl create token default -n demo')],
    },
  ],
  outro: 'No controller is told what to do: each watches, compares desired with actual, and acts. Kill the controller-manager and nothing is repaired until it (or a standby with the lease) comes back.',
};
