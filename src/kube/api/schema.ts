// One schema per kind the API serves: the Go types of k8s.io/api (v1.31) as the
// apiserver's JSON decoder sees them. decode.ts walks an object against its kind's
// schema and says what the real decoder would: a type error in encoding/json's words
// (`json: cannot unmarshal number into Go struct field Container.spec.containers.image
// of type string`), or the unknown fields strict decoding refuses (kubectl asks for
// --validate=strict, the default since 1.27):
//   Deployment in version "v1" cannot be handled as a Deployment: strict decoding
//   error: unknown field "spec.replica"
// Shapes the lessons and the components use are spelled out field by field; deep,
// rarely written parts (probes, affinity, security contexts, volumes) are `any`, which
// the decoder accepts whatever they hold.

/** A Go type, as far as JSON decoding cares. */
export type Schema =
  | { readonly k: 'string' | 'bool' | 'int32' | 'int64' | 'float64' | 'bytes' | 'any' }
  /** metav1.Time: a string on the wire; its zero value encodes as null, which stays. */
  | { readonly k: 'time' }
  /** intstr.IntOrString: a JSON string, else an int32. */
  | { readonly k: 'intstr' }
  /** resource.Quantity: a string or a number (the format is checked by validation). */
  | { readonly k: 'quantity' }
  | { readonly k: 'map'; readonly of: Schema; readonly go?: string }
  | { readonly k: 'list'; readonly of: Schema }
  /** `fill`: a value (not pointer) struct field. Go always encodes it, as `{}` when
   * empty, so an object stored without it comes back with it: `spec: {}` on a Node. */
  | { readonly k: 'struct'; readonly go: string; readonly fields: Readonly<Record<string, Schema>>; readonly fill?: boolean };

const S: Schema = { k: 'string' };
const T: Schema = { k: 'time' };
const B: Schema = { k: 'bool' };
const I32: Schema = { k: 'int32' };
const I64: Schema = { k: 'int64' };
const ANY: Schema = { k: 'any' };
const INTSTR: Schema = { k: 'intstr' };
const QTY: Schema = { k: 'quantity' };
const list = (of: Schema): Schema => ({ k: 'list', of });
const map = (of: Schema = S, go?: string): Schema => ({ k: 'map', of, ...(go ? { go } : {}) });
const struct = (go: string, fields: Record<string, Schema>, fill = false): Schema => ({ k: 'struct', go, fields, ...(fill ? { fill } : {}) });
/** Fields of one type, named in a space-separated list. */
const of = (type: Schema, names: string): Record<string, Schema> => Object.fromEntries(names.split(/\s+/).filter(Boolean).map((n) => [n, type]));

// ---- metav1 ----

const OWNER_REF = struct('OwnerReference', { ...of(S, 'apiVersion kind name uid'), ...of(B, 'controller blockOwnerDeletion') });
const META = struct('ObjectMeta', {
  ...of(S, 'name generateName namespace selfLink uid resourceVersion'),
  ...of(T, 'creationTimestamp deletionTimestamp'),
  ...of(I64, 'generation deletionGracePeriodSeconds'),
  labels: map(), annotations: map(),
  ownerReferences: list(OWNER_REF), finalizers: list(S), managedFields: list(ANY),
});
const SELECTOR = struct('LabelSelector', {
  matchLabels: map(),
  matchExpressions: list(struct('LabelSelectorRequirement', { key: S, operator: S, values: list(S) })),
});
const OBJECT_REF = struct('ObjectReference', of(S, 'kind namespace name uid apiVersion resourceVersion fieldPath'), true);
const CONDITION_FIELDS = { ...of(S, 'type status reason message'), ...of(T, 'lastProbeTime lastTransitionTime lastHeartbeatTime lastUpdateTime'), observedGeneration: I64 };

// ---- core/v1 pods ----

