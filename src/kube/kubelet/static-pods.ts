// kubeadm's static pods (/etc/kubernetes/manifests on each control-plane node) and the
// mirror pods the kubelet publishes for them in kube-system, named <component>-<node>,
// owned by the Node, tolerating every NoExecute taint (they are never evicted).

import { timestamp } from '../api/time';
import type { Node, Pod } from '../api/types';
import { KUBELET_VERSION } from './node-status';

const IMAGES: Record<string, string> = {
  etcd: 'registry.k8s.io/etcd:3.5.17-0',
  'kube-apiserver': `registry.k8s.io/kube-apiserver:${KUBELET_VERSION}`,
  'kube-controller-manager': `registry.k8s.io/kube-controller-manager:${KUBELET_VERSION}`,
  'kube-scheduler': `registry.k8s.io/kube-scheduler:${KUBELET_VERSION}`,
  // Each cloud publishes its own (provider-aws/cloud-controller-manager, …); this is the simulated cloud's.
  'cloud-controller-manager': `registry.k8s.io/cloud-provider-sim/cloud-controller-manager:${KUBELET_VERSION}`,
};

export function mirrorPod(component: string, node: string, nodeObj: Node, ip: string, now: number): Pod {
  const ts = timestamp(now);
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: `${component}-${node}`,
      namespace: 'kube-system',
      labels: { component, tier: 'control-plane' },
      annotations: { 'kubernetes.io/config.mirror': 'static', 'kubernetes.io/config.source': 'file' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node, uid: nodeObj.metadata.uid ?? '', controller: true }],
    },
    spec: {
      nodeName: node,
      hostNetwork: true,
      priority: 2000001000,
      containers: [{ name: component, image: IMAGES[component] ?? component }],
      tolerations: [{ operator: 'Exists', effect: 'NoExecute' }],
    },
    status: {
      phase: 'Running',
      hostIP: ip,
      podIP: ip,
      podIPs: [{ ip }],
      startTime: ts,
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: ts },
        { type: 'Ready', status: 'True', lastTransitionTime: ts },
        { type: 'ContainersReady', status: 'True', lastTransitionTime: ts },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: ts },
      ],
      containerStatuses: [{ name: component, image: IMAGES[component] ?? component, imageID: '', ready: true, started: true, restartCount: 0, state: { running: { startedAt: ts } } }],
    },
  };
}
