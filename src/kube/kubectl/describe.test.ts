import { describe as d, it, expect } from 'vitest';
import { microTimestamp, timestamp } from '../api/time';
import type { Deployment, KubeEvent, Lease, Node, Pod, PodTemplateSpec, ReplicaSet } from '../api/types';
import { describe } from './describe';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;
const NOW = 10 * D;
const ago = (ms: number) => timestamp(NOW - ms);

function pod(name: string): Pod {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: ago(150 * S), labels: { app: 'web', 'pod-template-hash': 'abc' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-abc', uid: 'rs1', controller: true }],
    },
    spec: {
      containers: [{
        name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: { requests: { cpu: '100m', memory: '64Mi' } },
        volumeMounts: [{ name: 'kube-api-access-x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true }],
      }],
      nodeName: 'worker-1', serviceAccountName: 'default', priority: 0,
      tolerations: [
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
      volumes: [{ name: 'kube-api-access-x', projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { name: 'kube-root-ca.crt' } }, { downwardAPI: { items: [] } }] } }],
    },
    status: {
      phase: 'Running', hostIP: '10.0.0.11', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], startTime: ago(150 * S), qosClass: 'Burstable',
      conditions: [{ type: 'Initialized', status: 'True' }, { type: 'Ready', status: 'False' }, { type: 'ContainersReady', status: 'False' }, { type: 'PodScheduled', status: 'True' }],
      containerStatuses: [{
        name: 'nginx', image: 'nginx:1.25', imageID: 'docker.io/library/nginx@sha256:aa', containerID: 'containerd://c1', ready: false, restartCount: 4,
        state: { waiting: { reason: 'CrashLoopBackOff' } }, lastState: { terminated: { exitCode: 1, reason: 'Error', startedAt: ago(50 * S), finishedAt: ago(45 * S) } },
      }],
    },
  };
}

function event(name: string, involved: KubeEvent['involvedObject'], type: 'Normal' | 'Warning', reason: string, message: string, component: string, first: number, last: number, count: number): KubeEvent {
  return {
    apiVersion: 'v1', kind: 'Event', metadata: { name, namespace: 'default' }, involvedObject: involved, type, reason, message,
    source: { component }, firstTimestamp: ago(first), lastTimestamp: ago(last), count,
  };
}

