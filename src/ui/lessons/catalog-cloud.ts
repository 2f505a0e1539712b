// Lesson on the cloud: a terminated instance against a crashed machine. Both look the
// same to Kubernetes at first (a kubelet falls silent, the node turns NotReady); the
// difference is the cloud-controller-manager, whose cloud node lifecycle controller asks
// the cloud about every NotReady node and deletes the Node of an instance that no longer
// exists.

import { isUp, runningApp, runningOn, type Lesson, type LessonView } from './lesson';

const allReady = (v: LessonView): boolean => Object.keys(v.nodes).length > 0 && Object.values(v.nodes).every((r) => r === 'True');
const upWorkers = (v: LessonView): string[] => v.machines.filter((m) => m.kind === 'worker' && m.up).map((m) => m.name).sort();
/** The up worker running the most web pods (a victim whose loss shows something). */
const busiest = (v: LessonView, not?: string): string | undefined =>
  upWorkers(v).filter((w) => w !== not && runningOn(v, w) > 0).sort((a, b) => runningOn(v, b) - runningOn(v, a) || a.localeCompare(b))[0];
/** Web pods running on nodes other than these. */
const runningElsewhere = (v: LessonView, ...not: string[]): number => v.pods.filter((p) => p.running && !p.terminating && p.name.startsWith('web-') && !not.includes(p.node)).length;

export const terminateVsCrash: Lesson = {
  id: 'terminate-vs-crash',
  title: 'A terminated instance vs a crashed machine',
  topic: 'The cloud-controller-manager: the cloud node lifecycle controller',
  query: 'masters=1&workers=3&seed=14&profile=classroom&cloud=sim',
  intro: 'Every machine is an instance of a (simulated) cloud, and a cloud-controller-manager runs on the master. It talks to the cloud’s API: it initialises new Nodes, and it asks the cloud about Nodes that stop answering. Terminate one worker, crash another, and compare.',
  steps: [
    {
      id: 'terminate',
      say: 'Terminating an instance deletes it in the cloud: the machine and its disk are gone for good. To Kubernetes it first looks like any silent kubelet.',
      ask: (b) => `Terminate the instance ${b.target} (its cloud button).`,
      begin: (v) => {
        const w = allReady(v) && runningApp(v) >= 3 ? busiest(v) : undefined;
        return w ? { target: w, term: 0 } : undefined;
      },
      done: (v, b) => !isUp(v, b.target),
      showMe: (b) => [{ type: 'terminate', machine: b.target }],
    },
    {
      id: 'node-deleted',
      say: 'After the grace period the node is NotReady. The cloud node lifecycle controller asks the cloud whether its instance still exists; the cloud says no, so it deletes the Node (“DeletingNode … because it does not exist in the cloud provider”).',
      ask: (b) => `Wait for the Node ${b.target} to disappear (kubectl get nodes).`,
      begin: (_v, prev) => prev,
      done: (v, b) => v.nodes[b.target] === undefined,
      showMe: () => [],
      waitsFor: 'the node monitor grace period, then the cloud’s answer',
    },
    {
      id: 'replaced',
      say: 'Pods bound to a Node that no longer exists are orphans: the pod garbage collector force-deletes them (after a short quarantine) and the ReplicaSet creates replacements at once, with no toleration to wait for.',
      ask: (b) => `Wait for ${b.target}’s web pods to be gone and replaced (kubectl get pods -o wide).`,
      begin: (_v, prev) => prev,
      done: (v, b) => v.pods.every((p) => p.node !== b.target) && runningElsewhere(v, b.target) >= 3,
      showMe: () => [],
      waitsFor: 'the pod garbage collector',
    },
    {
      id: 'crash',
      say: 'A crash (power loss, a kernel panic) stops the machine, but its instance still exists in the cloud: it can be booted again with its disk.',
      ask: (b) => `Crash ${b.target} (Kill).`,
      begin: (v, prev) => {
        const w = busiest(v, prev?.target);
        return w && prev ? { target: w, term: 0 } : undefined;
      },
      done: (v, b) => !isUp(v, b.target),
      showMe: (b) => [{ type: 'kill', machine: b.target }],
    },
    {
      id: 'node-stays',
      say: 'The node turns NotReady and is tainted unreachable:NoExecute. The cloud node lifecycle controller asks the cloud again: this instance exists (only stopped answering), so the Node stays.',
      ask: (b) => `Wait for ${b.target} to turn NotReady: its Node stays in kubectl get nodes.`,
      begin: (_v, prev) => prev,
      done: (v, b) => v.nodes[b.target] !== undefined && v.nodes[b.target] !== 'True',
      showMe: () => [],
      waitsFor: 'the node monitor grace period',
    },
    {
      id: 'toleration',
      say: 'Its pods are still bound to an existing Node, so nothing deletes them: they wait for their toleration of the taint (30 s here, 300 s by default) before the taint manager evicts them and replacements start.',
      ask: () => 'Wait for the 3 web pods to run on the surviving workers.',
      begin: (_v, prev) => prev,
      done: (v, b) => v.nodes[b.target] !== undefined && runningElsewhere(v, b.target) >= 3,
      showMe: () => [],
      waitsFor: 'the pods’ toleration of the taint',
    },
  ],
  outro: 'Terminated: the Node is deleted and the pods replaced as soon as the cloud confirms the instance is gone. Crashed: the Node stays NotReady (the machine may come back) and its pods wait for the toleration. Without a cloud, Kubernetes cannot tell the two apart.',
};
