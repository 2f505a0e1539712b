// More of kubectl as people type it: describe without a name or with a name prefix,
// apply's three-way merge (drift is configured back, a pod's fixed spec is refused), the
// version a kind is served in, --show-labels, commands this console does not run, and
// what a fresh cluster has (the kubernetes Service, cordon's taint, events signed by the
// controller that wrote them).

import { beforeAll, describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../../host/in-process';
import { kubeCluster, kubectl, output, runUntilTrue } from '../../host/testing/cluster';

const WEB = (replicas: number, extra = '') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: ${replicas}
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27${extra}
`;

describe('kubectl forms on a live cluster', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: forms\nseed: 11\nuntil: 1h\ntopology: { etcd: stacked, masters: 1, workers: 2 }\n');
    c.runUntil(15_000);
  });

  it('a fresh cluster has the kubernetes Service', () => {
    expect(output(kubectl(c, 'kubectl get svc'))).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\nkubernetes\s+ClusterIP\s+10\.96\.0\.1\s+<none>\s+443\/TCP\s+\d+s$/);
  });

  it('apply merges three ways: drift from scale is configured back, an unchanged manifest is unchanged', () => {
    expect(output(kubectl(c, 'kubectl apply -f -', WEB(3)))).toBe('deployment.apps/web created');
    expect(output(kubectl(c, 'kubectl scale deploy web --replicas=5'))).toBe('deployment.apps/web scaled');
    expect(output(kubectl(c, 'kubectl apply -f -', WEB(3)))).toBe('deployment.apps/web configured');
    expect(output(kubectl(c, 'kubectl get deploy web -o yaml'))).toMatch(/\n {2}replicas: 3\n/);
    expect(output(kubectl(c, 'kubectl apply -f -', WEB(3)))).toBe('deployment.apps/web unchanged');
    // Defaults the apiserver filled in survive a re-apply.
    expect(output(kubectl(c, 'kubectl get deploy web -o yaml'))).toMatch(/imagePullPolicy: IfNotPresent/);
  });

  it('apply on an object made by create warns that the annotation was missing', () => {
    expect(output(kubectl(c, 'kubectl create deployment api --image=nginx:1.27'))).toBe('deployment.apps/api created');
    const manifest = WEB(1).replace(/web/g, 'api').replace('image: nginx:1.27', 'image: nginx:1.27\n          ports: [{ containerPort: 80 }]');
    expect(output(kubectl(c, 'kubectl apply -f -', manifest))).toMatch(/^Warning: resource deployments\/api is missing the kubectl\.kubernetes\.io\/last-applied-configuration annotation .*\ndeployment\.apps\/api configured$/);
  });

  it("a pod's spec is fixed but for its image: anything else is Forbidden", () => {
    const pod = (extra: string) => `apiVersion: v1\nkind: Pod\nmetadata: { name: solo }\nspec:\n  containers:\n    - name: c\n      image: nginx:1.27\n${extra}`;
    expect(output(kubectl(c, 'kubectl apply -f -', pod('')))).toBe('pod/solo created');
    expect(runUntilTrue(c, () => /solo\s+1\/1\s+Running/.test(output(kubectl(c, 'kubectl get pods'))), 30_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl apply -f -', pod('      ports: [{ containerPort: 80 }]\n')))).toBe(
      'The Pod "solo" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    expect(output(kubectl(c, 'kubectl apply -f -', pod('').replace('nginx:1.27', 'nginx:1.28')))).toBe('pod/solo configured');
  });

  it('a misspelt field is refused by strict decoding, naming the field', () => {
    expect(output(kubectl(c, 'kubectl apply -f -', WEB(2).replace('replicas: 2', 'replica: 2').replace('image: nginx', 'imagee: nginx')))).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replica", unknown field "spec.template.spec.containers[0].imagee"',
    );
    expect(output(kubectl(c, 'kubectl apply -f -', 'apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containerz: [{ name: c, image: nginx }]\n'))).toBe(
      'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containerz"',
    );
  });

  it('a kind must come in the version it is served in', () => {
    expect(output(kubectl(c, 'kubectl apply -f -', WEB(1).replace('apps/v1', 'apps/v2')))).toBe('error: resource mapping not found for name: "web" namespace: "" from "STDIN": no matches for kind "Deployment" in version "apps/v2"\nensure CRDs are installed first');
  });

  it('describe with no name describes them all; a name prefix describes its matches', () => {
    const nodes = output(kubectl(c, 'kubectl describe nodes'));
    expect(nodes.match(/^Name: /gm)).toHaveLength(3);
    expect(nodes).toMatch(/\n\n\nName:\s+worker-1\n/);
    runUntilTrue(c, () => /web-\S+\s+1\/1\s+Running[\s\S]*web-\S+\s+1\/1\s+Running[\s\S]*web-\S+\s+1\/1\s+Running/.test(output(kubectl(c, 'kubectl get pods'))), 30_000);
    const webPods = output(kubectl(c, 'kubectl get pods')).split('\n').filter((l) => l.startsWith('web-')).length;
    const described = output(kubectl(c, 'kubectl describe pod web'));
    expect(described.match(/^Name: +web-/gm)).toHaveLength(webPods);
    expect(described.match(/^Name: /gm)).toHaveLength(webPods);
    expect(output(kubectl(c, 'kubectl describe pod nothing'))).toBe('Error from server (NotFound): pods "nothing" not found');
  });

  it('--show-labels, scale below zero, and the commands this console does not run', () => {
    expect(output(kubectl(c, 'kubectl get nodes --show-labels')).split('\n')[0]).toMatch(/\sVERSION\s+LABELS$/);
    expect(output(kubectl(c, 'kubectl get deploy web --show-labels'))).toMatch(/\nweb\s.*\s<none>$/);
    expect(output(kubectl(c, 'kubectl scale deploy web --replicas=-1'))).toBe('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
    expect(output(kubectl(c, 'kubectl logs web'))).toMatch(/^error: "kubectl logs" is not available in this console: /);
  });

  it('cordon adds the unschedulable taint and uncordon takes it away; controllers sign their events', () => {
    expect(output(kubectl(c, 'kubectl cordon worker-2'))).toBe('node/worker-2 cordoned');
    expect(runUntilTrue(c, () => /Taints:\s+node\.kubernetes\.io\/unschedulable:NoSchedule\n/.test(output(kubectl(c, 'kubectl describe node worker-2'))), 10_000)).toBe(true);
    expect(output(kubectl(c, 'kubectl uncordon worker-2'))).toBe('node/worker-2 uncordoned');
    expect(runUntilTrue(c, () => /Taints:\s+<none>\n/.test(output(kubectl(c, 'kubectl describe node worker-2'))), 10_000)).toBe(true);
    const events = output(kubectl(c, 'kubectl get events -o wide'));
    expect(events).toMatch(/ScalingReplicaSet\s+deployment\/web\s+deployment-controller\s/);
    expect(events).toMatch(/SuccessfulCreate\s+replicaset\/web-\S+\s+replicaset-controller\s/);
  });
});