const RESOURCES = struct('ResourceRequirements', { limits: map(QTY, 'v1.ResourceList'), requests: map(QTY, 'v1.ResourceList'), claims: list(ANY) });
const CONTAINER = struct('Container', {
  ...of(S, 'name image imagePullPolicy restartPolicy terminationMessagePath terminationMessagePolicy workingDir'),
  ...of(list(S), 'command args'),
  ...of(B, 'stdin stdinOnce tty'),
  ports: list(struct('ContainerPort', { ...of(S, 'name hostIP protocol'), ...of(I32, 'containerPort hostPort') })),
  env: list(struct('EnvVar', { name: S, value: S, valueFrom: ANY })),
  resources: RESOURCES,
  volumeMounts: list(struct('VolumeMount', { ...of(S, 'name mountPath subPath subPathExpr mountPropagation recursiveReadOnly'), readOnly: B })),
  ...of(ANY, 'envFrom lifecycle livenessProbe readinessProbe startupProbe resizePolicy securityContext volumeDevices'),
});
const TOLERATION = struct('Toleration', { ...of(S, 'key operator value effect'), tolerationSeconds: I64 });
const POD_SPEC = struct('PodSpec', {
  ...of(list(CONTAINER), 'containers initContainers'),
  ...of(S, 'dnsPolicy hostname nodeName preemptionPolicy priorityClassName restartPolicy runtimeClassName schedulerName serviceAccount serviceAccountName subdomain'),
  ...of(B, 'automountServiceAccountToken enableServiceLinks hostIPC hostNetwork hostPID hostUsers setHostnameAsFQDN shareProcessNamespace'),
  ...of(I64, 'activeDeadlineSeconds terminationGracePeriodSeconds'),
  priority: I32,
  nodeSelector: map(),
  overhead: map(QTY, 'v1.ResourceList'),
  tolerations: list(TOLERATION),
  volumes: list(struct('Volume', { name: S, ...of(ANY, 'hostPath emptyDir secret configMap projected persistentVolumeClaim downwardAPI nfs csi ephemeral') })),
  ...of(ANY, 'affinity dnsConfig ephemeralContainers hostAliases imagePullSecrets os readinessGates resourceClaims resources schedulingGates securityContext topologySpreadConstraints'),
});
const CONTAINER_STATE = struct('ContainerState', {
  waiting: struct('ContainerStateWaiting', of(S, 'reason message')),
  running: struct('ContainerStateRunning', { startedAt: T }),
  terminated: struct('ContainerStateTerminated', { ...of(I32, 'exitCode signal'), ...of(S, 'reason message containerID'), ...of(T, 'startedAt finishedAt') }),
});
const CONTAINER_STATUS = struct('ContainerStatus', {
  ...of(S, 'name image imageID containerID'),
  ...of(B, 'ready started'),
  restartCount: I32,
  state: CONTAINER_STATE,
  lastState: CONTAINER_STATE,
  ...of(ANY, 'allocatedResources resources volumeMounts user'),
});
const POD_STATUS = struct('PodStatus', {
  ...of(S, 'phase hostIP podIP qosClass reason message nominatedNodeName'),
  startTime: T,
  conditions: list(struct('PodCondition', CONDITION_FIELDS)),
  ...of(list(CONTAINER_STATUS), 'containerStatuses initContainerStatuses ephemeralContainerStatuses'),
  ...of(list(struct('PodIP', { ip: S })), 'podIPs hostIPs'),
});
const TEMPLATE = struct('PodTemplateSpec', { metadata: META, spec: POD_SPEC });

// ---- apps/v1 ----

const WORKLOAD_STATUS = (go: string) => struct(go, {
  ...of(I32, 'replicas updatedReplicas readyReplicas availableReplicas unavailableReplicas fullyLabeledReplicas collisionCount'),
  observedGeneration: I64,
  conditions: list(struct(`${go.replace('Status', '')}Condition`, CONDITION_FIELDS)),
});

// ---- batch/v1 ----

const JOB_SPEC = struct('JobSpec', {
  ...of(I32, 'parallelism completions backoffLimit backoffLimitPerIndex maxFailedIndexes ttlSecondsAfterFinished'),
  activeDeadlineSeconds: I64,
  ...of(B, 'manualSelector suspend'),
  ...of(S, 'completionMode podReplacementPolicy managedBy'),
  selector: SELECTOR,
  template: TEMPLATE,
  ...of(ANY, 'podFailurePolicy successPolicy'),
});
const JOB_STATUS = struct('JobStatus', {
  conditions: list(struct('JobCondition', CONDITION_FIELDS)),
  ...of(T, 'startTime completionTime'),
  ...of(I32, 'active succeeded failed terminating ready'),
  ...of(S, 'completedIndexes failedIndexes'),
  uncountedTerminatedPods: struct('UncountedTerminatedPods', of(list(S), 'succeeded failed')),
});

// ---- the kinds ----

/** Every object's own fields: apiVersion, kind, metadata. */
const top = (kind: string, fields: Record<string, Schema>): Schema => struct(kind, { apiVersion: S, kind: S, metadata: META, ...fields });

