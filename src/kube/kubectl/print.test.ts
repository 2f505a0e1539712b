import { describe as d, it, expect } from 'vitest';
import { RESOURCES } from '../api/resources';
import { timestamp } from '../api/time';
import type { ContainerStatus, EndpointSlice, KubeEvent, Lease, Namespace, Node, Pod, Service } from '../api/types';
import { age, humanDuration, nodeStatusText, podStatusText, printList, printObject, goYamlLess, tabwrite } from './print';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const NOW = 20 * D;
const ago = (ms: number) => timestamp(NOW - ms);
const opts = { namespace: 'default', nowMs: NOW };

const running = (name: string): ContainerStatus => ({ name, image: 'nginx:1.25', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: ago(2 * M) } } });

function pod(name: string, statuses: ContainerStatus[] = [running('nginx')], more: Partial<Pod['metadata']> = {}): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', creationTimestamp: ago(2 * M + 30 * S), ...more },
    spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }], nodeName: 'worker-1' },
    status: { phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], containerStatuses: statuses },
  };
}

const crash = pod('web-crash', [
  { name: 'nginx', image: 'nginx:1.25', imageID: '', ready: false, restartCount: 4, state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: ago(45 * S) } } },
]);
const terminating = pod('web-term', undefined, { deletionTimestamp: timestamp(NOW + 20 * S), deletionGracePeriodSeconds: 30 });
const pending: Pod = { ...pod('web-pending', []), spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] }, status: { phase: 'Pending' } };
const pods = [pod('web-1'), crash, terminating, pending];

function node(name: string, ready: 'True' | 'False' | 'Unknown' | undefined, created: number, labels: Record<string, string> = {}, unschedulable = false): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, creationTimestamp: ago(created), labels },
    spec: { unschedulable },
    status: {
      conditions: ready ? [{ type: 'Ready', status: ready }] : [],
      addresses: [{ type: 'InternalIP', address: `10.0.0.${name.length}` }, { type: 'Hostname', address: name }],
      nodeInfo: { kubeletVersion: 'v1.30.2', containerRuntimeVersion: 'containerd://1.7.18', osImage: 'Ubuntu 22.04.4 LTS', kernelVersion: '5.15.0-107-generic', operatingSystem: 'linux', architecture: 'amd64' },
    },
  };
}

d('age (HumanDuration)', () => {
  it('keeps about two significant figures', () => {
    const cases: [number, string][] = [
      [5 * S, '5s'], [45 * S, '45s'], [59 * S, '59s'], [90 * S, '90s'], [2 * M + 30 * S, '2m30s'], [3 * M, '3m'], [12 * M, '12m'],
      [150 * M, '150m'], [3 * H + 5 * M, '3h5m'], [4 * H, '4h'], [10 * H, '10h'], [3 * D + 4 * H, '3d4h'], [5 * D, '5d'], [12 * D, '12d'],
    ];
    for (const [ms, text] of cases) expect(age(ago(ms), NOW)).toBe(text);
  });
  it('marks missing, unparsable and future timestamps', () => {
    expect(age(undefined, NOW)).toBe('<unknown>');
    expect(age('yesterday', NOW)).toBe('<unknown>');
    expect(age(timestamp(NOW + 1 * S), NOW)).toBe('0s');
    expect(age(timestamp(NOW + 5 * S), NOW)).toBe('<invalid>');
    expect(humanDuration(400 * D)).toBe('400d');
    expect(humanDuration(3 * 365 * D + 10 * D)).toBe('3y10d');
  });
});

d('tabwrite', () => {
  it('aligns per block of tabbed lines and never pads the last cell', () => {
    expect(tabwrite('a\tb\nlong\tc\nno tabs\nx\ty', 0, 2)).toBe('a     b\nlong  c\nno tabs\nx  y');
    expect(tabwrite('ab\tc', 6, 3)).toBe('ab    c');
  });
});

