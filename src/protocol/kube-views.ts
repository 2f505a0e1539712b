// The views the Kubernetes processes publish (Process.view()), and the apiserver's
// small picture of the cluster: what the UI draws nodes, pods and leases from.

export interface ElectorView {
  readonly lease: string;
  readonly identity: string;
  readonly leader: boolean;
  /** The holder this candidate last saw. */
  readonly holder: string;
}

/** A clientset's client-side rate limiter (client-go QPS / Burst), in the view of the
 * process that owns it once it has had to wait. */
export interface ClientRateView {
  /** "replicaset-controller", "kubelet", "events"… */
  readonly name: string;
  readonly qps: number;
  readonly burst: number;
  /** Requests waiting for a token right now. */
  readonly waiting: number;
  /** Requests that had to wait so far, and the longest wait (ms). */
  readonly throttled: number;
  readonly longestWaitMs: number;
}

export interface SchedulerView {
  readonly kind: 'kube-scheduler';
  readonly election: ElectorView;
  readonly pending: number;
  readonly unschedulable: number;
  /** Sim ms this scheduler last became leader (unset while it never was). */
  readonly leaderSinceMs?: number;
  /** The filter plugins it runs, in order, and the score plugins with their weights. */
  readonly filterPlugins?: readonly string[];
  readonly scorePlugins?: readonly { readonly name: string; readonly weight: number }[];
  /** Its last decision per pod, oldest first; at most `keep` of them (fewer rows are
   * kept per decision in a large cluster: the view crosses to the page every frame). */
  readonly decisions?: readonly SchedulingDecision[];
  readonly keep?: number;
  /** Its clientsets that had to wait for their client-side rate limiter (none: unset). */
  readonly clients?: readonly ClientRateView[];
}

/** How the scheduler placed one pod (or failed to): every node it considered, the
 * first filter that rejected it, and the scores of the nodes that passed. */
export interface SchedulingDecision {
  /** "default/web-7c5d-x2x9q". */
  readonly pod: string;
  readonly uid: string;
  /** Sim ms of the attempt. */
  readonly atMs: number;
  /** The node chosen (the binding it sent); unset when the pod fits nowhere. */
  readonly node?: string;
  /** The FitError message ("0/3 nodes are available: …") when it fits nowhere. */
  readonly message?: string;
  readonly rows: readonly DecisionRow[];
  /** Score plugins whose PreScore skipped the pod (not run; 0 in every row). */
  readonly skipped?: readonly string[];
}

export interface DecisionRow {
  readonly node: string;
  /** The first filter plugin that rejected the node (those before it passed, those after
   * it did not run); unset: every filter passed. */
  readonly failed?: { readonly plugin: string; readonly status: string; readonly reasons: readonly string[] };
  /** Per score plugin (SchedulerView.scorePlugins' order), 0–100; only for nodes that passed. */
  readonly scores?: readonly number[];
  /** Σ weight × score. */
  readonly total?: number;
}

/** A Service port as one node's kube-proxy has programmed it (iptables mode). */
export interface ProxyRule {
  /** "default/web". */
  readonly service: string;
  readonly clusterIP: string;
  readonly port: number;
  readonly protocol: string;
  /** "10.244.1.2:80", sorted: the ready endpoints the rule load-balances over. */
  readonly endpoints: readonly string[];
  /** The Service's type (ClusterIP, NodePort, LoadBalancer). */
  readonly type?: string;
  /** status.loadBalancer.ingress[0] (ip or hostname), when the Service has one. */
  readonly externalIP?: string;
}

export interface KubeProxyView {
  readonly kind: 'kube-proxy';
  readonly synced: boolean;
  readonly rules: readonly ProxyRule[];
  /** Its clientsets that had to wait for their client-side rate limiter (none: unset). */
  readonly clients?: readonly ClientRateView[];
}