export const KIND_SCHEMAS: Readonly<Record<string, Schema>> = {
  Pod: top('Pod', { spec: POD_SPEC, status: POD_STATUS }),
  Deployment: top('Deployment', {
    spec: struct('DeploymentSpec', {
      ...of(I32, 'replicas minReadySeconds revisionHistoryLimit progressDeadlineSeconds'),
      paused: B,
      selector: SELECTOR,
      template: TEMPLATE,
      strategy: struct('DeploymentStrategy', { type: S, rollingUpdate: struct('RollingUpdateDeployment', of(INTSTR, 'maxSurge maxUnavailable')) }),
    }),
    status: WORKLOAD_STATUS('DeploymentStatus'),
  }),
  ReplicaSet: top('ReplicaSet', {
    spec: struct('ReplicaSetSpec', { ...of(I32, 'replicas minReadySeconds'), selector: SELECTOR, template: TEMPLATE }),
    status: WORKLOAD_STATUS('ReplicaSetStatus'),
  }),
  Service: top('Service', {
    spec: struct('ServiceSpec', {
      ...of(S, 'clusterIP externalName externalTrafficPolicy internalTrafficPolicy ipFamilyPolicy loadBalancerClass loadBalancerIP sessionAffinity trafficDistribution type'),
      ...of(list(S), 'clusterIPs externalIPs ipFamilies loadBalancerSourceRanges'),
      ...of(B, 'allocateLoadBalancerNodePorts publishNotReadyAddresses'),
      healthCheckNodePort: I32,
      selector: map(),
      sessionAffinityConfig: ANY,
      ports: list(struct('ServicePort', { ...of(S, 'appProtocol name protocol'), ...of(I32, 'nodePort port'), targetPort: INTSTR })),
    }),
    status: struct('ServiceStatus', { loadBalancer: struct('LoadBalancerStatus', { ingress: list(ANY) }), conditions: list(ANY) }),
  }),
  Secret: top('Secret', { type: S, immutable: B, data: map({ k: 'bytes' }, 'map[string][]uint8'), stringData: map() }),
  ConfigMap: top('ConfigMap', { immutable: B, data: map(), binaryData: map({ k: 'bytes' }, 'map[string][]uint8') }),
  ServiceAccount: top('ServiceAccount', { automountServiceAccountToken: B, secrets: list(OBJECT_REF), imagePullSecrets: list(struct('LocalObjectReference', { name: S })) }),
  Namespace: top('Namespace', { spec: struct('NamespaceSpec', { finalizers: list(S) }), status: struct('NamespaceStatus', { phase: S, conditions: list(ANY) }) }),
  Node: top('Node', {
    spec: struct('NodeSpec', {
      ...of(S, 'podCIDR providerID externalID'),
      podCIDRs: list(S),
      unschedulable: B,
      taints: list(struct('Taint', { ...of(S, 'key value effect'), timeAdded: T })),
      configSource: ANY,
    }, true),
    status: struct('NodeStatus', {
      ...of(map(QTY, 'v1.ResourceList'), 'capacity allocatable'),
      phase: S,
      conditions: list(struct('NodeCondition', CONDITION_FIELDS)),
      addresses: list(struct('NodeAddress', of(S, 'type address'))),
      ...of(ANY, 'daemonEndpoints nodeInfo images volumesInUse volumesAttached config runtimeHandlers features'),
    }, true),
  }),
  Event: top('Event', {
    involvedObject: OBJECT_REF,
    ...of(S, 'reason message type action reportingComponent reportingInstance'),
    ...of(T, 'firstTimestamp lastTimestamp eventTime'),
    source: struct('EventSource', of(S, 'component host'), true),
    count: I32,
    ...of(ANY, 'series related'),
  }),
  Lease: top('Lease', {
    spec: struct('LeaseSpec', {
      ...of(S, 'holderIdentity preferredHolder strategy'),
      ...of(T, 'acquireTime renewTime'),
      ...of(I32, 'leaseDurationSeconds leaseTransitions'),
    }, true),
  }),
  Endpoints: top('Endpoints', {
    subsets: list(struct('EndpointSubset', {
      ...of(list(struct('EndpointAddress', { ...of(S, 'ip hostname nodeName'), targetRef: struct('ObjectReference', of(S, 'kind namespace name uid apiVersion resourceVersion fieldPath')) })), 'addresses notReadyAddresses'),
      ports: list(struct('EndpointPort', { ...of(S, 'name protocol appProtocol'), port: I32 })),
    })),
  }),
  EndpointSlice: top('EndpointSlice', {
    addressType: S,
    endpoints: list(struct('Endpoint', {
      addresses: list(S),
      conditions: struct('EndpointConditions', of(B, 'ready serving terminating')),
      ...of(S, 'hostname nodeName zone'),
      targetRef: struct('ObjectReference', of(S, 'kind namespace name uid apiVersion resourceVersion fieldPath')),
      ...of(ANY, 'deprecatedTopology hints'),
    })),
    ports: list(struct('EndpointPort', { ...of(S, 'name protocol appProtocol'), port: I32 })),
  }),
  Job: top('Job', { spec: JOB_SPEC, status: JOB_STATUS }),
  CronJob: top('CronJob', {
    spec: struct('CronJobSpec', {
      ...of(S, 'schedule timeZone concurrencyPolicy'),
      startingDeadlineSeconds: I64,
      suspend: B,
      jobTemplate: struct('JobTemplateSpec', { metadata: META, spec: JOB_SPEC }),
      ...of(I32, 'successfulJobsHistoryLimit failedJobsHistoryLimit'),
    }),
    status: struct('CronJobStatus', { active: list(OBJECT_REF), ...of(T, 'lastScheduleTime lastSuccessfulTime') }),
  }),
};