d('pods', () => {
  it('prints the default table with computed STATUS and RESTARTS', () => {
    expect(printList(RESOURCES.pods, pods, opts)).toBe(
      [
        'NAME          READY   STATUS             RESTARTS      AGE',
        'web-1         1/1     Running            0             2m30s',
        'web-crash     0/1     CrashLoopBackOff   4 (45s ago)   2m30s',
        'web-term      1/1     Terminating        0             2m30s',
        'web-pending   0/1     Pending            0             2m30s',
      ].join('\n'),
    );
  });
  it('adds NAMESPACE with -A and the wide columns with -o wide', () => {
    expect(printList(RESOURCES.pods, [pod('web-1'), pending], { ...opts, allNamespaces: true, output: 'wide' })).toBe(
      [
        'NAMESPACE   NAME          READY   STATUS    RESTARTS   AGE     IP           NODE       NOMINATED NODE   READINESS GATES',
        'default     web-1         1/1     Running   0          2m30s   10.244.1.5   worker-1   <none>           <none>',
        'default     web-pending   0/1     Pending   0          2m30s   <none>       <none>     <none>           <none>',
      ].join('\n'),
    );
  });
  it('derives STATUS the way kubectl does', () => {
    const waiting = (reason: string) => pod('p', [{ name: 'c', image: 'i', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason } } }]);
    expect(podStatusText(waiting('ContainerCreating'))).toBe('ContainerCreating');
    expect(podStatusText(waiting('ErrImagePull'))).toBe('ErrImagePull');
    expect(podStatusText(waiting('ImagePullBackOff'))).toBe('ImagePullBackOff');
    const done = (exitCode: number, reason: string) => pod('p', [{ name: 'c', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode, reason } } }]);
    expect(podStatusText({ ...done(0, 'Completed'), status: { ...done(0, 'Completed').status, phase: 'Succeeded' } })).toBe('Completed');
    expect(podStatusText(done(1, 'Error'))).toBe('Error');
    // A finished pod being deleted keeps its final status.
    expect(podStatusText({ ...done(0, 'Completed'), metadata: { name: 'p', deletionTimestamp: ago(0) }, status: { phase: 'Succeeded' } })).toBe('Succeeded');
    expect(podStatusText(terminating)).toBe('Terminating');
    expect(podStatusText(pending)).toBe('Pending');
  });
  it('prints names with -o name and kinds with showKind', () => {
    expect(printList(RESOURCES.pods, [pod('web-1'), crash], { ...opts, output: 'name' })).toBe('pod/web-1\npod/web-crash');
    expect(printList(RESOURCES.pods, [pod('web-1')], { ...opts, showKind: true })).toBe(
      ['NAME        READY   STATUS    RESTARTS   AGE', 'pod/web-1   1/1     Running   0          2m30s'].join('\n'),
    );
  });
});

d('nodes', () => {
  const nodes = [
    node('master-1', 'True', 12 * D, { 'node-role.kubernetes.io/control-plane': '', 'kubernetes.io/os': 'linux' }),
    node('worker-1', 'False', 3 * D + 4 * H, {}, true),
    node('worker-2', undefined, 45 * S),
  ];
  it('shows Ready / NotReady,SchedulingDisabled / Unknown and the roles', () => {
    expect(printList(RESOURCES.nodes, nodes, opts)).toBe(
      [
        'NAME       STATUS                        ROLES           AGE    VERSION',
        'master-1   Ready                         control-plane   12d    v1.30.2',
        'worker-1   NotReady,SchedulingDisabled   <none>          3d4h   v1.30.2',
        'worker-2   Unknown                       <none>          45s    v1.30.2',
      ].join('\n'),
    );
    expect(nodeStatusText(node('n', 'Unknown', 0))).toBe('NotReady');
  });
  it('has no NAMESPACE column even with -A, and wide adds the node info', () => {
    expect(printList(RESOURCES.nodes, nodes.slice(0, 1), { ...opts, allNamespaces: true, output: 'wide' })).toBe(
      [
        'NAME       STATUS   ROLES           AGE   VERSION   INTERNAL-IP   EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION       CONTAINER-RUNTIME',
        'master-1   Ready    control-plane   12d   v1.30.2   10.0.0.8      <none>        Ubuntu 22.04.4 LTS   5.15.0-107-generic   containerd://1.7.18',
      ].join('\n'),
    );
  });
});

d('empty lists', () => {
  it('names the namespace unless listing across namespaces or cluster-scoped', () => {
    expect(printList(RESOURCES.pods, [], opts)).toBe('No resources found in default namespace.');
    expect(printList(RESOURCES.pods, [], { ...opts, namespace: 'kube-system', output: 'name' })).toBe('No resources found in kube-system namespace.');
    expect(printList(RESOURCES.pods, [], { ...opts, allNamespaces: true })).toBe('No resources found');
    expect(printList(RESOURCES.nodes, [], opts)).toBe('No resources found');
  });
});

