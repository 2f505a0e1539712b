// Type-confused manifests of every kind the API serves, generated from the kinds'
// schemas (src/kube/api/schema.ts): well-typed values most of the time, a hostile one
// (wrong JSON type, out-of-range number, prototype names, null) now and then; and
// known-good objects with one field replaced or removed, which reach deeper (they pass
// the decoder's other checks, so the controllers, scheduler and kubelets meet them).

import fc from 'fast-check';
import { KIND_SCHEMAS, type Schema } from '../kube/api/schema';
import { resourceOfKind } from '../kube/api/resources';

export const KINDS = Object.keys(KIND_SCHEMAS);

/** Any JSON value a careless or hostile user might type where something else belongs. */
export const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 8 }),
  fc.boolean(),
  fc.constantFrom([], {}, [1], [[]], { a: 1 }, 1e9, 3e9, 2147483648, -1, 1.5, 1e30, '', '__proto__', 'constructor', 'toString', '0', '100%', '-5'),
  fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', 'x', 'name', 'spec'), fc.oneof(fc.integer(), fc.string({ maxLength: 4 }), fc.constant(null)), { maxKeys: 2 }),
);

const word = fc.constantFrom('web', 'nginx', 'nginx:1.27', 'a', 'app', 'Always', 'Never', 'TCP', 'IPv4', 'NoSchedule', 'NoExecute', 'Exists', 'Equal', 'In', 'True', 'Ready', 'ClusterIP', 'RollingUpdate', 'Recreate', 'default', 'kube-system', 'worker-1', 'master-1', '10.0.0.1', '25%', 'exit 1');

function typed(s: Schema, depth: number): fc.Arbitrary<unknown> {
  switch (s.k) {
    case 'time':
      return fc.constantFrom('2024-01-01T00:00:00Z', 'yesterday', '');
    case 'string':
      return fc.oneof({ weight: 4, arbitrary: word }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) });
    case 'bool':
      return fc.boolean();
    case 'int32':
    case 'int64':
    case 'float64':
      return fc.oneof(fc.integer({ min: -2, max: 6 }), fc.constantFrom(0, 80, 2147483647, -2147483648, 30));
    case 'intstr':
      return fc.oneof(fc.integer({ min: 0, max: 3 }), fc.constantFrom('25%', '0%', '1', 'x'));
    case 'quantity':
      return fc.constantFrom('100m', '1', '128Mi', '2Gi', 'abc', '-1', 5, '0');
    case 'bytes':
      return fc.constantFrom('aGVsbG8=', 'not base64!', '', 'YQ');
    case 'any':
      return hostile;
    case 'map':
      return depth > 4 ? fc.constant({}) : fc.dictionary(fc.oneof(word, fc.string({ maxLength: 6 })), field(s.of, depth + 1), { maxKeys: 3 });
    case 'list':
      return depth > 4 ? fc.constant([]) : fc.array(field(s.of, depth + 1), { maxLength: 2 });
    case 'struct': {
      if (depth > 5) return fc.constant({});
      const keys = Object.keys(s.fields);
      return fc.subarray(keys, { maxLength: Math.min(5, keys.length) }).chain((chosen) => fc.record(Object.fromEntries(chosen.map((k) => [k, field(s.fields[k]!, depth + 1)]))));
    }
  }
}

/** A field's value: well-typed mostly, hostile sometimes. */
function field(s: Schema, depth: number): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: typed(s, depth) }, { weight: 1, arbitrary: hostile });
}

/** An object of `kind` built from its schema, with a plausible apiVersion and name. */
export function schemaManifest(kind: string): fc.Arbitrary<Record<string, unknown>> {
  const s = KIND_SCHEMAS[kind]!;
  const r = resourceOfKind(kind)!;
  return fc.tuple(typed(s, 0), fc.nat(9999), fc.oneof({ weight: 8, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: hostile })).map(([body, n, meta]) => ({
    ...(body as Record<string, unknown>),
    apiVersion: r.apiVersion,
    kind,
    metadata: meta === undefined ? { name: `fz-${n}` } : meta,
  }));
}