d('describe pod', () => {
  const crash = pod('web-crash');
  const ref = { kind: 'Pod', name: 'web-crash', namespace: 'default', uid: 'uid-web-crash' };
  const events = [
    event('e2', ref, 'Warning', 'BackOff', 'Back-off restarting failed container nginx in pod web-crash_default(uid-web-crash)', 'kubelet', 120 * S, 10 * S, 5),
    event('e1', ref, 'Normal', 'Scheduled', 'Successfully assigned default/web-crash to worker-1', 'default-scheduler', 150 * S, 150 * S, 1),
    // Another pod's event, and an event of an earlier pod with the same name: not shown.
    event('e3', { ...ref, name: 'web-1' }, 'Normal', 'Pulled', 'x', 'kubelet', 5 * S, 5 * S, 1),
    event('e4', { ...ref, uid: 'old' }, 'Normal', 'Killing', 'x', 'kubelet', 5 * S, 5 * S, 1),
  ];
  it('prints the containers, conditions, volumes, tolerations and sorted events', () => {
    expect(describe(crash, { events }, NOW)).toBe(
      [
        'Name:             web-crash',
        'Namespace:        default',
        'Priority:         0',
        'Service Account:  default',
        'Node:             worker-1/10.0.0.11',
        'Start Time:       Sat, 10 Jan 2026 23:57:30 +0000',
        'Labels:           app=web',
        '                  pod-template-hash=abc',
        'Annotations:      <none>',
        'Status:           Running',
        'IP:               10.244.1.5',
        'IPs:',
        '  IP:           10.244.1.5',
        'Controlled By:  ReplicaSet/web-abc',
        'Containers:',
        '  nginx:',
        '    Container ID:   containerd://c1',
        '    Image:          nginx:1.25',
        '    Image ID:       docker.io/library/nginx@sha256:aa',
        '    Port:           80/TCP',
        '    Host Port:      0/TCP',
        '    State:          Waiting',
        '      Reason:       CrashLoopBackOff',
        '    Last State:     Terminated',
        '      Reason:       Error',
        '      Exit Code:    1',
        '      Started:      Sat, 10 Jan 2026 23:59:10 +0000',
        '      Finished:     Sat, 10 Jan 2026 23:59:15 +0000',
        '    Ready:          False',
        '    Restart Count:  4',
        '    Requests:',
        '      cpu:        100m',
        '      memory:     64Mi',
        '    Environment:  <none>',
        '    Mounts:',
        '      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-x (ro)',
        'Conditions:',
        '  Type              Status',
        '  Initialized       True ',
        '  Ready             False ',
        '  ContainersReady   False ',
        '  PodScheduled      True ',
        'Volumes:',
        '  kube-api-access-x:',
        '    Type:                    Projected (a volume that contains injected data from multiple sources)',
        '    TokenExpirationSeconds:  3607',
        '    ConfigMapName:           kube-root-ca.crt',
        '    ConfigMapOptional:       <nil>',
        '    DownwardAPI:             true',
        'QoS Class:                   Burstable',
        'Node-Selectors:              <none>',
        'Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s',
        '                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s',
        'Events:',
        '  Type     Reason     Age               From               Message',
        '  ----     ------     ----              ----               -------',
        '  Normal   Scheduled  2m30s             default-scheduler  Successfully assigned default/web-crash to worker-1',
        '  Warning  BackOff    10s (x5 over 2m)  kubelet            Back-off restarting failed container nginx in pod web-crash_default(uid-web-crash)',
      ].join('\n'),
    );
  });

  it('shows a pending pod without node or IP, and Terminating while deleted', () => {
    const p = pod('web-pending');
    p.spec = { containers: [{ name: 'nginx', image: 'nginx:1.25' }], nodeSelector: { disk: 'ssd' } };
    p.status = { phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] };
    const failed = event('f', { kind: 'Pod', name: 'web-pending', namespace: 'default' }, 'Warning', 'FailedScheduling',
      "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.", 'default-scheduler', 30 * S, 30 * S, 1);
    expect(describe(p, { events: [failed] }, NOW)).toBe(
      [
        'Name:           web-pending',
        'Namespace:      default',
        'Node:           <none>',
        'Labels:         app=web',
        '                pod-template-hash=abc',
        'Annotations:    <none>',
        'Status:         Pending',
        'IP:             ',
        'IPs:            <none>',
        'Controlled By:  ReplicaSet/web-abc',
        'Containers:',
        '  nginx:',
        '    Image:        nginx:1.25',
        '    Port:         <none>',
        '    Host Port:    <none>',
        '    Environment:  <none>',
        '    Mounts:       <none>',
        'Conditions:',
        '  Type           Status',
        '  PodScheduled   False ',
        'Volumes:         <none>',
        'QoS Class:       BestEffort',
        'Node-Selectors:  disk=ssd',
        'Tolerations:     <none>',
        'Events:',
        '  Type     Reason            Age   From               Message',
        '  ----     ------            ----  ----               -------',
        "  Warning  FailedScheduling  30s   default-scheduler  0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector.",
      ].join('\n'),
    );
    const t = pod('web-term');
    t.metadata.deletionTimestamp = ago(0);
    t.metadata.deletionGracePeriodSeconds = 30;
    const out = describe(t, { events: [] }, NOW + 12 * S);
    expect(out).toContain('\nStatus:                    Terminating (lasts 12s)\nTermination Grace Period:  30s\n');
    expect(out.endsWith('\nEvents:                      <none>')).toBe(true);
  });
});

