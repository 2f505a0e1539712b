// Lessons on the nodes: the smallest common cluster (1 master + 2 workers) and what
// runs where, and the three agents on every node (kubelet, container runtime,
// kube-proxy): what each does, and what their machine's failure does.

import { consoleLine } from './catalog-scheduling';
import { answered, answersMatching, etcdLeaderHost, isUp, proxyEndpoints, runningApp, runningOn, type Lesson, type LessonView } from './lesson';

const MASTER = 'master-1';
const workers = (v: LessonView) => v.machines.filter((m) => m.kind === 'worker').map((m) => m.name).sort();
const allReady = (v: LessonView): boolean => Object.keys(v.nodes).length > 0 && Object.values(v.nodes).every((r) => r === 'True');
const failures = (v: LessonView): number => answersMatching(v, /./, false).length;

export const smallClusterTour: Lesson = {
  id: 'small-cluster',
  title: '1 master + 2 workers: what runs where',
  topic: 'The common set-up: one master with the control plane, two workers with the pods',
  query: 'masters=1&workers=2&seed=11&profile=classroom',
  intro: 'The most common small cluster: one master and two workers, each its own machine. The master runs the control plane: kube-apiserver, etcd, kube-scheduler, kube-controller-manager. Every node, the master too, runs a kubelet, a container runtime (containerd) and kube-proxy.',
  steps: [
    {
      id: 'nodes',
      say: 'Three machines, three Nodes in the API. The master carries the role control-plane; the workers have no role.',
      ask: () => 'List the nodes: kubectl get nodes',
      begin: (v) => (allReady(v) && etcdLeaderHost(v) ? { target: MASTER, term: 0 } : undefined),
      done: (v) => answered(v, /NAME\s+STATUS\s+ROLES[\s\S]*control-plane/),
      showMe: () => [consoleLine('kubectl get nodes')],
    },
    {
      id: 'control-plane',
      say: 'The control plane runs as static pods: the master’s kubelet starts them from files in /etc/kubernetes/manifests, before any API exists. They use the machine’s own address.',
      ask: (b) => `See the control plane on ${b.target}: kubectl get pods -n kube-system -o wide`,
      begin: (_v, prev) => prev,
      done: (v) => answered(v, /kube-apiserver-master-1/),
      showMe: () => [consoleLine('kubectl get pods -n kube-system -o wide')],
    },
    {
      id: 'workloads',
      say: 'The master is tainted node-role.kubernetes.io/control-plane:NoSchedule, so the scheduler puts the applications on the workers.',
      ask: () => 'See where the web pods run: kubectl get pods -o wide (the NODE column).',
      begin: (v, prev) => (runningApp(v) >= 3 ? prev : undefined),
      done: (v) => answered(v, /NODE[\s\S]*web-[\s\S]*worker-/),
      showMe: () => [consoleLine('kubectl get pods -o wide')],
    },
    {
      id: 'kill-master',
      say: 'One master means one apiserver and one etcd member: no majority to fall back on. It is the cluster’s single point of failure.',
      ask: (b) => `Kill ${b.target}.`,
      begin: (v, prev) => (prev ? { ...prev, count: failures(v) } : undefined),
      done: (v, b) => !isUp(v, b.target),
      showMe: (b) => [{ type: 'kill', machine: b.target }],
    },
    {
      id: 'api-gone',
      say: 'The API is gone: kubectl cannot reach it, nothing can be created, scaled or repaired. But the workers’ kubelets keep their containers running: the web pods still serve.',
      ask: () => 'Try kubectl get pods: it fails. The web pods on the workers keep running.',
      begin: (v, prev) => (prev ? { ...prev, count: failures(v) } : undefined),
      done: (v, b) => failures(v) > (b.count ?? 0) && workers(v).reduce((n, w) => n + runningOn(v, w), 0) >= 3,
      showMe: () => [consoleLine('kubectl get pods')],
    },
    {
      id: 'boot-master',
      say: 'etcd’s data is on the master’s disk, so a reboot brings everything back. A lost disk would lose the cluster: take snapshots (see the lesson on snapshots), or run 3 masters (HA).',
      ask: (b) => `Boot ${b.target} again and wait for all nodes Ready.`,
      begin: (_v, prev) => prev,
      done: (v, b) => isUp(v, b.target) && etcdLeaderHost(v) !== undefined && allReady(v),
      showMe: (b) => [{ type: 'restart', machine: b.target }],
    },
  ],
  outro: 'One master runs the control plane, the workers run the pods. The pods survive the master’s death, but nothing can change until it is back.',
};

const CRASH_MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: crash
spec:
  replicas: 1
  selector:
    matchLabels:
      app: crash
  template:
    metadata:
      labels:
        app: crash
    spec:
      containers:
        - name: crash
          image: busybox:1.36
          command: ["sh", "-c", "exit 1"]
`;

export const WEB_SERVICE = `apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector:
    app: web
  ports:
    - port: 80
      targetPort: 80
