// kubectl and etcdctl in the console against a running cluster (classroom profile, one
// master and two workers): real output shapes and real error texts.

import { beforeAll, describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../../host/in-process';
import type { CommandResult } from '../../sim/process';
import { etcdctl, kubeCluster, kubectl, output, pods, runUntilTrue } from '../../host/testing/cluster';

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
`;

let nextId = 5_000_000;

describe('the console against a live cluster', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: console\nseed: 4\nuntil: 1h\ntopology: { etcd: stacked, masters: 1, workers: 2, workerLabels: { worker-1: { disk: ssd } } }\n');
    c.runUntil(15_000);
  });

  it('kubectl get nodes: three Ready nodes, the master with its role', () => {
    const out = output(kubectl(c, 'kubectl get nodes'));
    expect(out.split('\n')[0]).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
    expect(out).toMatch(/\nmaster-1\s+Ready\s+control-plane\s+\d+s\s+v1\.31\.4/);
    expect(out).toMatch(/\nworker-1\s+Ready\s+<none>\s+\d+s\s+v1\.31\.4/);
    expect(output(kubectl(c, 'kubectl get nodes -l disk=ssd -o name'))).toBe('node/worker-1');
  });

  it('apply a pasted manifest: created, then unchanged; the pods run on the workers', () => {
    expect(output(kubectl(c, 'kubectl apply -f -', WEB))).toBe('deployment.apps/web created');
    expect(output(kubectl(c, 'kubectl apply -f -', WEB))).toBe('deployment.apps/web unchanged');
    expect(runUntilTrue(c, () => [...pods(c).values()].filter((p) => p.status === 'Running').length === 3, 30_000)).toBe(true);
    for (const p of pods(c).values()) expect(p.node).toMatch(/^worker-/);
    const all = output(kubectl(c, 'kubectl get all')).split('\n\n');
    expect(all.map((t) => t.split('\n')[1]!.split('/')[0])).toEqual(['pod', 'service', 'deployment.apps', 'replicaset.apps']);
    expect(all[2]).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\ndeployment\.apps\/web\s+3\/3\s+3\s+3\s+\d+s$/);
    expect(output(kubectl(c, 'kubectl get all -n kube-node-lease'))).toBe('No resources found in kube-node-lease namespace.');
    expect(output(kubectl(c, 'kubectl get deployments'))).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\nweb\s+3\/3\s+3\s+3\s+\d+s$/);
    const system = output(kubectl(c, 'kubectl get pods -n kube-system'));
    for (const name of ['etcd-master-1', 'kube-apiserver-master-1', 'kube-controller-manager-master-1', 'kube-scheduler-master-1']) expect(system).toMatch(new RegExp(`\\n${name}\\s+1/1\\s+Running`));
  });

  it('leases and events speak Kubernetes', () => {
    expect(output(kubectl(c, 'kubectl get leases -n kube-system'))).toMatch(/\nkube-scheduler\s+master-1_[0-9a-f-]{36}\s/);
    const events = output(kubectl(c, 'kubectl get events'));
    expect(events.split('\n')[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    expect(events).toMatch(/Normal\s+Scheduled\s+pod\/web-[a-z0-9]+-[a-z0-9]{5}\s+Successfully assigned default\/web-/);
    expect(events).toMatch(/Normal\s+ScalingReplicaSet\s+deployment\/web\s+Scaled up replica set web-/);
    const pod = [...pods(c).keys()][0]!;
    const yaml = output(kubectl(c, `kubectl get pod ${pod} -o yaml`));
    expect(yaml).toMatch(/^apiVersion: v1\nkind: Pod\n/);
    expect(yaml).toContain('key: node.kubernetes.io/unreachable');
    expect(yaml).toContain('tolerationSeconds: 30');
    expect(yaml).toContain('serviceAccountName: default');
  });

  it('scale, cordon, drain and uncordon', () => {
    expect(output(kubectl(c, 'kubectl scale deployment web --replicas=4'))).toBe('deployment.apps/web scaled');
    expect(runUntilTrue(c, () => [...pods(c).values()].filter((p) => p.status === 'Running').length === 4, 30_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl cordon worker-1'))).toBe('node/worker-1 cordoned');
    expect(output(kubectl(c, 'kubectl get node worker-1'))).toMatch(/\nworker-1\s+Ready,SchedulingDisabled\s/);
    const drained = kubectl(c, 'kubectl drain worker-1 --ignore-daemonsets', undefined, 120_000);
    expect(output(drained)).toMatch(/^node\/worker-1 already cordoned\n/);
    expect(output(drained)).toMatch(/evicting pod default\/web-/);
    expect(output(drained)).toMatch(/\nnode\/worker-1 drained$/);
    expect(runUntilTrue(c, () => [...pods(c).values()].filter((p) => p.status === 'Running' && p.node === 'worker-2').length === 4, 30_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl uncordon worker-1'))).toBe('node/worker-1 uncordoned');
  });

  it('says what was wrong, in kubectl\'s words', () => {
    expect(output(kubectl(c, 'kubectl get podz'))).toBe('error: the server doesn\'t have a resource type "podz"');
    expect(output(kubectl(c, 'kubectl gte pods'))).toBe('error: unknown command "gte" for "kubectl"\n\nDid you mean this?\n\tget\n\nRun \'kubectl --help\' for usage.');
    expect(output(kubectl(c, 'kubectl get pod nope'))).toBe('Error from server (NotFound): pods "nope" not found');
    expect(output(kubectl(c, 'kubectl apply -f -', 'kind: [oops'))).toMatch(/^error: error parsing STDIN: error converting YAML to JSON: yaml: /);
    expect(output(kubectl(c, 'kubectl apply -f -', WEB.replace('replicas: 3', 'replicas: -1').replace('name: web', 'name: bad')))).toBe(
      'The Deployment "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
    );
    expect(output(kubectl(c, 'kubectl scale deployment web'))).toBe('error: required flag(s) "replicas" not set');
  });

  it('etcdctl sees the objects under /registry, and watches them change', () => {
    const keys = output(etcdctl(c, 'etcdctl get /registry/deployments --prefix --keys-only'));
    expect(keys).toBe('/registry/deployments/default/web');
    const node = output(etcdctl(c, 'etcdctl get /registry/minions/worker-2'));
    expect(node.split('\n')[0]).toBe('/registry/minions/worker-2');
    expect(JSON.parse(node.split('\n')[1]!)).toMatchObject({ kind: 'Node', metadata: { name: 'worker-2' } });
    const id = nextId++;
    c.sim.command('client', 'console', id, { line: 'etcdctl watch /registry/deployments/default/web' });
    c.runUntil(c.sim.now + 500);
    expect(output(kubectl(c, 'kubectl scale deployment web --replicas=2'))).toBe('deployment.apps/web scaled');
    let reply: CommandResult | undefined;
    runUntilTrue(c, () => (reply = c.sim.takeReplies().find((x) => x.id === id)?.result) !== undefined, 20_000);
    expect(output(reply!)).toMatch(/^PUT\n\/registry\/deployments\/default\/web\n\{/);
    expect(output(etcdctl(c, 'etcdctl endpoint status -w table'))).toMatch(/\| https:\/\/master-1:2379 \| [0-9a-f]{16} \| 3\.5\.17\s+\| \d+ kB\s+\| true\s+\|/);
  });

  it('a value written around the apiserver breaks nothing: it is left out of lists and a GET says why', () => {
    expect(output(etcdctl(c, 'etcdctl put /registry/pods/default/fake hello'))).toBe('OK');
    expect(output(etcdctl(c, `etcdctl put /registry/pods/default/half '{"kind":"Pod","metadata":{"name":"half"}}'`))).toBe('OK');
    c.runUntil(c.sim.now + 2000);
    const list = kubectl(c, 'kubectl get pods');
    expect(list.ok).toBe(true);
    expect(output(list)).not.toMatch(/fake|half/);
    expect(output(kubectl(c, 'kubectl get pod fake'))).toBe('Error from server (InternalError): Internal error occurred: the value stored at /registry/pods/default/fake is not a valid Pod (was it written straight into etcd?)');
    expect(output(etcdctl(c, 'etcdctl del /registry/pods/default/fake'))).toBe('1');
    expect(output(etcdctl(c, 'etcdctl del /registry/pods/default/half'))).toBe('1');
    expect(c.sim.trace.filter((e) => e.type === 'process.crash')).toEqual([]);
  });
});