d('other kinds', () => {
  it('services', () => {
    const svc = (name: string, spec: Service['spec'], created: number): Service => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default', creationTimestamp: ago(created) }, spec });
    const list = [
      svc('kubernetes', { type: 'ClusterIP', clusterIP: '10.96.0.1', clusterIPs: ['10.96.0.1'], ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }, 12 * D),
      svc('web', { type: 'NodePort', clusterIPs: ['10.96.12.34'], selector: { app: 'web' }, ports: [{ port: 80, protocol: 'TCP', nodePort: 30080 }] }, 12 * M),
      svc('lb', { type: 'LoadBalancer', clusterIPs: ['10.96.7.7'], selector: { tier: 'fe', app: 'web' }, ports: [{ port: 80, nodePort: 31000 }, { port: 53, protocol: 'UDP', nodePort: 31001 }] }, 5 * S),
    ];
    expect(printList(RESOURCES.services, list, { ...opts, output: 'wide' })).toBe(
      [
        'NAME         TYPE           CLUSTER-IP    EXTERNAL-IP   PORT(S)                     AGE   SELECTOR',
        'kubernetes   ClusterIP      10.96.0.1     <none>        443/TCP                     12d   <none>',
        'web          NodePort       10.96.12.34   <none>        80:30080/TCP                12m   app=web',
        'lb           LoadBalancer   10.96.7.7     <pending>     80:31000/TCP,53:31001/UDP   5s    app=web,tier=fe',
      ].join('\n'),
    );
  });
  it('deployments, replicasets and leases', () => {
    const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }, { name: 'log', image: 'busybox' }] } };
    const dep = { apiVersion: 'apps/v1' as const, kind: 'Deployment' as const, metadata: { name: 'web', namespace: 'default', creationTimestamp: ago(12 * M) }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template }, status: { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 } };
    expect(printList(RESOURCES.deployments, [dep], { ...opts, output: 'wide' })).toBe(
      ['NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES               SELECTOR', 'web    2/3     3            2           12m   nginx,log    nginx:1.25,busybox   app=web'].join('\n'),
    );
    expect(printList(RESOURCES.deployments, [dep], { ...opts, output: 'name' })).toBe('deployment.apps/web');
    const rs = { apiVersion: 'apps/v1' as const, kind: 'ReplicaSet' as const, metadata: { name: 'web-7d4b9c8f5', namespace: 'default', creationTimestamp: ago(12 * M) }, spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template }, status: { replicas: 3, readyReplicas: 2 } };
    expect(printList(RESOURCES.replicasets, [rs], opts)).toBe(['NAME            DESIRED   CURRENT   READY   AGE', 'web-7d4b9c8f5   3         3         2       12m'].join('\n'));
    const lease: Lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'kube-scheduler', namespace: 'kube-system', creationTimestamp: ago(12 * D) }, spec: { holderIdentity: 'master-1_5f1c' } };
    expect(printList(RESOURCES.leases, [lease], { ...opts, allNamespaces: true })).toBe(
      ['NAMESPACE     NAME             HOLDER          AGE', 'kube-system   kube-scheduler   master-1_5f1c   12d'].join('\n'),
    );
    expect(printList(RESOURCES.leases, [lease], { ...opts, output: 'name' })).toBe('lease.coordination.k8s.io/kube-scheduler');
  });
  it('events keep their order and name the object by lower-case kind', () => {
    const ev = (name: string, type: 'Normal' | 'Warning', reason: string, kind: string, obj: string, message: string, last: number): KubeEvent => ({
      apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' }, involvedObject: { kind, name: obj, namespace: 'default' }, type, reason, message, lastTimestamp: ago(last), firstTimestamp: ago(last),
    });
    const list = [
      ev('a', 'Normal', 'ScalingReplicaSet', 'Deployment', 'web', 'Scaled up replica set web-7d4b9c8f5 to 3', 12 * M),
      ev('b', 'Warning', 'BackOff', 'Pod', 'web-crash', 'Back-off restarting failed container nginx\n', 45 * S),
    ];
    expect(printList(RESOURCES.events, list, opts)).toBe(
      [
        'LAST SEEN   TYPE      REASON              OBJECT           MESSAGE',
        '12m         Normal    ScalingReplicaSet   deployment/web   Scaled up replica set web-7d4b9c8f5 to 3',
        '45s         Warning   BackOff             pod/web-crash    Back-off restarting failed container nginx',
      ].join('\n'),
    );
  });
  it('endpointslices, namespaces and serviceaccounts', () => {
    const slice = (name: string, addrs: string[]): EndpointSlice => ({
      apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name, namespace: 'default', creationTimestamp: ago(12 * M) }, addressType: 'IPv4',
      endpoints: addrs.map((a) => ({ addresses: [a] })), ports: addrs.length ? [{ name: '', port: 80, protocol: 'TCP' }] : [],
    });
    expect(printList(RESOURCES.endpointslices, [slice('web-x7k2p', ['10.244.1.5', '10.244.2.7', '10.244.1.9', '10.244.2.3']), slice('db-9qz4m', [])], opts)).toBe(
      [
        'NAME        ADDRESSTYPE   PORTS     ENDPOINTS                                      AGE',
        'web-x7k2p   IPv4          80        10.244.1.5,10.244.2.7,10.244.1.9 + 1 more...   12m',
        'db-9qz4m    IPv4          <unset>   <unset>                                        12m',
      ].join('\n'),
    );
    const ns: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-system', creationTimestamp: ago(12 * D) }, status: { phase: 'Active' } };
    expect(printList(RESOURCES.namespaces, [ns], opts)).toBe('NAME          STATUS   AGE\nkube-system   Active   12d');
    const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default', creationTimestamp: ago(12 * D) } };
    expect(printList(RESOURCES.serviceaccounts, [sa], opts)).toBe('NAME      SECRETS   AGE\ndefault   0         12d');
  });
});