`;

/** A worker's pod CIDR as a prefix its pod IPs start with ("10.244.1.0/24" → "10.244.1."). */
const cidrPrefix = (cidr: string | undefined): string | undefined => (cidr?.endsWith('.0/24') ? cidr.slice(0, -'0/24'.length) : undefined);

/** Every live kube-proxy has a rule for default/web, with `n` endpoints, none on `avoid`'s pod CIDR. */
export function webRulesEverywhere(v: LessonView, n: number, avoid?: string): boolean {
  const lists = proxyEndpoints(v, 'default/web');
  const prefix = cidrPrefix(avoid ? v.podCIDRs?.[avoid] : undefined);
  return lists.length > 0 && lists.every((eps) => eps.length === n && (!prefix || eps.every((e) => !e.startsWith(prefix))));
}

const busiest = (v: LessonView): string | undefined => workers(v).filter((w) => isUp(v, w)).sort((a, b) => runningOn(v, b) - runningOn(v, a) || a.localeCompare(b))[0];

export const nodeAgents: Lesson = {
  id: 'node-agents',
  title: 'kubelet, container runtime, kube-proxy',
  topic: 'The node components: the kubelet, the container runtime and kube-proxy on every node',
  query: 'masters=1&workers=2&seed=12&profile=classroom',
  intro: 'Every node runs three agents (the chips on each card). The kubelet registers the node and runs the pods bound to it. The container runtime (containerd) starts and stops the containers for it. kube-proxy turns Services into rules on the node.',
  steps: [
    {
      id: 'crash-loop',
      say: 'The kubelet asks the runtime to start each container and watches it. When a container exits, the kubelet starts it again, waiting longer each time (10 s doubling to 5 min; 2 s to 40 s here): CrashLoopBackOff.',
      ask: () => 'Apply a Deployment crash whose container exits at once (busybox, sh -c "exit 1") and watch its pod: kubectl get pods.',
      begin: (v) => (allReady(v) && runningApp(v) >= 3 ? { target: busiest(v) ?? 'worker-1', term: 0 } : undefined),
      done: (v) => v.pods.some((p) => p.name.startsWith('crash-') && p.reason === 'CrashLoopBackOff'),
      showMe: () => [consoleLine('kubectl apply -f -', CRASH_MANIFEST)],
    },
    {
      id: 'proxy-rules',
      say: 'A Service gets a stable virtual IP (its ClusterIP). kube-proxy on every node watches Services and EndpointSlices and programs the node: traffic to the ClusterIP goes to one of the ready pods.',
      ask: () => 'Create the Service web (kubectl apply -f - with a Service, port 80, selector app=web), then see its endpoints: kubectl describe service web',
      begin: (_v, prev) => prev,
      done: (v) => webRulesEverywhere(v, 3),
      showMe: () => [consoleLine('kubectl apply -f -', WEB_SERVICE)],
    },
    {
      id: 'kill-node',
      say: 'The three agents live and die with their machine. With the kubelet gone, nobody renews the node’s Lease; the containers stop with the machine.',
      ask: (b) => `Kill ${b.target}, the worker running the most web pods.`,
      begin: (v) => {
        const w = busiest(v);
        return w && webRulesEverywhere(v, 3) ? { target: w, term: 0 } : undefined;
      },
      done: (v, b) => !isUp(v, b.target),
      showMe: (b) => [{ type: 'kill', machine: b.target }],
    },
    {
      id: 'endpoints-follow',
      say: 'After the grace period the node turns NotReady and its pods are marked not ready. The EndpointSlice controller drops them, and every other kube-proxy rewrites its rules: no traffic is sent to the dead node.',
      ask: (b) => `Wait: kube-proxy on the other nodes stops sending web traffic to ${b.target} (kubectl describe service web: the Endpoints shrink, then grow back as replacements start).`,
      begin: (_v, prev) => prev,
      done: (v, b) => v.nodes[b.target] !== undefined && v.nodes[b.target] !== 'True' && proxyEndpoints(v, 'default/web').every((eps) => eps.length > 0) && webRulesEverywhere(v, proxyEndpoints(v, 'default/web')[0]?.length ?? 0, b.target),
      showMe: () => [],
      waitsFor: 'the node monitor grace period',
    },
    {
      id: 'boot-node',
      say: 'Booting the machine starts containerd, the kubelet and kube-proxy again. The kubelet renews the node Lease and reports Ready; kube-proxy lists the Services and rebuilds its rules.',
      ask: (b) => `Boot ${b.target} again and watch it turn Ready.`,
      begin: (_v, prev) => prev,
      done: (v, b) => isUp(v, b.target) && v.nodes[b.target] === 'True' && (v.proxyRules?.[b.target] ?? []).some((r) => r.service === 'default/web'),
      showMe: (b) => [{ type: 'restart', machine: b.target }],
    },
  ],
  outro: 'kubelet: the node’s agent for the API. Runtime: the containers. kube-proxy: the Services. A node is only as alive as its kubelet’s last report.',
};
