// The pod network's routes, Services as the kube-proxies programmed them, and the
// scheduler's "why" as the pod inspector reads them: pure cases, then a live cluster
// (classroom profile) where a Service's endpoint leaves every live kube-proxy's rules
// when its pod's node dies, and a cut-off node's kube-proxy is left stale.

import { beforeAll, describe, expect, it } from 'vitest';
import type { MachineState } from '../../protocol/frames';
import type { KubeProxyView, NodeSummary, PodSummary } from '../../protocol/kube-views';
import type { InProcessCluster } from '../../host/in-process';
import { kubeCluster, kubectl, output, runUntilTrue } from '../../host/testing/cluster';
import { bridgeAddress, clusterCidr, nodeRoutes, routeTable } from './pod-network';
import { isStale, serviceShapes } from './service-map';
import { filterCells, whyScheduled } from './why';

const nodeSummary = (name: string, cidr: string, ip?: string): NodeSummary => ({ name, ready: 'True', unschedulable: false, taints: [], podCIDR: cidr, labels: {}, ...(ip ? { internalIP: ip } : {}) });

describe('pod network routes', () => {
  const nodes = [nodeSummary('worker-2', '10.244.2.0/24', '10.0.0.32'), nodeSummary('master-1', '10.244.0.0/24', '10.0.0.11'), nodeSummary('worker-1', '10.244.1.0/24', '10.0.0.31'), nodeSummary('worker-3', '', '10.0.0.33')];

  it('one route per node with a CIDR, via its InternalIP; a node without a CIDR has none yet', () => {
    expect(nodeRoutes(nodes).map((r) => `${r.node} ${r.cidr} via ${r.via}`)).toEqual(['master-1 10.244.0.0/24 via 10.0.0.11', 'worker-1 10.244.1.0/24 via 10.0.0.31', 'worker-2 10.244.2.0/24 via 10.0.0.32']);
    expect(clusterCidr(nodeRoutes(nodes))).toBe('10.244.0.0/16');
    expect(bridgeAddress('10.244.7.0/24')).toBe('10.244.7.1');
  });

  it("a node's table as host-gw leaves it: the others' CIDRs via their IPs, its own on cni0", () => {
    expect(routeTable('worker-1', nodeRoutes(nodes))).toEqual([
      '10.244.0.0/24 via 10.0.0.11 dev eth0',
      '10.244.1.0/24 dev cni0 proto kernel scope link src 10.244.1.1',
      '10.244.2.0/24 via 10.0.0.32 dev eth0',
    ]);
    expect(routeTable('worker-3', nodeRoutes(nodes))).toEqual([]);
  });
});

const proxy = (rules: KubeProxyView['rules']): KubeProxyView => ({ kind: 'kube-proxy', synced: true, rules });
const rule = (eps: [string, string, string][]) => ({ service: 'default/web', clusterIP: '10.96.4.2', port: 80, protocol: 'TCP', type: 'ClusterIP', endpoints: eps.map(([a]) => a) });
/** The API's pods behind the endpoints: the address's IP, its name and node. */
const apiPods = (eps: [string, string, string][]): PodSummary[] => eps.map(([address, pod, node]) => ({
  namespace: 'default', name: pod.split('/')[1]!, node, phase: 'Running', terminating: false, ready: true, restarts: 0, mirror: false, ip: address.split(':')[0]!,
}));

