// The resources this cluster serves, with their etcd key layout. Keys are
// `/registry/<resource>/<namespace>/<name>` (cluster-scoped: `/registry/<resource>/<name>`),
// with the real exceptions: nodes live under `/registry/minions/` and services under
// `/registry/services/specs/` (their Endpoints under `/registry/services/endpoints/`) (realism.md, "Storage in etcd").

export type ResourceName =
  | 'pods'
  | 'nodes'
  | 'namespaces'
  | 'services'
  | 'serviceaccounts'
  | 'secrets'
  | 'configmaps'
  | 'events'
  | 'deployments'
  | 'replicasets'
  | 'leases'
  | 'endpoints'
  | 'endpointslices'
  | 'jobs'
  | 'cronjobs';

export interface ResourceInfo {
  readonly name: ResourceName;
  readonly kind: string;
  readonly apiVersion: string;
  readonly namespaced: boolean;
  /** The etcd key prefix, ending in "/". */
  readonly prefix: string;
  /** What kubectl accepts: singular, short names. */
  readonly aliases: readonly string[];
  /** `kind.group` as error messages print it: `deployments.apps`. */
  readonly qualified: string;
}

const R = (name: ResourceName, kind: string, apiVersion: string, namespaced: boolean, prefix: string, aliases: string[]): ResourceInfo => {
  const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
  return { name, kind, apiVersion, namespaced, prefix, aliases, qualified: group ? `${name}.${group}` : name };
};

export const RESOURCES: Readonly<Record<ResourceName, ResourceInfo>> = {
  pods: R('pods', 'Pod', 'v1', true, '/registry/pods/', ['pod', 'po']),
  nodes: R('nodes', 'Node', 'v1', false, '/registry/minions/', ['node', 'no']),
  namespaces: R('namespaces', 'Namespace', 'v1', false, '/registry/namespaces/', ['namespace', 'ns']),
  services: R('services', 'Service', 'v1', true, '/registry/services/specs/', ['service', 'svc']),
  serviceaccounts: R('serviceaccounts', 'ServiceAccount', 'v1', true, '/registry/serviceaccounts/', ['serviceaccount', 'sa']),
  secrets: R('secrets', 'Secret', 'v1', true, '/registry/secrets/', ['secret']),
  configmaps: R('configmaps', 'ConfigMap', 'v1', true, '/registry/configmaps/', ['configmap', 'cm']),
  events: R('events', 'Event', 'v1', true, '/registry/events/', ['event', 'ev']),
  deployments: R('deployments', 'Deployment', 'apps/v1', true, '/registry/deployments/', ['deployment', 'deploy']),
  replicasets: R('replicasets', 'ReplicaSet', 'apps/v1', true, '/registry/replicasets/', ['replicaset', 'rs']),
  leases: R('leases', 'Lease', 'coordination.k8s.io/v1', true, '/registry/leases/', ['lease']),
  endpoints: R('endpoints', 'Endpoints', 'v1', true, '/registry/services/endpoints/', ['endpoint', 'ep']),
  endpointslices: R('endpointslices', 'EndpointSlice', 'discovery.k8s.io/v1', true, '/registry/endpointslices/', ['endpointslice']),
  jobs: R('jobs', 'Job', 'batch/v1', true, '/registry/jobs/', ['job']),
  cronjobs: R('cronjobs', 'CronJob', 'batch/v1', true, '/registry/cronjobs/', ['cronjob', 'cj']),
};

export const RESOURCE_LIST: readonly ResourceInfo[] = Object.values(RESOURCES);

/** kubectl's resource argument ("po", "deploy", "deployments.apps") → the resource. */
export function resolveResource(arg: string): ResourceInfo | undefined {
  const a = arg.toLowerCase();
  return RESOURCE_LIST.find((r) => r.name === a || r.aliases.includes(a) || r.qualified === a || `${r.aliases[0]}.${r.qualified.split('.').slice(1).join('.')}` === a);
}

export function resourceOfKind(kind: string): ResourceInfo | undefined {
  return RESOURCE_LIST.find((r) => r.kind === kind);
}

/** The etcd key of one object. */
export function keyOf(r: ResourceInfo, namespace: string | undefined, name: string): string {
  return r.namespaced ? `${r.prefix}${namespace ?? 'default'}/${name}` : `${r.prefix}${name}`;
}

/** The etcd key prefix of a list: all namespaces, or one. */
export function listPrefix(r: ResourceInfo, namespace?: string): string {
  return r.namespaced && namespace ? `${r.prefix}${namespace}/` : r.prefix;
}

/** Which resource an etcd key belongs to, with its namespace and name. */
export function parseKey(key: string): { resource: ResourceInfo; namespace?: string; name: string } | undefined {
  for (const r of RESOURCE_LIST) {
    if (!key.startsWith(r.prefix)) continue;
    const rest = key.slice(r.prefix.length);
    if (!r.namespaced) return rest.includes('/') ? undefined : { resource: r, name: rest };
    const slash = rest.indexOf('/');
    if (slash < 0) return undefined;
    return { resource: r, namespace: rest.slice(0, slash), name: rest.slice(slash + 1) };
  }
  return undefined;
}

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;