export interface ControllerManagerView {
  readonly kind: 'kube-controller-manager';
  readonly election: ElectorView;
  readonly controllers: readonly string[];
  readonly synced: boolean;
  /** Its clientsets that had to wait for their client-side rate limiter (none: unset). */
  readonly clients?: readonly ClientRateView[];
}

export interface KubeletView {
  readonly kind: 'kubelet';
  readonly registered: boolean;
  readonly podCIDR: string;
  readonly pods: readonly { name: string; namespace: string; phase: string; containers: readonly { name: string; state: string; restarts: number }[] }[];
  /** Its clientsets that had to wait for their client-side rate limiter (none: unset). */
  readonly clients?: readonly ClientRateView[];
}

export interface LoadBalancerView {
  readonly kind: 'load-balancer';
  readonly backends: readonly { host: string; up: boolean; connections: number }[];
}

export interface PodSummary {
  readonly namespace: string;
  readonly name: string;
  /** "" while unscheduled. */
  readonly node: string;
  readonly phase: string;
  /** Has a deletionTimestamp (kubectl shows Terminating). */
  readonly terminating: boolean;
  readonly ready: boolean;
  readonly restarts: number;
  /** A waiting container's reason (ContainerCreating, CrashLoopBackOff) or the pod's
   * PodScheduled=False message for an unschedulable pod. */
  readonly reason?: string;
  readonly mirror: boolean;
  readonly owner?: string;
  /** status.podIP (unset until the kubelet gives it one). */
  readonly ip?: string;
  /** Sim ms of its PodScheduled=True condition (when it was bound). */
  readonly scheduledAtMs?: number;
  /** Sim ms when the taint manager evicts it: its node's NoExecute taint's timeAdded
   * plus the pod's tolerationSeconds for it (unset while it has nothing to fear). */
  readonly evictAtMs?: number;
}

export interface NodeSummary {
  readonly name: string;
  readonly ready: 'True' | 'False' | 'Unknown';
  readonly unschedulable: boolean;
  readonly taints: readonly string[];
  readonly podCIDR: string;
  /** status.addresses' InternalIP: where the other nodes route this node's pod CIDR. */
  readonly internalIP?: string;
  readonly labels: Readonly<Record<string, string>>;
  /** Sim ms each NoExecute taint was added, by its key. */
  readonly noExecuteSinceMs?: Readonly<Record<string, number>>;
}

export interface ClusterSummary {
  readonly pods: readonly PodSummary[];
  readonly nodes: readonly NodeSummary[];
  /** "kube-system/kube-scheduler" → holderIdentity. */
  readonly leases: Readonly<Record<string, string>>;
  /** "kube-system/kube-scheduler", "kube-node-lease/worker-1" → when the holder last
   * renewed it (sim ms) and for how long that holds: a silent holder loses it (or its
   * node goes NotReady) when renewMs + durationS runs out. */
  readonly leaseTimes?: Readonly<Record<string, { readonly renewMs: number; readonly durationS: number }>>;
  /** `paused`: set by kubectl rollout pause (absent when not). */
  readonly deployments: readonly { namespace: string; name: string; replicas: number; ready: number; paused?: true }[];
  /** Jobs with kubectl's STATUS and COMPLETIONS texts and their active pod count. */
  readonly jobs?: readonly { namespace: string; name: string; status: string; completions: string; active: number }[];
  /** CronJobs: schedule, suspended, active Jobs, last schedule (sim ms) if any, and the
   * next (the first scheduled minute after the last start or the creation; none while
   * suspended). */
  readonly cronjobs?: readonly { namespace: string; name: string; schedule: string; suspend: boolean; active: number; lastScheduleMs?: number; nextScheduleMs?: number }[];
}

export interface ApiserverView {
  readonly kind: 'kube-apiserver';
  readonly ready: boolean;
  readonly revision: number;
  readonly objects: number;
  readonly watchers: number;
  readonly etcdEndpoint: string;
  /** What this apiserver's cache says of the cluster (what kubectl would show): the UI
   * draws pods, node readiness and lease holders from the freshest live apiserver. */
  readonly cluster: ClusterSummary;
}
