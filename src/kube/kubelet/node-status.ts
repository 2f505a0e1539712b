// The Node object a kubelet registers, and the status it posts: labels kubeadm and
// the kubelet set, capacity and allocatable (capacity minus the kubelet's reserve), the
// four pressure conditions and Ready, addresses and node info. Ready is False until the
// pod network is up: CNI needs the node's podCIDR, which the node IPAM controller sets
// after registration, so a new node registers NotReady (as a kubeadm node does until
// its CNI plugin is initialized) and turns Ready once the kubelet has seen its podCIDR.
// Also the node events the kubelet's status setters record on those transitions.

import { jsonEqual } from '../api/json-equal';
import { timestamp } from '../api/time';
import type { Node, NodeCondition, NodeStatus, Taint } from '../api/types';
import type { KubeletSpec } from '../specs';

export const KUBELET_VERSION = 'v1.31.4';
export const RUNTIME_VERSION = 'containerd://1.7.24';

/** The Ready condition's message while the pod network is not up (the runtime's
 * NetworkReady=false, as containerd reports it before a CNI config exists). */
const NETWORK_NOT_READY = 'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:Network plugin returns error: cni plugin not initialized';

// Module functions, not closures bound to a name inside the caller: run through
// tsx/esbuild (the benchmarks) such a closure is wrapped to keep its name (`__name`, an
// Object.defineProperty) each time it is made.
function condition(prev: readonly NodeCondition[] | undefined, ts: string, type: NodeCondition['type'], status: 'True' | 'False', reason: string, message: string): NodeCondition {
  const was = prev?.find((c) => c.type === type);
  return { type, status, lastHeartbeatTime: ts, lastTransitionTime: was && was.status === status ? (was.lastTransitionTime ?? ts) : ts, reason, message };
}

function conditions(now: number, prev: readonly NodeCondition[] | undefined, networkReady: boolean): NodeCondition[] {
  const ts = timestamp(now);
  return [
    condition(prev, ts, 'MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    condition(prev, ts, 'DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    condition(prev, ts, 'PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    networkReady ? condition(prev, ts, 'Ready', 'True', 'KubeletReady', 'kubelet is posting ready status') : condition(prev, ts, 'Ready', 'False', 'KubeletNotReady', NETWORK_NOT_READY),
  ];
}

/** The status this kubelet would post over `cur` (the Node as read; undefined when
 * registering). `networkReady`: the kubelet has seen the node's podCIDR. */
export function nodeStatus(spec: KubeletSpec, host: string, cur: Node | undefined, now: number, networkReady: boolean): NodeStatus {
  const { cpu, memory, pods } = spec.capacity;
  return {
    capacity: { cpu, memory, pods, 'ephemeral-storage': '41152736Ki' },
    // kube-reserved / eviction thresholds take a little off the top.
    allocatable: { cpu, memory: reserve(memory), pods, 'ephemeral-storage': '37926361435' },
    conditions: conditions(now, cur?.status?.conditions, networkReady),
    // With --cloud-provider=external the cloud-controller-manager owns the addresses
    // once it has set them (the kubelet's NodeAddress setter keeps them).
    addresses: spec.cloudProvider === 'external' && (cur?.status?.addresses?.length ?? 0) > 0
      ? cur!.status!.addresses!
      : [
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
      annotations: {
        ...(spec.cloudProvider === 'external' ? { 'alpha.kubernetes.io/provided-node-ip': spec.internalIP } : {}),
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/containerd/containerd.sock',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: nodeSpec(spec),
    // A new Node has no podCIDR yet: no pod network, not Ready.
    status: nodeStatus(spec, host, undefined, now, false),
  };
}

/** A control-plane node's taint, and with an external cloud provider the
 * uninitialized taint until the cloud node controller removes it. */
function nodeSpec(spec: KubeletSpec): Node['spec'] {
  const taints: Taint[] = [
    ...(spec.controlPlane ? [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' as const }] : []),
    ...(spec.cloudProvider === 'external' ? [{ key: 'node.cloudprovider.kubernetes.io/uninitialized', value: 'true', effect: 'NoSchedule' as const }] : []),
  ];
  return taints.length > 0 ? { taints } : {};
}

/** The same status apart from heartbeat times (the kubelet's nodeStatusHasChanged):
 * nothing to post before the report period runs out. */
export function sameStatus(a: NodeStatus | undefined, b: NodeStatus): boolean {
  if (a === undefined) return false;
  const strip = (s: NodeStatus) => ({ ...s, conditions: [...(s.conditions ?? [])].sort((x, y) => (x.type < y.type ? -1 : x.type > y.type ? 1 : 0)).map((c) => ({ ...c, lastHeartbeatTime: undefined })) });
  // Equal JSON texts, without writing them (json-equal.ts).
  return jsonEqual(strip(a), strip(b));
}

/** The events the kubelet's condition setters record going from `prev` (the Node as
 * read; undefined when building the Node to register) to `next`, in setter order:
 * a pressure condition records when it is new or changes status ("NodeHasSufficientMemory"),
 * Ready only when an existing condition changes status ("NodeReady" / "NodeNotReady";
 * a Ready condition the kubelet adds records nothing). */
export function conditionEvents(prev: readonly NodeCondition[] | undefined, next: readonly NodeCondition[]): string[] {
  const out: string[] = [];
  const pressure: [NodeCondition['type'], string, string][] = [
    ['MemoryPressure', 'NodeHasInsufficientMemory', 'NodeHasSufficientMemory'],
    ['DiskPressure', 'NodeHasDiskPressure', 'NodeHasNoDiskPressure'],
    ['PIDPressure', 'NodeHasInsufficientPID', 'NodeHasSufficientPID'],
  ];
  for (const [type, onTrue, onFalse] of pressure) {
    const was = prev?.find((c) => c.type === type)?.status;
    const now = next.find((c) => c.type === type)?.status;
    if (now && now !== was) out.push(now === 'True' ? onTrue : onFalse);
  }
  const was = prev?.find((c) => c.type === 'Ready')?.status;
  const now = next.find((c) => c.type === 'Ready')?.status;
  if (was && now && now !== was) out.push(now === 'True' ? 'NodeReady' : 'NodeNotReady');
  return out;
}
