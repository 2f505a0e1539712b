// Lessons on the pod network: a pod CIDR per node, an IP per pod, and Services that
// kube-proxy turns into rules. Each fact is read from kubectl and then found on the
// graph's overlays (src/ui/network): the routes to each node's CIDR, the Service's shape
// with its arrows to the pods, and the scheduler's why-table for a pod. The steps ring
// them by data-testid (`overlay-network`, `route-<node>`, `overlay-services`,
// `service-<ns>-<name>`, `why-row-<node>`).

import { consoleLine } from './catalog-scheduling';
import { WEB_SERVICE, webRulesEverywhere } from './catalog-nodes';
import { answered, runningApp, type Baseline, type Lesson, type LessonView } from './lesson';

const webPods = (v: LessonView) => v.pods.filter((p) => p.name.startsWith('web-') && !p.terminating);
/** The baseline kept from the step before, ringing other parts of the page. */
const ringing = (prev: Baseline | undefined, ring: readonly string[]): Baseline | undefined => (prev ? { target: prev.target, term: prev.term, ring } : undefined);
/** A running web pod and its node, the first by name (the why step's example). */
const examplePod = (v: LessonView) => webPods(v).filter((p) => p.running && p.node).sort((a, b) => a.name.localeCompare(b.name))[0];

export const podNetwork: Lesson = {
  id: 'pod-network',
  title: 'The pod network',
  topic: 'CNI: a pod CIDR per node, an IP per pod, Services and kube-proxy',
  query: 'masters=1&workers=2&seed=13&profile=classroom',
  intro: 'Kubernetes’ network model: every pod gets its own IP, and every pod can reach every other pod without NAT, on any node. Kubernetes does not build that network itself: a CNI plugin does, on every node.',
  steps: [
    {
      id: 'pod-cidr',
      say: 'The node IPAM controller (in kube-controller-manager) gives every node a slice of the cluster’s pod range 10.244.0.0/16: one /24 each. A node stays NotReady until its CNI has it.',
      ask: (b) => `See ${b.target}’s slice: kubectl describe node ${b.target} (the PodCIDR line).`,
      begin: (v) => {
        const w = Object.keys(v.podCIDRs ?? {}).filter((n) => n.startsWith('worker-') && v.nodes[n] === 'True').sort()[0];
        return w && runningApp(v) >= 3 ? { target: w, term: 0, ring: [`cidr-${w}`] } : undefined;
      },
      done: (v, b) => answered(v, new RegExp(`PodCIDR:\\s+${(v.podCIDRs?.[b.target] ?? '-').replace(/\./g, '\\.')}`)),
      showMe: (b) => [consoleLine(`kubectl describe node ${b.target}`)],
    },
    {
      id: 'routes',
      say: 'For a pod on one node to reach a pod on another, every node needs a route to every other node’s slice. A CNI plugin in host-gw mode (flannel’s, say) installs exactly that on each node: “10.244.1.0/24 via 10.0.0.11”, the node’s own IP. The Pod network overlay draws those routes.',
      ask: (b) => `Switch on “Pod network” (bottom right of the graph): the route to ${b.target}’s slice goes via ${b.target}’s IP.`,
      begin: (_v, prev) => (prev ? ringing(prev, ['overlay-network', `route-${prev.target}`]) : undefined),
      done: (v) => v.overlays?.routes === true,
      showMe: () => [{ type: 'page', overlay: 'routes' }],
    },
    {
      id: 'pod-ips',
      say: 'The CNI plugin gives each new pod an address from its node’s slice. So a pod’s IP tells you its node; other nodes route that /24 to it.',
      ask: () => 'See the pod IPs: kubectl get pods -o wide (the IP and NODE columns).',
      begin: (_v, prev) => prev,
      done: (v) => answered(v, /\bIP\b[\s\S]*\bNODE\b[\s\S]*10\.244\./),
      showMe: () => [consoleLine('kubectl get pods -o wide')],
    },
    {
      id: 'why',
      say: 'And why does a pod run on that node? The scheduler filtered every node (does the pod fit its free CPU and memory, does it tolerate the node’s taints, does it match a nodeSelector?) and scored the ones that passed (the least busy wins, with some spreading). It records the decision; the pod inspector shows it.',
      ask: (b) => `Click a web pod on ${b.target} (or Show me): the pod inspector’s “Why ${b.target}?” table marks the chosen row, with every filter’s verdict.`,
      begin: (v) => {
        const p = examplePod(v);
        return p ? { target: p.node, term: 0, pod: `default/${p.name}`, ring: [`why-row-${p.node}`, `pod-default-${p.name}`] } : undefined;
      },
      done: (v) => (v.inspectedPod ?? '').startsWith('default/web-'),
      showMe: (b) => [{ type: 'page', inspectPod: b.pod ?? '' }],
    },
    {
      id: 'service',
      say: 'Pod IPs come and go with the pods. A Service gives them one stable virtual IP (a ClusterIP from 10.96.0.0/12); kube-proxy on every node maps it to the ready pods’ IPs.',
      ask: () => 'Create the Service web (kubectl apply -f - with a Service, port 80, selector app=web): kubectl get svc shows its CLUSTER-IP.',
      begin: (_v, prev) => (prev ? { target: prev.target, term: prev.term } : undefined),
      done: (v) => webRulesEverywhere(v, 3),
      showMe: () => [consoleLine('kubectl apply -f -', WEB_SERVICE)],
    },
    {
      id: 'services-overlay',
      say: 'The Services overlay draws web as a shape with its ClusterIP, and an arrow to each pod the kube-proxies send its traffic to: what their rules say, not what the API wishes (an arrow is dashed while some node’s rules still lag).',
      ask: () => 'Switch on “Services” (bottom right of the graph): web’s ClusterIP and its arrows to the 3 pods.',
      // No machine ringed: the Service is everywhere, its shape is what to look at.
      begin: () => ({ target: '', term: 0, ring: ['overlay-services', 'service-default-web'] }),
      done: (v) => v.overlays?.services === true,
      showMe: () => [{ type: 'page', overlay: 'services' }],
    },
    {
      id: 'endpoints',
      say: 'The EndpointSlice controller lists the ready pods behind the Service. That list is what every kube-proxy programs.',
      ask: () => 'See the endpoints: kubectl get endpointslices (the pod IPs behind web).',
      begin: (_v, prev) => prev,
      done: (v) => answered(v, /ENDPOINTS[\s\S]*10\.244\.\d+\.\d+,10\.244\./) || answered(v, /Endpoints:\s+10\.244\./),
      showMe: () => [consoleLine('kubectl get endpointslices')],
    },
    {
      id: 'new-ip',
      say: 'A replacement pod gets a new IP. The Service’s IP stays; the endpoints and every node’s rules follow the change.',
      ask: (b) => `Delete a pod: kubectl delete pod ${b.target}. Its replacement gets a new IP (kubectl get pods -o wide).`,
      begin: (v) => {
        const p = webPods(v).map((x) => x.name).sort()[0];
        return p && webRulesEverywhere(v, 3) ? { target: p, term: 0, ring: ['service-default-web', `pod-default-${p}`] } : undefined;
      },
      done: (v, b) => !v.pods.some((p) => p.name === b.target) && runningApp(v) >= 3 && webRulesEverywhere(v, 3),
      showMe: (b) => [consoleLine(`kubectl delete pod ${b.target}`)],
    },
  ],
  outro: 'One IP per pod, one /24 per node with a route to it on every other node, one stable IP per Service: the CNI plugin builds the pod network, kube-proxy the Services on top of it, and the scheduler chose each pod’s node (and so its IP’s slice).',
};