d('-o yaml and -o json', () => {
  const ns: Namespace = {
    apiVersion: 'v1', kind: 'Namespace',
    metadata: { name: 'default', uid: 'ns1', resourceVersion: '17', creationTimestamp: timestamp(0), labels: { 'kubernetes.io/metadata.name': 'default' }, annotations: { note: '<none> & more', why: 'containers with unready status: [nginx]' } },
    spec: { finalizers: ['kubernetes'] }, status: { phase: 'Active' },
  };
  it('prints one object as YAML, keys sorted at every level, quoting what go-yaml quotes', () => {
    expect(printObject(pod('web-1'), 'yaml')).toMatch(/^apiVersion: v1\nkind: Pod\nmetadata:\n( {2}[a-zA-Z]+:.*\n)* {2}name: web-1\n/);
    expect(printObject(ns, 'yaml')).toBe(
      [
        'apiVersion: v1',
        'kind: Namespace',
        'metadata:',
        '  annotations:',
        '    note: <none> & more',
        "    why: 'containers with unready status: [nginx]'",
        '  creationTimestamp: "2026-01-01T00:00:00Z"',
        '  labels:',
        '    kubernetes.io/metadata.name: default',
        '  name: default',
        '  resourceVersion: "17"',
        '  uid: ns1',
        'spec:',
        '  finalizers:',
        '  - kubernetes',
        'status:',
        '  phase: Active',
      ].join('\n'),
    );
  });
  it("sorts keys as go-yaml v2 does: letters by code point, non-letters first, numbers by value", () => {
    const keys = ['name', 'Name', 'a10', 'a2', 'app.kubernetes.io/name', 'app', '-x', 'imagePullPolicy', 'image'];
    expect([...keys].sort((a, b) => (goYamlLess(a, b) ? -1 : goYamlLess(b, a) ? 1 : 0))).toEqual(['-x', 'Name', 'a2', 'a10', 'app', 'app.kubernetes.io/name', 'image', 'imagePullPolicy', 'name']);
  });
  it('wraps lists in a v1 List', () => {
    const out = printList(RESOURCES.namespaces, [ns], { ...opts, output: 'yaml' });
    expect(out.startsWith('apiVersion: v1\nitems:\n- apiVersion: v1\n  kind: Namespace\n')).toBe(true);
    expect(out.endsWith('    phase: Active\nkind: List\nmetadata:\n  resourceVersion: ""')).toBe(true);
    expect(printList(RESOURCES.pods, [], { ...opts, output: 'yaml' })).toBe('apiVersion: v1\nitems: []\nkind: List\nmetadata:\n  resourceVersion: ""');
  });
  it('prints JSON indented by four with Go escaping', () => {
    expect(printList(RESOURCES.pods, [], { ...opts, output: 'json' })).toBe('{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}');
    const json = printObject(ns, 'json');
    expect(json.startsWith('{\n    "apiVersion": "v1",\n    "kind": "Namespace",\n    "metadata": {\n        "annotations": {\n            "note"')).toBe(true);
    expect(json).toContain('"note": "\\u003cnone\\u003e \\u0026 more"');
  });
});
