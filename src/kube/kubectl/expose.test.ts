// kubectl expose: the Service it builds from a Deployment, ReplicaSet, Pod or Service
// (selector, ports, target port, labels), its errors in kubectl's words, and the Service
// it creates in a running cluster getting its ClusterIP and endpoints.

import { beforeAll, describe, expect, it } from 'vitest';
import type { InProcessCluster } from '../../host/in-process';
import type { KubeObject } from '../api/types';
import { kubeCluster, kubectl, output, runUntilTrue } from '../../host/testing/cluster';
import { parseFlags, type Flags } from './env';
import { serviceFor } from './expose';

const flags = (line: string): Flags => {
  const f = parseFlags(line.split(' ').filter((w) => w !== ''));
  if ('error' in f) throw new Error(f.error);
  return f;
};

const deployment = (ports: { containerPort: number; protocol?: string }[][], selector: object = { matchLabels: { app: 'web' } }): KubeObject =>
  ({
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web', tier: 'front' } },
    spec: { replicas: 1, selector, template: { metadata: { labels: { app: 'web' } }, spec: { containers: ports.map((p, i) => ({ name: `c${i}`, image: 'nginx:1.27', ports: p })) } } },
  }) as unknown as KubeObject;

describe('the Service kubectl expose builds', () => {
  it('from a Deployment: its matchLabels, its container port as port and target port over TCP, its labels', () => {
    expect(serviceFor(deployment([[{ containerPort: 80 }]]), flags(''))).toEqual({
      apiVersion: 'v1', kind: 'Service',
      metadata: { name: 'web', labels: { app: 'web', tier: 'front' } },
      spec: { ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: 'web' } },
    });
  });

  it('every container port, named port-1, port-2… when there are several, each with its protocol', () => {
    const svc = serviceFor(deployment([[{ containerPort: 80 }], [{ containerPort: 53, protocol: 'UDP' }]]), flags(''));
    expect(typeof svc !== 'string' && svc.spec.ports).toEqual([
      { name: 'port-1', port: 80, protocol: 'TCP', targetPort: 80 },
      { name: 'port-2', port: 53, protocol: 'UDP', targetPort: 53 },
    ]);
  });

  it('--port, --target-port (a number or a port name), --name and --type', () => {
    const svc = serviceFor(deployment([]), flags('--port=8080 --target-port=http --name=web-np --type=NodePort'));
    expect(svc).toMatchObject({ metadata: { name: 'web-np' }, spec: { type: 'NodePort', ports: [{ port: 8080, protocol: 'TCP', targetPort: 'http' }] } });
    expect(serviceFor(deployment([]), flags('--port=80 --target-port=8000'))).toMatchObject({ spec: { ports: [{ port: 80, targetPort: 8000 }] } });
  });

  it('a Pod by its labels; a Service by its selector and ports', () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { run: 'p' } }, spec: { containers: [{ name: 'c', image: 'x', ports: [{ containerPort: 9090 }] }] } } as unknown as KubeObject;
    expect(serviceFor(pod, flags(''))).toMatchObject({ metadata: { name: 'p' }, spec: { selector: { run: 'p' }, ports: [{ port: 9090, targetPort: 9090 }] } });
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { selector: { app: 'a' }, ports: [{ port: 443, protocol: 'TCP', targetPort: 8443 }] } } as unknown as KubeObject;
    expect(serviceFor(svc, flags('--name=s2'))).toMatchObject({ metadata: { name: 's2' }, spec: { selector: { app: 'a' }, ports: [{ port: 443, targetPort: 443 }] } });
  });

  it('says what was wrong, in kubectl\'s words', () => {
    expect(serviceFor(deployment([]), flags(''))).toBe("error: couldn't find port via --port flag or introspection\nSee 'kubectl expose -h' for help and examples");
    expect(serviceFor(deployment([]), flags('--port=http'))).toBe('error: strconv.Atoi: parsing "http": invalid syntax');
    const noLabels = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [] } } as unknown as KubeObject;
    expect(serviceFor(noLabels, flags('--port=80'))).toBe("error: couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed\nSee 'kubectl expose -h' for help and examples");
    const expr = deployment([[{ containerPort: 80 }]], { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] });
    expect(serviceFor(expr, flags(''))).toBe('error: couldn\'t retrieve selectors via --selector flag or introspection: couldn\'t convert expressions - "[{Key:app Operator:In Values:[web api]}]" to map-based selector format\nSee \'kubectl expose -h\' for help and examples');
  });
});

const WEB = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
  labels: { app: shop }
spec:
  replicas: 2
  selector:
    matchLabels: { app: shop }
  template:
    metadata:
      labels: { app: shop }
    spec:
      containers:
        - name: nginx
          image: nginx:1.27
          ports: [ { containerPort: 80 } ]
`;

describe('kubectl expose in a running cluster', () => {
  let c: InProcessCluster;
  beforeAll(() => {
    c = kubeCluster('name: expose\nseed: 6\nuntil: 1h\ntopology: { masters: 1, workers: 2 }\n');
    c.runUntil(10_000);
    expect(output(kubectl(c, 'kubectl apply -f -', WEB))).toBe('deployment.apps/shop created');
  });

  it('exposes a Deployment: a ClusterIP Service on its port, whose endpoints are its pods', () => {
    expect(output(kubectl(c, 'kubectl expose deployment shop'))).toBe('service/shop exposed');
    expect(output(kubectl(c, 'kubectl get svc shop'))).toMatch(/^shop\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP\s+\d+s$/m);
    expect(runUntilTrue(c, () => /^shop-\w{5}\s+IPv4\s+80\s+10\.244\.\d+\.\d+,10\.244\.\d+\.\d+\s/m.test(output(kubectl(c, 'kubectl get endpointslices -l kubernetes.io/service-name=shop'))), 60_000)).toBe(true);
  });

  it('deploy/NAME with --type=NodePort and --name; the errors of the server and of kubectl', () => {
    expect(output(kubectl(c, 'kubectl expose deploy/shop --port=8080 --target-port=80 --type=NodePort --name=shop-np'))).toBe('service/shop-np exposed');
    expect(output(kubectl(c, 'kubectl get svc shop-np'))).toMatch(/^shop-np\s+NodePort\s+10\.96\.\d+\.\d+\s+<none>\s+8080:3\d{4}\/TCP\s+\d+s$/m);
    expect(output(kubectl(c, 'kubectl expose deployment shop'))).toBe('Error from server (AlreadyExists): services "shop" already exists');
    expect(output(kubectl(c, 'kubectl expose deployment nope --port=80'))).toBe('Error from server (NotFound): deployments.apps "nope" not found');
    expect(output(kubectl(c, 'kubectl expose node worker-1 --port=80'))).toBe('error: cannot expose a Node');
    expect(output(kubectl(c, 'kubectl expose deployment'))).toBe('error: resource(s) were provided, but no name was specified');
    expect(output(kubectl(c, 'kubectl expose deployment shop --name=shop-x --type=Bogus'))).toMatch(/^The Service "shop-x" is invalid: spec\.type: Unsupported value: "Bogus"/);
    expect(output(kubectl(c, 'kubectl expose deployment shop -o yaml'))).toBe('error: -o is not available for "kubectl expose" in this console: expose prints what it made');
  });

  it('a command this console does not run says so before reading its flags', () => {
    expect(output(kubectl(c, 'kubectl logs shop --tail=5'))).toMatch(/^error: "kubectl logs" is not available in this console: /);
  });
});
