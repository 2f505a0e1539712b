// Lessons on how a pod gets to a node: the scheduler and a nodeSelector (disk=ssd).
// worker-1 carries the label disk=ssd on every page (DEFAULT_WORKER_LABELS).

import type { UiCommand } from '../../protocol/commands';
import { answersMatching, runningApp, runningOn, type Lesson, type LessonView } from './lesson';
import { deploymentManifest } from '../kube/manifests';

/** A console line sent the way the console sends it (the answer is not awaited: the
 * checkpoint reads the cluster, or the answer among the store's replies; negative ids,
 * one per line, never collide with the console's own). */
let lessonLineId = 0;
export const consoleLine = (line: string, stdin?: string): UiCommand => ({ type: 'console', id: --lessonLineId, line, ...(stdin !== undefined ? { stdin } : {}) });


const SSD = 'worker-1';
const OTHER = 'worker-2';
const nodeReady = (v: LessonView, n: string): boolean => v.nodes[n] === 'True';
/** The db pods the scheduler could not place, with its FitError message. */
const unschedulable = (v: LessonView, prefix: string) => v.pods.filter((p) => p.name.startsWith(prefix) && p.node === '' && !p.terminating && (p.reason ?? '').includes('nodes are available'));

export const schedulerSsd: Lesson = {
  id: 'scheduler-ssd',
  title: 'The scheduler and disk=ssd',
  topic: 'The scheduler: filtering nodes by labels (nodeSelector), cordon, and Pending pods',
  query: 'masters=1&workers=2&seed=4&profile=classroom',
  intro: `One master, two workers. ${SSD} carries the label disk=ssd (kubectl get nodes -l disk=ssd); worker-2 does not. The scheduler picks a node for every new pod: first it filters out the nodes that cannot take it, then it scores the rest.`,
  steps: [
    {
      id: 'apply-db',
      say: 'A pod that asks for nodeSelector disk=ssd fits only a node with that label. Every other node is filtered out, however idle it is.',
      ask: () => `Create the Deployment db (2 replicas, nodeSelector disk=ssd): kubectl apply -f - with its manifest (or the Workloads form with node selector disk=ssd). Both pods land on ${SSD}.`,
      begin: (v) => (nodeReady(v, SSD) ? { target: SSD, term: 0 } : undefined),
      done: (v) => runningApp(v, 'db-') >= 2 && runningOn(v, SSD, 'db-') === runningApp(v, 'db-'),
      showMe: () => [consoleLine('kubectl apply -f -', deploymentManifest('db', 'postgres:16', 2, { disk: 'ssd' }))],
    },
    {
      id: 'cordon',
      say: 'Cordoning marks a node unschedulable: the pods already there keep running, but the scheduler sends it no new ones. Admins do it before maintenance.',
      ask: (b) => `Cordon ${b.target}: kubectl cordon ${b.target}`,
      begin: (_v, prev) => prev,
      done: (v, b) => (v.cordoned ?? []).includes(b.target),
      showMe: (b) => [consoleLine(`kubectl cordon ${b.target}`)],
    },
    {
      id: 'pending',
      say: 'Now no node passes the filters: the master is tainted control-plane, worker-2 has no disk=ssd, worker-1 is unschedulable. The new pod stays Pending and the scheduler writes why on it (the FitError: "0/3 nodes are available: …"). kubectl describe pod shows it under Events.',
      ask: () => 'Ask for a third db pod: kubectl scale deployment db --replicas=3. Then look at kubectl get pods: one db pod stays Pending.',
      begin: (_v, prev) => prev,
      done: (v) => unschedulable(v, 'db-').length > 0,
      showMe: () => [consoleLine('kubectl scale deployment db --replicas=3')],
    },
    {
      id: 'why-pending',
      say: 'kube-scheduler records each decision: every node, every filter plugin’s verdict, and the plugin that rejected it. The pod inspector draws that record as a table, the same facts as the FitError’s one line.',
      ask: (b) => `Click the Pending pod ${(b.pod ?? '').replace(/^default\//, '')} (or Show me): its why-table rejects every node, each for its own reason (NodeUnschedulable, NodeAffinity, TaintToleration).`,
      begin: (v, prev) => {
        const p = unschedulable(v, 'db-').map((x) => x.name).sort()[0];
        return p && prev ? { target: prev.target, term: prev.term, pod: `default/${p}`, ring: [`pod-default-${p}`, ...Object.keys(v.nodes).sort().map((n) => `why-row-${n}`)] } : undefined;
      },
      done: (v, b) => v.inspectedPod === b.pod,
      showMe: (b) => [{ type: 'page', inspectPod: b.pod ?? '' }],
    },
    {
      id: 'uncordon',
      say: 'The scheduler retries a Pending pod whenever a node changes. Make worker-1 schedulable again and the pod is placed at once (the why-table turns into “Why worker-1?”).',
      ask: (b) => `Uncordon ${b.target}: kubectl uncordon ${b.target}. The third db pod runs there.`,
      begin: (_v, prev) => prev,
      done: (v, b) => !(v.cordoned ?? []).includes(b.target) && runningOn(v, b.target, 'db-') >= 3,
      showMe: (b) => [consoleLine(`kubectl uncordon ${b.target}`)],
    },
    {
      id: 'label',
      say: 'A label is not fixed at install: kubectl label changes a live Node object, and the scheduler reads it for the next pod it places. The pods already running stay where they are.',
      ask: () => `Give ${OTHER} the label too: kubectl label node ${OTHER} disk=ssd (kubectl get nodes -l disk=ssd now lists both workers).`,
      begin: (_v, prev) => prev,
      done: (v) => answersMatching(v, new RegExp(`^node/${OTHER} (not )?labeled$`)).length > 0,
      showMe: () => [consoleLine(`kubectl label node ${OTHER} disk=ssd`)],
    },
    {
      id: 'spread',
      say: 'Two nodes pass the filters now. Scoring picks between them: the emptier node (NodeResourcesFit) and the one with fewer db pods (PodTopologySpread) score higher than the one that already has the image.',
      ask: () => `Ask for a fourth db pod: kubectl scale deployment db --replicas=4. It lands on ${OTHER}.`,
      begin: (_v, prev) => prev,
      done: (v) => runningOn(v, OTHER, 'db-') >= 1,
      showMe: () => [consoleLine('kubectl scale deployment db --replicas=4')],
    },
  ],
  outro: 'The scheduler filters then scores: a label the pod insists on (nodeSelector) beats free capacity elsewhere, a pod that fits nowhere waits, Pending, with the reason written on it, and a label added later (kubectl label) counts from the next pod on.',
};
