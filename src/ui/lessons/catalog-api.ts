// Lessons on the control plane's shape: the API server as the only etcd client (follow
// one `kubectl apply` all the way to a running container, then watch a second client,
// the dashboard, see a change kubectl made).

import { deploymentManifest } from '../kube/manifests';
import { consoleLine } from './catalog-scheduling';
import { etcdLeaderHost, isUp, runningApp, type Lesson, type LessonView } from './lesson';

const APP = 'hello-';
const appPods = (v: LessonView) => v.pods.filter((p) => p.name.startsWith(APP) && !p.terminating);
const leaseHost = (v: LessonView, lease: string): string | undefined => {
  const h = v.leases[`kube-system/${lease}`];
  return h && isUp(v, h) ? h : undefined;
};

export const apiserverPath: Lesson = {
  id: 'apiserver-path',
  title: 'Follow a kubectl apply',
  topic: 'The API server is the only etcd client: everyone else watches the API',
  // dashboard=1: the dashboard runs on the client machine beside kubectl (the last step).
  query: 'masters=1&workers=2&seed=6&profile=classroom&dashboard=1',
  intro: 'kubectl never talks to etcd, and neither do the scheduler, the controllers or the kubelets: they all read and write through the API server, which alone stores objects in etcd. Follow one Deployment from the console to running containers.',
  steps: [
    {
      id: 'stored',
      say: 'kubectl sends the manifest to the load balancer, which forwards it to an apiserver. The apiserver checks who you are, validates the object and writes it to the etcd leader; the leader appends it to its log and answers once a majority of members stored it (the commit). Only then does kubectl print "deployment.apps/hello created".',
      ask: (b) => `Apply the Deployment hello (2 replicas) from the console: kubectl apply -f - . The request enters through ${b.target}.`,
      begin: (v) => {
        const leader = etcdLeaderHost(v);
        if (!leader || !leaseHost(v, 'kube-scheduler')) return undefined;
        return { target: isUp(v, 'lb') ? 'lb' : leader, term: 0 };
      },
      done: (v) => (v.deployments ?? []).includes('default/hello'),
      showMe: () => [consoleLine('kubectl apply -f -', deploymentManifest('hello', 'nginx:1.27', 2))],
    },
    {
      id: 'replicaset',
      say: 'The apiserver tells everyone watching Deployments that one was added (the watch). The deployment controller, a loop inside kube-controller-manager, creates a ReplicaSet; the ReplicaSet controller creates 2 Pods. Each of those is again a write through the apiserver into etcd.',
      ask: (b) => `Watch ${b.target} (its kube-controller-manager holds the lease): a ReplicaSet hello-… and 2 Pods appear (kubectl get rs,pods).`,
      begin: (v) => {
        const h = leaseHost(v, 'kube-controller-manager');
        return h ? { target: h, term: 0 } : undefined;
      },
      done: (v) => appPods(v).filter((p) => (p.owner ?? '').startsWith('ReplicaSet/hello-')).length >= 2,
      showMe: () => [],
    },
    {
      id: 'bound',
      say: 'The new Pods have no node yet. The scheduler watches for such Pods, picks a node for each, and writes the choice back (a Binding): the Pod’s spec.nodeName.',
      ask: (b) => `Watch ${b.target} (its kube-scheduler holds the lease) bind both Pods to workers (kubectl get pods -o wide).`,
      begin: (v) => {
        const h = leaseHost(v, 'kube-scheduler');
        return h ? { target: h, term: 0 } : undefined;
      },
      done: (v) => appPods(v).length >= 2 && appPods(v).every((p) => p.node !== ''),
      showMe: () => [],
    },
    {
      id: 'running',
      say: 'Each kubelet watches the Pods bound to its own node. It asks its container runtime to pull the image and start the container, then reports the Pod’s status (Running, Ready) back to the apiserver.',
      ask: (b) => `Watch the kubelet on ${b.target} start its hello Pod: both turn Running.`,
      begin: (v) => {
        const p = appPods(v).find((x) => x.node !== '');
        return p ? { target: p.node, term: 0 } : undefined;
      },
      done: (v) => runningApp(v, APP) >= 2,
      showMe: () => [],
    },
    {
      id: 'dashboard',
      say: 'kubectl is one client of the API; the dashboard on the client machine is another, with an identity of its own (a ServiceAccount). It never reads etcd either: it listed the Pods through the load balancer and an apiserver, and keeps a watch open there, so the apiserver pushes every change to it.',
      ask: (b) => `Scale hello to 3 from the console (kubectl scale deployment hello --replicas=3): the third Pod appears in the Dashboard panel’s Pods tab, which reads through ${b.target} and the apiserver.`,
      begin: (v) => (v.dashboard?.synced && runningApp(v, APP) >= 2 ? { target: isUp(v, 'lb') ? 'lb' : '', term: 0, ring: ['dashboard'] } : undefined),
      done: (v) => (v.dashboard?.pods ?? []).filter((p) => p.name.startsWith(APP) && p.phase === 'Running').length >= 3,
      showMe: () => [consoleLine('kubectl scale deployment hello --replicas=3')],
    },
  ],
  outro: 'One write, many watchers: kubectl → LB → apiserver → etcd (commit) → watch → controller → scheduler → kubelet → runtime, and the dashboard’s watch. Only the apiserver touched etcd.',
};