d('describe node', () => {
  const node: Node = {
    apiVersion: 'v1', kind: 'Node',
    metadata: { name: 'worker-1', uid: 'n1', creationTimestamp: ago(3 * D + 4 * H), labels: { 'kubernetes.io/os': 'linux', 'kubernetes.io/hostname': 'worker-1' }, annotations: { 'node.alpha.kubernetes.io/ttl': '0' } },
    spec: { podCIDR: '10.244.1.0/24', podCIDRs: ['10.244.1.0/24'], unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] },
    status: {
      capacity: { cpu: '2', memory: '4030184Ki', pods: '110' },
      allocatable: { cpu: '2', memory: '3927784Ki', pods: '110' },
      conditions: [
        { type: 'MemoryPressure', status: 'Unknown', lastHeartbeatTime: ago(50 * S), lastTransitionTime: ago(10 * S), reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' },
        { type: 'Ready', status: 'Unknown', lastHeartbeatTime: ago(50 * S), lastTransitionTime: ago(10 * S), reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' },
      ],
      addresses: [{ type: 'InternalIP', address: '10.0.0.11' }, { type: 'Hostname', address: 'worker-1' }],
      nodeInfo: { kubeletVersion: 'v1.30.2', kubeProxyVersion: 'v1.30.2', containerRuntimeVersion: 'containerd://1.7.18', osImage: 'Ubuntu 22.04.4 LTS', kernelVersion: '5.15.0-107-generic', operatingSystem: 'linux', architecture: 'amd64', machineID: 'm1', systemUUID: 's1', bootID: 'b1' },
    },
  };
  const lease: Lease = { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'worker-1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'worker-1', renewTime: microTimestamp(NOW - 50 * S) } };
  const withLimits = pod('web-2');
  withLimits.spec.containers[0]!.resources = { requests: { cpu: '500m', memory: '1Gi' }, limits: { cpu: '1', memory: '1Gi' } };
  const elsewhere = { ...pod('web-3'), spec: { ...pod('web-3').spec, nodeName: 'worker-2' } };
  const done: Pod = { ...pod('job-1'), status: { phase: 'Succeeded' } };
  const notReady = event('n', { kind: 'Node', name: 'worker-1', uid: 'worker-1' }, 'Normal', 'NodeNotReady', 'Node worker-1 status is now: NodeNotReady', 'node-controller', 10 * S, 10 * S, 1);

  it('prints taints, lease, conditions, resources and the pods on the node', () => {
    expect(describe(node, { events: [notReady], pods: [pod('web-1'), withLimits, elsewhere, done], lease }, NOW)).toBe(
      [
        'Name:               worker-1',
        'Roles:              <none>',
        'Labels:             kubernetes.io/hostname=worker-1',
        '                    kubernetes.io/os=linux',
        'Annotations:        node.alpha.kubernetes.io/ttl: 0',
        'CreationTimestamp:  Wed, 07 Jan 2026 20:00:00 +0000',
        'Taints:             node.kubernetes.io/unreachable:NoExecute',
        '                    node.kubernetes.io/unschedulable:NoSchedule',
        'Unschedulable:      true',
        'Lease:',
        '  HolderIdentity:  worker-1',
        '  AcquireTime:     <unset>',
        '  RenewTime:       Sat, 10 Jan 2026 23:59:10 +0000',
        'Conditions:',
        '  Type             Status    LastHeartbeatTime                 LastTransitionTime                Reason              Message',
        '  ----             ------    -----------------                 ------------------                ------              -------',
        '  MemoryPressure   Unknown   Sat, 10 Jan 2026 23:59:10 +0000   Sat, 10 Jan 2026 23:59:50 +0000   NodeStatusUnknown   Kubelet stopped posting node status.',
        '  Ready            Unknown   Sat, 10 Jan 2026 23:59:10 +0000   Sat, 10 Jan 2026 23:59:50 +0000   NodeStatusUnknown   Kubelet stopped posting node status.',
        'Addresses:',
        '  InternalIP:  10.0.0.11',
        '  Hostname:    worker-1',
        'Capacity:',
        '  cpu:     2',
        '  memory:  4030184Ki',
        '  pods:    110',
        'Allocatable:',
        '  cpu:     2',
        '  memory:  3927784Ki',
        '  pods:    110',
        'System Info:',
        '  Machine ID:                 m1',
        '  System UUID:                s1',
        '  Boot ID:                    b1',
        '  Kernel Version:             5.15.0-107-generic',
        '  OS Image:                   Ubuntu 22.04.4 LTS',
        '  Operating System:           linux',
        '  Architecture:               amd64',
        '  Container Runtime Version:  containerd://1.7.18',
        '  Kubelet Version:            v1.30.2',
        '  Kube-Proxy Version:         v1.30.2',
        'PodCIDR:                      10.244.1.0/24',
        'PodCIDRs:                     10.244.1.0/24',
        'Non-terminated Pods:          (2 in total)',
        '  Namespace                   Name     CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age',
        '  ---------                   ----     ------------  ----------  ---------------  -------------  ---',
        '  default                     web-1    100m (5%)     0 (0%)      64Mi (1%)        0 (0%)         2m30s',
        '  default                     web-2    500m (25%)    1 (50%)     1Gi (26%)        1Gi (26%)      2m30s',
        'Allocated resources:',
        '  (Total limits may be over 100 percent, i.e., overcommitted.)',
        '  Resource           Requests      Limits',
        '  --------           --------      ------',
        '  cpu                600m (30%)    1 (50%)',
        '  memory             1088Mi (28%)  1Gi (26%)',
        '  ephemeral-storage  0 (0%)        0 (0%)',
        'Events:',
        '  Type    Reason        Age   From             Message',
        '  ----    ------        ----  ----             -------',
        '  Normal  NodeNotReady  10s   node-controller  Node worker-1 status is now: NodeNotReady',
      ].join('\n'),
    );
  });
});

d('describe deployment', () => {
  const template: PodTemplateSpec = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80, protocol: 'TCP' }] }] } };
  const dep: Deployment = {
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'd1', creationTimestamp: ago(10 * M), labels: { app: 'web' }, annotations: { 'deployment.kubernetes.io/revision': '2' } },
    spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } },
    status: { replicas: 4, updatedReplicas: 2, readyReplicas: 3, availableReplicas: 3, unavailableReplicas: 1, conditions: [{ type: 'Available', status: 'True', reason: 'MinimumReplicasAvailable' }, { type: 'Progressing', status: 'True', reason: 'ReplicaSetUpdated' }] },
  };
  const rs = (name: string, image: string, replicas: number, created: number): ReplicaSet => ({
    apiVersion: 'apps/v1', kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid: name, creationTimestamp: ago(created), ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'd1', controller: true }] },
    spec: { replicas, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web', 'pod-template-hash': name.slice(4) } }, spec: { containers: [{ ...template.spec.containers[0]!, image }] } } },
    status: { replicas },
  });
  const scaled = event('s', { kind: 'Deployment', name: 'web', namespace: 'default', uid: 'd1' }, 'Normal', 'ScalingReplicaSet', 'Scaled up replica set web-5c9f to 2 from 1', 'deployment-controller', 20 * S, 20 * S, 1);

  it('prints replicas, strategy, the pod template and the replica sets', () => {
    const sets = [rs('web-5c9f', 'nginx:1.25', 2, 30 * S), rs('web-7d4b', 'nginx:1.24', 2, 10 * M), rs('web-1a2b', 'nginx:1.23', 0, 9 * M), rs('other', 'x', 1, M)];
    sets[3]!.metadata.ownerReferences = [];
    expect(describe(dep, { events: [scaled], replicaSets: sets }, NOW)).toBe(
      [
        'Name:                   web',
        'Namespace:              default',
        'CreationTimestamp:      Sat, 10 Jan 2026 23:50:00 +0000',
        'Labels:                 app=web',
        'Annotations:            deployment.kubernetes.io/revision: 2',
        'Selector:               app=web',
        'Replicas:               3 desired | 2 updated | 4 total | 3 available | 1 unavailable',
        'StrategyType:           RollingUpdate',
        'MinReadySeconds:        0',
        'RollingUpdateStrategy:  25% max unavailable, 25% max surge',
        'Pod Template:',
        '  Labels:  app=web',
        '  Containers:',
        '   nginx:',
        '    Image:         nginx:1.25',
        '    Port:          80/TCP',
        '    Host Port:     0/TCP',
        '    Environment:   <none>',
        '    Mounts:        <none>',
        '  Volumes:         <none>',
        '  Node-Selectors:  <none>',
        '  Tolerations:     <none>',
        'Conditions:',
        '  Type           Status  Reason',
        '  ----           ------  ------',
        '  Available      True    MinimumReplicasAvailable',
        '  Progressing    True    ReplicaSetUpdated',
        'OldReplicaSets:  web-7d4b (2/2 replicas created)',
        'NewReplicaSet:   web-5c9f (2/2 replicas created)',
        'Events:',
        '  Type    Reason             Age   From                   Message',
        '  ----    ------             ----  ----                   -------',
        '  Normal  ScalingReplicaSet  20s   deployment-controller  Scaled up replica set web-5c9f to 2 from 1',
      ].join('\n'),
    );
  });
});