/** Known-good objects, one per kind: what the mutations start from. */
export const GOOD: Readonly<Record<string, Record<string, unknown>>> = {
  Pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'fz', labels: { app: 'fz' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '100m' } }, ports: [{ containerPort: 80 }] }], tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }], nodeSelector: { disk: 'ssd' }, nodeName: 'worker-1' }, status: { phase: 'Running', podIP: '10.244.1.9', conditions: [{ type: 'Ready', status: 'True' }], containerStatuses: [{ name: 'c', image: 'nginx:1.27', imageID: '', ready: true, restartCount: 0, state: { running: { startedAt: '2024-01-01T00:00:00Z' } } }] } },
  Deployment: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'fz' }, spec: { replicas: 2, selector: { matchLabels: { app: 'fz' } }, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } }, template: { metadata: { labels: { app: 'fz' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } } },
  ReplicaSet: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'fz' }, spec: { replicas: 2, selector: { matchLabels: { app: 'fzr' } }, template: { metadata: { labels: { app: 'fzr' } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } } } },
  Service: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'fz' }, spec: { selector: { app: 'fz' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }], type: 'ClusterIP' } },
  Secret: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'fz' }, type: 'Opaque', data: { a: 'aGVsbG8=' } },
  ConfigMap: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fz' }, data: { a: 'b' } },
  ServiceAccount: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'fz' }, secrets: [{ name: 'x' }] },
  Namespace: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'fz' }, spec: { finalizers: ['kubernetes'] } },
  Node: { apiVersion: 'v1', kind: 'Node', metadata: { name: 'fz', labels: { a: 'b' } }, spec: { unschedulable: false, taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }], podCIDR: '10.244.9.0/24' }, status: { conditions: [{ type: 'Ready', status: 'True' }], capacity: { cpu: '2', pods: '110' } } },
  Event: { apiVersion: 'v1', kind: 'Event', metadata: { name: 'fz' }, involvedObject: { kind: 'Pod', name: 'x', namespace: 'default' }, reason: 'R', message: 'm', type: 'Normal', source: { component: 'c' }, count: 1 },
  Lease: { apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'fz' }, spec: { holderIdentity: 'x', leaseDurationSeconds: 15, renewTime: '2024-01-01T00:00:00.000000Z' } },
  Job: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'fzj' }, spec: { completions: 2, parallelism: 2, backoffLimit: 1, activeDeadlineSeconds: 60, ttlSecondsAfterFinished: 30, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 2; exit 1'] }] } } } },
  CronJob: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'fzc' }, spec: { schedule: '*/1 * * * *', concurrencyPolicy: 'Forbid', successfulJobsHistoryLimit: 1, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox:1.36', command: ['true'] }] } } } } } },
  Endpoints: { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'fz' }, subsets: [{ addresses: [{ ip: '10.244.1.5', nodeName: 'worker-1' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }] },
  EndpointSlice: { apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', metadata: { name: 'fz', labels: { 'kubernetes.io/service-name': 'fz' } }, addressType: 'IPv4', endpoints: [{ addresses: ['10.244.1.5'], conditions: { ready: true }, nodeName: 'worker-1' }], ports: [{ port: 80, protocol: 'TCP' }] },
};

/** Every path into a JSON value ([] is the value itself). */
function paths(v: unknown, at: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  out.push(at);
  if (Array.isArray(v)) v.forEach((x, i) => paths(x, [...at, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) paths(x, [...at, k], out);
  return out;
}

function mutate(obj: unknown, path: readonly (string | number)[], value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  const copy: Record<string | number, unknown> = Array.isArray(obj) ? [...(obj as unknown[])] as unknown as Record<number, unknown> : { ...(obj as Record<string, unknown>) };
  if (rest.length === 0 && remove) {
    if (Array.isArray(copy)) (copy as unknown as unknown[]).splice(head as number, 1);
    else delete copy[head!];
  } else copy[head!] = mutate(copy[head!], rest, value, remove);
  return copy;
}

/** A known-good object of `kind` with one field (never apiVersion or kind) replaced by a
 * hostile value, or removed. */
export function mutatedManifest(kind: string): fc.Arbitrary<Record<string, unknown>> {
  const good = GOOD[kind]!;
  const all = paths(good).filter((p) => p.length > 0 && p[0] !== 'apiVersion' && p[0] !== 'kind');
  return fc.tuple(fc.constantFrom(...all), hostile, fc.boolean(), fc.nat(9999)).map(([p, value, remove, n]) => {
    const m = mutate(good, p, value, remove) as Record<string, unknown>;
    // A fresh name, so each one is a create (unless the mutation was the name itself).
    const meta = m.metadata;
    if (meta && typeof meta === 'object' && !Array.isArray(meta) && (meta as Record<string, unknown>).name === 'fz') return { ...m, metadata: { ...meta, name: `fz-${n}` } };
    return m;
  });
}

/** Either family, for any kind. */
export const anyManifest: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(...KINDS).chain((k) => fc.oneof(schemaManifest(k), mutatedManifest(k)));
