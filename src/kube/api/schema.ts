// The fields each kind has, for strict decoding: kubectl asks the apiserver to refuse a
// manifest with a field the type does not have (--validate=strict, the default since
// 1.27), so a typo such as `replica: 3` or `imagee:` is an error, not silently ignored:
//   Deployment in version "v1" cannot be handled as a Deployment: strict decoding
//   error: unknown field "spec.replica"
// Shapes the lessons write are spelled out; deep or rarely written parts (probes,
// affinity, security contexts, status) are open.

/** A field set; `MAP` takes any keys (labels, data), `OPEN` anything below. */
type Shape = { readonly [field: string]: Shape | 'leaf' } | 'MAP' | 'OPEN';
const leaf = 'leaf' as const;
const OPEN: Shape = 'OPEN';
const MAP: Shape = 'MAP';
const fields = (names: string, nested: Record<string, Shape> = {}): Shape => {
  const out: Record<string, Shape | 'leaf'> = {};
  for (const n of names.split(/\s+/).filter(Boolean)) out[n] = leaf;
  return { ...out, ...nested };
};

const META = fields('name generateName namespace uid resourceVersion generation creationTimestamp deletionTimestamp deletionGracePeriodSeconds finalizers selfLink', {
  labels: MAP,
  annotations: MAP,
  ownerReferences: OPEN,
  managedFields: OPEN,
});
const CONTAINER = fields('args command image imagePullPolicy name restartPolicy stdin stdinOnce terminationMessagePath terminationMessagePolicy tty workingDir', {
  env: OPEN, envFrom: OPEN, lifecycle: OPEN, livenessProbe: OPEN, readinessProbe: OPEN, startupProbe: OPEN, resizePolicy: OPEN, securityContext: OPEN, volumeDevices: OPEN, volumeMounts: OPEN,
  ports: fields('containerPort hostIP hostPort name protocol'),
  resources: fields('', { limits: MAP, requests: MAP, claims: OPEN }),
});
const POD_SPEC = fields(
  'activeDeadlineSeconds automountServiceAccountToken dnsPolicy enableServiceLinks hostIPC hostNetwork hostPID hostUsers hostname nodeName preemptionPolicy priority priorityClassName restartPolicy runtimeClassName schedulerName serviceAccount serviceAccountName setHostnameAsFQDN shareProcessNamespace subdomain terminationGracePeriodSeconds',
  {
    containers: CONTAINER, initContainers: CONTAINER, nodeSelector: MAP, overhead: MAP,
    tolerations: fields('effect key operator tolerationSeconds value'),
    affinity: OPEN, dnsConfig: OPEN, ephemeralContainers: OPEN, hostAliases: OPEN, imagePullSecrets: OPEN, os: OPEN, readinessGates: OPEN, resourceClaims: OPEN, resources: OPEN, schedulingGates: OPEN, securityContext: OPEN, topologySpreadConstraints: OPEN, volumes: OPEN,
  },
);
const SELECTOR = fields('', { matchLabels: MAP, matchExpressions: OPEN });
const TEMPLATE = fields('', { metadata: META, spec: POD_SPEC });
const top = (names: string, nested: Record<string, Shape>): Shape => fields(`apiVersion kind ${names}`, { metadata: META, status: OPEN, ...nested });

const KINDS: Readonly<Record<string, Shape>> = {
  Pod: top('', { spec: POD_SPEC }),
  Deployment: top('', {
    spec: fields('replicas minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds', {
      selector: SELECTOR, template: TEMPLATE,
      strategy: fields('type', { rollingUpdate: fields('maxSurge maxUnavailable') }),
    }),
  }),
  ReplicaSet: top('', { spec: fields('replicas minReadySeconds', { selector: SELECTOR, template: TEMPLATE }) }),
  Service: top('', {
    spec: fields(
      'allocateLoadBalancerNodePorts clusterIP clusterIPs externalIPs externalName externalTrafficPolicy healthCheckNodePort internalTrafficPolicy ipFamilies ipFamilyPolicy loadBalancerClass loadBalancerIP loadBalancerSourceRanges publishNotReadyAddresses sessionAffinity trafficDistribution type',
      { selector: MAP, sessionAffinityConfig: OPEN, ports: fields('appProtocol name nodePort port protocol targetPort') },
    ),
  }),
  Secret: top('type immutable', { data: MAP, stringData: MAP }),
  ConfigMap: top('immutable', { data: MAP, binaryData: MAP }),
  ServiceAccount: top('automountServiceAccountToken', { secrets: OPEN, imagePullSecrets: OPEN }),
  Namespace: top('', { spec: OPEN }),
};

/** The paths of fields the kind does not have, as the decoder names them
 * ("spec.template.spec.containers[0].imagee"); empty when everything is known or the
 * kind is not checked here. */
export function unknownFields(obj: unknown): string[] {
  const kind = (obj as { kind?: unknown } | null)?.kind;
  const shape = typeof kind === 'string' ? KINDS[kind] : undefined;
  if (!shape) return [];
  const out: string[] = [];
  walk(obj, shape, '', out);
  return out;
}

function walk(v: unknown, shape: Shape, path: string, out: string[]): void {
  if (shape === 'MAP' || shape === 'OPEN' || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    v.forEach((item, i) => walk(item, shape, `${path}[${i}]`, out));
    return;
  }
  for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
    const at = path ? `${path}.${k}` : k;
    const s = shape[k];
    if (s === undefined) out.push(at);
    else if (s !== 'leaf') walk(child, s, at, out);
  }
}
