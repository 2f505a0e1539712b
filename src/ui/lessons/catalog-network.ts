// Lessons on the pod network: a pod CIDR per node, an IP per pod, and Services that
// kube-proxy turns into rules. Today the lesson reads it all from kubectl; the graph's
// pod-network overlay (issue 12, "network") will draw the same facts.
// TODO(network overlay): once the overlay's data-testids land, ring the node's CIDR and
// the Service's arrows in these steps (set `target` to what the overlay names).

import { consoleLine } from './catalog-scheduling';
import { WEB_SERVICE, webRulesEverywhere } from './catalog-nodes';
import { answered, runningApp, type Lesson, type LessonView } from './lesson';

const webPods = (v: LessonView) => v.pods.filter((p) => p.name.startsWith('web-') && !p.terminating);

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
        return w && runningApp(v) >= 3 ? { target: w, term: 0 } : undefined;
      },
      done: (v, b) => answered(v, new RegExp(`PodCIDR:\\s+${(v.podCIDRs?.[b.target] ?? '-').replace(/\./g, '\\.')}`)),
      showMe: (b) => [consoleLine(`kubectl describe node ${b.target}`)],
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
      id: 'service',
      say: 'Pod IPs come and go with the pods. A Service gives them one stable virtual IP (a ClusterIP from 10.96.0.0/12); kube-proxy on every node maps it to the ready pods’ IPs.',
      ask: () => 'Create the Service web (kubectl apply -f - with a Service, port 80, selector app=web): kubectl get svc shows its CLUSTER-IP.',
      begin: (_v, prev) => prev,
      done: (v) => webRulesEverywhere(v, 3),
      showMe: () => [consoleLine('kubectl apply -f -', WEB_SERVICE)],
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
        return p && webRulesEverywhere(v, 3) ? { target: p, term: 0 } : undefined;
      },
      done: (v, b) => !v.pods.some((p) => p.name === b.target) && runningApp(v) >= 3 && webRulesEverywhere(v, 3),
      showMe: (b) => [consoleLine(`kubectl delete pod ${b.target}`)],
    },
  ],
  outro: 'One IP per pod, one /24 per node, one stable IP per Service: the CNI plugin builds the pod network, kube-proxy the Services on top of it.',
};
