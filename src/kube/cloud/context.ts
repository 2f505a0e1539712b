// What the cloud-controller-manager's controllers share: the apiserver client, the
// cloud's client, the event recorder, two informers (nodes, services), the timings,
// and the claim on one request in flight per key (as kube-controller-manager's).

import type { Runtime } from '../../sim/process';
import type { Node, Service } from '../api/types';
import type { EventRecorder } from '../clientset/events';
import type { Informer } from '../clientset/informer';
import type { KubeClient } from '../clientset/kube-client';
import type { KubeTiming } from '../specs';
import type { CloudClient } from './cloud-client';

export interface CloudContext {
  readonly rt: Runtime;
  readonly client: KubeClient;
  readonly cloud: CloudClient;
  readonly recorder: EventRecorder;
  readonly nodes: Informer<Node>;
  readonly services: Informer<Service>;
  readonly timing: KubeTiming;
  claim(key: string): (() => void) | undefined;
}

/** The taint a kubelet started with --cloud-provider=external registers with, until
 * the cloud node controller has filled the Node in from the cloud. */
export const UNINITIALIZED_TAINT = 'node.cloudprovider.kubernetes.io/uninitialized';

export function nodeName(n: Node): string {
  return n.metadata.name ?? '';
}

export function isReady(n: Node): boolean {
  return n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}