describe('Services from the kube-proxies', () => {
  it('one shape per Service, its endpoints the union of the rules, stale where the proxies disagree', () => {
    const a: [string, string, string] = ['10.244.1.2:80', 'default/web-a', 'worker-1'];
    const b: [string, string, string] = ['10.244.2.2:80', 'default/web-b', 'worker-2'];
    const machines: Record<string, MachineState> = {
      'worker-1': { name: 'worker-1', kind: 'worker', status: 'up', processes: { 'kube-proxy': proxy([rule([a])]) } },
      'worker-3': { name: 'worker-3', kind: 'worker', status: 'up', processes: { 'kube-proxy': proxy([rule([a, b])]) } },
      'worker-2': { name: 'worker-2', kind: 'worker', status: 'down', processes: { 'kube-proxy': proxy([rule([b])]) } },
    };
    const [web, ...rest] = serviceShapes(machines, apiPods([a, b]));
    expect(rest).toEqual([]);
    expect(web).toMatchObject({ key: 'default/web', name: 'web', type: 'ClusterIP', clusterIP: '10.96.4.2', ports: ['80/TCP'], programmedOn: ['worker-1', 'worker-3'], proxies: 2 });
    expect(web!.endpoints.map((e) => [e.pod, e.node, e.on, e.missing, isStale(e)])).toEqual([
      ['default/web-a', 'worker-1', ['worker-1', 'worker-3'], [], false],
      ['default/web-b', 'worker-2', ['worker-3'], ['worker-1'], true],
    ]);
    expect(serviceShapes(machines, apiPods([a, b]), ['default/web'])).toEqual([]);
    // An address no pod in the API has (a stale kube-proxy's deleted pod): no arrow target.
    expect(serviceShapes(machines, apiPods([a]))[0]!.endpoints.map((e) => [e.key, e.pod])).toEqual([['10.244.2.2', undefined], ['default/web-a', 'default/web-a']]);
  });

  it('shows the external IP of a LoadBalancer Service when its status has one', () => {
    const lb = { ...rule([]), type: 'LoadBalancer', externalIP: '203.0.113.10' };
    const [s] = serviceShapes({ 'worker-1': { name: 'worker-1', kind: 'worker', status: 'up', processes: { 'kube-proxy': proxy([lb]) } } }, []);
    expect(s).toMatchObject({ type: 'LoadBalancer', externalIP: '203.0.113.10', endpoints: [] });
  });
});

describe('filter cells', () => {
  const plugins = ['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodeResourcesFit'];
  it('passed before the failing plugin, not run after it', () => {
    expect(filterCells(plugins, { plugin: 'TaintToleration', status: 'UnschedulableAndUnresolvable', reasons: ['x'] }).map((c) => c.verdict)).toEqual(['pass', 'pass', 'fail', 'not run', 'not run']);
    expect(filterCells(plugins, undefined).every((c) => c.verdict === 'pass')).toBe(true);
  });
});

const machineStates = (c: InProcessCluster, down: readonly string[] = []): Record<string, MachineState> => {
  const out: Record<string, MachineState> = {};
  for (const [name, v] of c.views()) out[name] = { name, kind: name.startsWith('master') ? 'master' : 'worker', status: down.includes(name) ? 'down' : 'up', processes: v.processes };
  return out;
};

const apiPodsOf = (c: InProcessCluster): readonly PodSummary[] => {
  for (const v of c.views().values()) {
    const api = v.processes['kube-apiserver'] as { cluster?: { pods: readonly PodSummary[] } } | undefined;
    if (api?.cluster) return api.cluster.pods;
  }
  return [];
};

const summaryPod = (c: InProcessCluster, name: string): PodSummary | undefined => apiPodsOf(c).find((x) => x.name === name);

