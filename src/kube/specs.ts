// The process specs of the Kubernetes machines (plain data in a MachineSpec, so they
// travel to machine workers), and the timings they share. The numbers come from the
// timing profile (src/cluster/profiles.ts): realism.md's defaults, or the classroom's.

import type { Endpoint } from '../sim/packet';
import type { ApiserverSpec } from './apiserver/apiserver';
import type { LoadBalancerSpec } from './lb/load-balancer';
import type { ElectionTiming } from './leaderelection/elector';
import type { CloudControllerManagerSpec } from './cloud/ccm';

export interface KubeTiming {
  /** client-go's request deadline as this project models it. */
  readonly requestTimeoutMs: number;
  /** A client connection with open watches that gives nothing to read for this long
   * is closed: client-go's HTTP/2 health check, ReadIdleTimeout + PingTimeout (30 s +
   * 15 s; kube-client.ts healthCheckTimes). */
  readonly watchSilenceMs: number;
  /** kube-scheduler / kube-controller-manager leader election: 15 s / 10 s / 2 s. */
  readonly election: ElectionTiming;
  /** Node heartbeat Lease (kube-node-lease/<node>): 40 s, renewed every 10 s. */
  readonly nodeLeaseDurationS: number;
  readonly nodeLeaseRenewMs: number;
  /** The kubelet checks its Node every 10 s and posts status when it changed, else
   * every nodeStatusReportMs (5 min). */
  readonly nodeStatusUpdateMs: number;
  readonly nodeStatusReportMs: number;
  /** Node lifecycle controller: --node-monitor-period 5 s, --node-monitor-grace-period 40 s. */
  readonly nodeMonitorPeriodMs: number;
  readonly nodeMonitorGraceMs: number;
  /** DefaultTolerationSeconds: 300 s for not-ready / unreachable. */
  readonly tolerationSeconds: number;
  /** PodGC: how often it looks for pods bound to a node that no longer exists, and how
   * long such a node must stay missing before its pods are force-deleted. */
  readonly podGcPeriodMs: number;
  readonly podGcQuarantineMs: number;
  /** Image pull time range on a node that has not got the image. */
  readonly imagePullMs: readonly [number, number];
  /** Crash restart backoff: 10 s doubling to 300 s. */
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

export interface ControlPlaneSpec {
  readonly kind: 'kube-scheduler' | 'kube-controller-manager';
  readonly requestTimeoutMs: number;
  readonly watchSilenceMs: number;
  readonly election: ElectionTiming;
  readonly timing: KubeTiming;
}

export interface NodeResources {
  readonly cpu: string;
  readonly memory: string;
  readonly pods: string;
}

export interface KubeletSpec {
  readonly kind: 'kubelet';
  /** The apiserver it talks to: the load balancer. */
  readonly server: Endpoint;
  readonly controlPlane: boolean;
  readonly labels: Readonly<Record<string, string>>;
  readonly capacity: NodeResources;
  readonly internalIP: string;
  /** Static pods this node runs (kubeadm's /etc/kubernetes/manifests). */
  readonly staticPods: readonly string[];
  readonly timing: KubeTiming;
  /** `external` (--cloud-provider=external): register with the
   * node.cloudprovider.kubernetes.io/uninitialized taint and leave the addresses to the
   * cloud-controller-manager. Absent: no cloud provider (kubeadm's default). */
  readonly cloudProvider?: 'external';
}

export interface KubeProxySpec {
  readonly kind: 'kube-proxy';
  readonly server: Endpoint;
  readonly timing: KubeTiming;
}

export type { ApiserverSpec, CloudControllerManagerSpec, LoadBalancerSpec };

export type KubeProcessSpec = ApiserverSpec | ControlPlaneSpec | KubeletSpec | KubeProxySpec | LoadBalancerSpec | CloudControllerManagerSpec;
