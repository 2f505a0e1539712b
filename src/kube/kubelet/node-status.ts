// The Node object a kubelet registers, and the status it posts: labels kubeadm and
// the kubelet set, capacity and allocatable (capacity minus the kubelet's reserve), the
// four pressure conditions and Ready, addresses and node info.

import { timestamp } from '../api/time';
import type { Node, NodeCondition, NodeStatus } from '../api/types';
import type { KubeletSpec } from '../specs';

export const KUBELET_VERSION = 'v1.31.4';
export const RUNTIME_VERSION = 'containerd://1.7.24';

function conditions(now: number, prev: readonly NodeCondition[] | undefined): NodeCondition[] {
  const ts = timestamp(now);
  const make = (type: NodeCondition['type'], status: 'True' | 'False', reason: string, message: string): NodeCondition => {
    const was = prev?.find((c) => c.type === type);
    return { type, status, lastHeartbeatTime: ts, lastTransitionTime: was && was.status === status ? (was.lastTransitionTime ?? ts) : ts, reason, message };
  };
  return [
    make('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    make('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    make('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    make('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

export function nodeStatus(spec: KubeletSpec, host: string, cur: Node | undefined, now: number): NodeStatus {
  const { cpu, memory, pods } = spec.capacity;
  return {
    capacity: { cpu, memory, pods, 'ephemeral-storage': '41152736Ki' },
    // kube-reserved / eviction thresholds take a little off the top.
    allocatable: { cpu, memory: reserve(memory), pods, 'ephemeral-storage': '37926361435' },
    conditions: conditions(now, cur?.status?.conditions),
    addresses: [
      { type: 'InternalIP', address: spec.internalIP },
      { type: 'Hostname', address: host },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
    nodeInfo: {
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: KUBELET_VERSION,
      containerRuntimeVersion: RUNTIME_VERSION,
      osImage: 'Debian GNU/Linux 12 (bookworm)',
      kernelVersion: '6.1.0-28-amd64',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

/** "4Gi" → "3951748Ki": capacity minus 100Mi for the kubelet's eviction threshold. */
function reserve(memory: string): string {
  const m = /^(\d+)(Gi|Mi)$/.exec(memory);
  if (!m) return memory;
  const ki = Number(m[1]) * (m[2] === 'Gi' ? 1024 * 1024 : 1024) - 100 * 1024;
  return `${ki}Ki`;
}

export function nodeObject(spec: KubeletSpec, host: string, now: number): Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: host,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': host,
        'kubernetes.io/os': 'linux',
        ...(spec.controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
        ...spec.labels,
      },
      annotations: { 'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock', 'volumes.kubernetes.io/controller-managed-attach-detach': 'true' },
    },
    spec: spec.controlPlane ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] } : {},
    status: nodeStatus(spec, host, undefined, now),
  };
}
