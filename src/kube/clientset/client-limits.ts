// The client-side rate limits each component's clients are built with: the real
// defaults, as read in kubernetes/kubernetes and kubernetes/client-go (v1.31; see
// src/kube/clientset/README.md "Client-side rate limits" for the sources).
// `undefined` is QPS < 0: no limiter at all (client-go builds none).

export interface ClientLimits {
  readonly qps: number;
  readonly burst: number;
}

/** client-go rest.Config with QPS/Burst left at 0: DefaultQPS 5, DefaultBurst 10
 * (rest/config.go). kubectl's requests use these (only its discovery client gets
 * 50 / 300, WithDiscoveryQPS / WithDiscoveryBurst in kubectl's cmd.go). */
export const CLIENT_GO_DEFAULT: ClientLimits = { qps: 5, burst: 10 };

/** kube-controller-manager --kube-api-qps 20 --kube-api-burst 30
 * (pkg/controller/apis/config/v1alpha1/defaults.go). Every controller gets its own
 * clientset from the ClientBuilder (ClientOrDie("replicaset-controller"), …), so its own
 * bucket with these numbers; so do the shared informers ("shared-informers") and the
 * leader election client. */
export const CONTROLLER_MANAGER: ClientLimits = { qps: 20, burst: 30 };

/** KubeSchedulerConfiguration clientConnection.qps 50, burst 100
 * (pkg/scheduler/apis/config/v1/defaults.go); createClients makes the main client and
 * a separate event client from the same config. */
export const SCHEDULER: ClientLimits = { qps: 50, burst: 100 };

/** KubeletConfiguration kubeAPIQPS 50, kubeAPIBurst 100 (main client) and
 * eventRecordQPS 50, eventBurst 100 (its event client)
 * (pkg/kubelet/apis/config/v1beta1/defaults.go). Its heartbeat client (node Lease and
 * node status) is built with QPS -1: no limit (cmd/kubelet/app/server.go). */
export const KUBELET: ClientLimits = { qps: 50, burst: 100 };
export const KUBELET_EVENTS: ClientLimits = { qps: 50, burst: 100 };

/** KubeProxyConfiguration clientConnection.qps 5, burst 10
 * (pkg/proxy/apis/config/v1alpha1/defaults.go). */
export const KUBE_PROXY: ClientLimits = { qps: 5, burst: 10 };

/** kubectl: client-go's defaults (see CLIENT_GO_DEFAULT). */
export const KUBECTL: ClientLimits = CLIENT_GO_DEFAULT;