describe('on a live cluster', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: net\nseed: 12\nuntil: 1h\ntopology: { masters: 1, workers: 3, workerLabels: { worker-1: { disk: ssd } } }\n');
    c.runUntil(10_000);
  });

  it("the pod inspector's table: every node with the filter that rejected it, the scores of those that passed, the node chosen", () => {
    const ssd = 'apiVersion: v1\nkind: Pod\nmetadata: { name: fast }\nspec: { nodeSelector: { disk: ssd }, containers: [ { name: c, image: "nginx:1.27" } ] }\n';
    expect(output(kubectl(c, 'kubectl apply -f -', ssd))).toBe('pod/fast created');
    expect(runUntilTrue(c, () => summaryPod(c, 'fast')?.node === 'worker-1', 20_000)).toBe(true);
    const why = whyScheduled(machineStates(c), summaryPod(c, 'fast')!);
    expect(why.note).toBe('');
    expect(why.by).toBe('master-1');
    const d = why.decision!;
    expect(d.node).toBe('worker-1');
    expect(d.rows.map((r) => r.node)).toEqual(['master-1', 'worker-1', 'worker-2', 'worker-3']);
    expect(d.rows[0]!.failed).toEqual({ plugin: 'TaintToleration', status: 'UnschedulableAndUnresolvable', reasons: ['node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }'] });
    expect(d.rows[2]!.failed?.plugin).toBe('NodeAffinity');
    expect(d.rows[3]!.failed?.reasons).toEqual(["node(s) didn't match Pod's node affinity/selector"]);
    const chosen = d.rows[1]!;
    expect(chosen.failed).toBeUndefined();
    expect(chosen.total).toBe(chosen.scores!.reduce((s, x, i) => s + why.scorePlugins[i]!.weight * x, 0));
    expect(why.filterPlugins).toEqual(['NodeUnschedulable', 'NodeName', 'TaintToleration', 'NodeAffinity', 'NodeResourcesFit']);
  });

  it('an unschedulable pod shows the same table with the FitError message its condition carries', () => {
    const nvme = 'apiVersion: v1\nkind: Pod\nmetadata: { name: nowhere }\nspec: { nodeSelector: { disk: nvme }, containers: [ { name: c, image: "nginx:1.27" } ] }\n';
    expect(output(kubectl(c, 'kubectl apply -f -', nvme))).toBe('pod/nowhere created');
    expect(runUntilTrue(c, () => (summaryPod(c, 'nowhere')?.reason ?? '').startsWith('0/4'), 20_000)).toBe(true);
    const why = whyScheduled(machineStates(c), summaryPod(c, 'nowhere')!);
    expect(why.decision?.node).toBeUndefined();
    expect(why.decision?.message).toBe("0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.");
    expect(summaryPod(c, 'nowhere')!.reason).toBe(why.decision!.message);
    expect(why.decision!.rows).toHaveLength(4);
    expect(why.decision!.rows.every((r) => r.failed && r.total === undefined)).toBe(true);
  });

  it("a static pod has no scheduler's reasons", () => {
    const apiserverPod = summaryPod(c, 'kube-apiserver-master-1')!;
    expect(whyScheduled(machineStates(c), apiserverPod).note).toMatch(/^A static pod: the kubelet on master-1/);
  });

  it("a Service's endpoint leaves the live kube-proxies' rules when its pod's node dies; a cut-off node's kube-proxy stays stale", () => {
    const web = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web }
spec:
  replicas: 3
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [ { name: nginx, image: "nginx:1.27" } ] }
---
apiVersion: v1
kind: Service
metadata: { name: web }
spec: { selector: { app: web }, ports: [ { port: 80, targetPort: 80 } ] }
`;
    kubectl(c, 'kubectl apply -f -', web);
    const shape = (down: readonly string[] = []) => serviceShapes(machineStates(c, down), apiPodsOf(c), ['default/kubernetes']).find((s) => s.key === 'default/web');
    expect(runUntilTrue(c, () => shape()?.endpoints.length === 3 && shape()!.endpoints.every((e) => !isStale(e) && e.on.length === 4), 30_000)).toBe(true);
    expect(shape()!.clusterIP).toMatch(/^10\.9[6-9]\./);
    for (const e of shape()!.endpoints) expect(e.addresses[0]).toBe(`${summaryPod(c, e.pod!.split('/')[1]!)!.ip}:80`);
    const victim = shape()!.endpoints.find((e) => e.node !== undefined)!.node!;
    const bystander = ['worker-1', 'worker-2', 'worker-3'].find((w) => w !== victim)!;
    const victimPods = shape()!.endpoints.filter((e) => e.node === victim).map((e) => e.key);
    c.sim.inject({ kind: 'isolate', target: bystander }, 'test');
    c.sim.inject({ kind: 'kill', target: victim }, 'test');
    // The node goes NotReady after the grace period (16 s in the classroom profile), its
    // pods' Ready turns False and the EndpointSlice controller drops them: every live
    // kube-proxy that still hears the API stops sending to them.
    const dropped = () => {
      const s = shape([victim]);
      return s !== undefined && victimPods.every((k) => s.endpoints.find((e) => e.key === k)?.on.every((n) => n === bystander));
    };
    expect(runUntilTrue(c, dropped, 60_000)).toBe(true);
    const stale = shape([victim])!.endpoints.filter((e) => victimPods.includes(e.key));
    expect(stale.every((e) => isStale(e) && e.on.join() === bystander && e.missing.includes('master-1'))).toBe(true);
  });
});