d('describe other kinds', () => {
  it('uses the generic describer: every field, labelled, sorted', () => {
    const lease: Lease = {
      apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
      metadata: { name: 'kube-scheduler', namespace: 'kube-system', uid: 'l1', resourceVersion: '512', creationTimestamp: timestamp(0), labels: { tier: 'control-plane' } },
      spec: { holderIdentity: 'master-1_5f1c', leaseDurationSeconds: 15, renewTime: microTimestamp(NOW - 1500), leaseTransitions: 2 },
    };
    expect(describe(lease, { events: [] }, NOW)).toBe(
      [
        'Name:         kube-scheduler',
        'Namespace:    kube-system',
        'Labels:       tier=control-plane',
        'Annotations:  <none>',
        'API Version:  coordination.k8s.io/v1',
        'Kind:         Lease',
        'Metadata:',
        '  Creation Timestamp:  2026-01-01T00:00:00Z',
        '  Resource Version:    512',
        '  UID:                 l1',
        'Spec:',
        '  Holder Identity:         master-1_5f1c',
        '  Lease Duration Seconds:  15',
        '  Lease Transitions:       2',
        '  Renew Time:              2026-01-10T23:59:58.500000Z',
        'Events:                    <none>',
      ].join('\n'),
    );
  });
});
