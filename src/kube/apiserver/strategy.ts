// What the apiserver does to an object before it is stored (the registry "strategies"):
// names from generateName, uid, creationTimestamp, generation, defaults, validation,
// admission for pods, ClusterIP and NodePort allocation for Services; and on update, which fields
// the client may not change (uid, creationTimestamp, and status through the main
// resource — status has its own subresource).

import { admitNode, admitPod } from '../api/admission';
import { applyDefaults } from '../api/defaults';
import type { ResourceInfo } from '../api/resources';
import { timestamp } from '../api/time';
import { illegalBase64At } from '../api/service-account-token';
import type { KubeObject, Node, Pod, PodSpec, Secret, Service } from '../api/types';
import { status, type Status } from '../api/wire';
import { invalidStatus, validate, type FieldError } from '../api/validation';
import { canonical } from '../api/canonical';
import { decodeFailure, decodeFailureOfField, asDecoded } from '../api/decode';
import { carryNodePorts } from './node-ports';

export interface StrategyContext {
  readonly now: number;
  readonly randomChars: (n: number) => string;
  readonly uid: () => string;
  readonly tolerationSeconds: number;
  readonly allocateClusterIP: () => string | undefined;
  /** Node ports for a NodePort or LoadBalancer Service (node-ports.ts). */
  readonly assignNodePorts?: NodePortAssigner;
  /** The request's body already passed decodeError (the apiserver checks it first, so
   * that a 400 comes before any other answer): not checked twice. */
  readonly bodyChecked?: boolean;
}

/** Gives a Service its node ports (the old object on update), or the field errors. */
export type NodePortAssigner = (svc: Service, old?: Service) => Service | FieldError[];

/** Resources whose spec changes bump metadata.generation (controllers compare it with
 * status.observedGeneration). */
const GENERATIONAL = new Set(['deployments', 'replicasets', 'jobs', 'cronjobs']);

export function prepareCreate(r: ResourceInfo, given: KubeObject, namespace: string | undefined, ctx: StrategyContext): KubeObject | Status {
  if (given.kind !== r.kind) return status('BadRequest', `the API version in the data (${String(given.apiVersion)}) does not match the expected API version (${r.apiVersion})`);
  const undecodable = ctx.bodyChecked ? undefined : decodeError(r, given);
  if (undecodable) return undecodable;
  const body = asDecoded({ ...given, metadata: given.metadata ?? {} }, r.kind);
  const meta = { ...body.metadata };
  if (!meta.name && meta.generateName) meta.name = meta.generateName + ctx.randomChars(5);
  if (r.namespaced) {
    if (meta.namespace && namespace && meta.namespace !== namespace) {
      return status('BadRequest', `the namespace of the provided object does not match the namespace sent on the request`);
    }
    meta.namespace = namespace ?? meta.namespace ?? 'default';
  } else delete meta.namespace;
  meta.uid = ctx.uid();
  meta.creationTimestamp = timestamp(ctx.now);
  delete meta.resourceVersion;
  delete meta.deletionTimestamp;
  if (GENERATIONAL.has(r.name)) meta.generation = 1;
  let obj: KubeObject = applyDefaults({ ...body, metadata: meta });
  const errors = validate(obj, r);
  if (errors.length > 0) return invalidStatus(obj, r, errors);
  if (r.name === 'pods') {
    const pod = admitPod(obj as Pod, { tolerationSeconds: ctx.tolerationSeconds, randomChars: ctx.randomChars });
    obj = { ...pod, status: { phase: 'Pending', qosClass: qosClass(pod.spec) } };
  }
  if (r.name === 'nodes') obj = admitNode(obj as Node);
  if (r.name === 'services') {
    const svc = obj as Service;
    if (!svc.spec.clusterIP && svc.spec.type !== 'ExternalName') {
      const ip = ctx.allocateClusterIP();
      if (!ip) return status('InternalError', 'Internal error occurred: failed to allocate a serviceIP: range is full');
      obj = { ...svc, spec: { ...svc.spec, clusterIP: ip, clusterIPs: [ip] } };
    }
    const assigned = ctx.assignNodePorts?.(obj as Service);
    if (Array.isArray(assigned)) return invalidStatus(obj, r, assigned);
    if (assigned) obj = assigned;
  }
  if (GENERATIONAL.has(r.name)) obj = { ...obj, status: {} };
  return obj;
}

/** An update through the main resource: the spec and metadata may change; status,
 * uid and creationTimestamp stay. */
export function prepareUpdate(r: ResourceInfo, old: KubeObject, given: KubeObject, bodyChecked = false, assignNodePorts?: NodePortAssigner): KubeObject | Status {
  const undecodable = bodyChecked ? undefined : decodeError(r, given);
  if (undecodable) return undecodable;
  const body = asDecoded({ ...given, metadata: given.metadata ?? {} }, r.kind);
  const meta = {
    ...body.metadata,
    name: old.metadata.name,
    uid: old.metadata.uid,
    creationTimestamp: old.metadata.creationTimestamp,
    ...(old.metadata.namespace !== undefined ? { namespace: old.metadata.namespace } : {}),
    ...(old.metadata.deletionTimestamp !== undefined ? { deletionTimestamp: old.metadata.deletionTimestamp, deletionGracePeriodSeconds: old.metadata.deletionGracePeriodSeconds } : {}),
  };
  let obj: KubeObject = applyDefaults({ ...body, metadata: meta });
  // Status has its own subresource: an update of the object keeps the old status.
  if (old.status !== undefined) obj = { ...obj, status: old.status };
  else delete obj.status;
  if (r.name === 'pods') {
    const refused = podSpecChange((old as Pod).spec, (obj as Pod).spec);
    if (refused) return invalidStatus(obj, r, [{ field: 'spec', type: 'Forbidden', detail: refused }]);
  }
  if (GENERATIONAL.has(r.name)) {
    const changed = JSON.stringify(obj.spec) !== JSON.stringify(old.spec);
    obj = { ...obj, metadata: { ...obj.metadata, generation: (old.metadata.generation ?? 1) + (changed ? 1 : 0) } };
  }
  if (r.name === 'services') obj = carryNodePorts(old as Service, obj as Service);
  const errors = validate(obj, r);
  if (errors.length > 0) return invalidStatus(obj, r, errors);
  if (r.name === 'services' && assignNodePorts) {
    const assigned = assignNodePorts(obj as Service, old as Service);
    if (Array.isArray(assigned)) return invalidStatus(obj, r, assigned);
    obj = assigned;
  }
  return obj;
}

/** What fails while the request body is decoded, before any validation (a 400): a
 * field of the wrong JSON type (decode.ts); a Secret's data, []byte in Go and sent as
 * base64, that is not base64. Unknown fields are accepted here (client-go's requests
 * ask for no strict validation; kubectl checks them itself, as strict decoding). */
export function decodeError(r: ResourceInfo, body: KubeObject): Status | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return status('BadRequest', `${r.kind} in version "${r.apiVersion.slice(r.apiVersion.indexOf('/') + 1)}" cannot be handled as a ${r.kind}: json: cannot unmarshal ${Array.isArray(body) ? 'array' : typeof body === 'string' ? 'string' : 'number'} into Go value of type v1.${r.kind}`);
  const failure = decodeFailure({ ...body, kind: r.kind }, false);
  if (failure) return status('BadRequest', failure);
  if (r.name !== 'secrets') return undefined;
  for (const v of Object.values((body as Secret).data ?? {})) {
    const at = illegalBase64At(String(v));
    if (at !== undefined) return status('BadRequest', `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte ${at}`);
  }
  return undefined;
}

/** An update through /status: only the status changes, once it decodes. */
export function prepareStatusUpdate(r: ResourceInfo, old: KubeObject, body: KubeObject): KubeObject | Status {
  // `old` is the cache's object, decoded already: only the new status is walked (the
  // whole object was, for every kubelet's status post).
  const undecodable = decodeFailureOfField({ kind: r.kind, apiVersion: old.apiVersion }, 'status', body?.status);
  if (undecodable) return status('BadRequest', undecodable);
  return { ...old, status: body.status };
}

/** ValidatePodUpdate: a pod's spec is fixed once created but for a few fields. The
 * message (without the Go diff the real one appends), or undefined when allowed. */
function podSpecChange(was: PodSpec, now: PodSpec): string | undefined {
  const fixed = (spec: PodSpec) => {
    const { activeDeadlineSeconds: _a, terminationGracePeriodSeconds: _t, tolerations: _tol, ...rest } = spec as PodSpec & { activeDeadlineSeconds?: number; initContainers?: PodSpec['containers'] };
    const init = (spec as { initContainers?: PodSpec['containers'] }).initContainers;
    return canonical({ ...rest, containers: (spec.containers ?? []).map((c) => ({ ...c, image: '' })), ...(init ? { initContainers: init.map((c) => ({ ...c, image: '' })) } : {}) });
  };
  const kept = (was.tolerations ?? []).every((t) => (now.tolerations ?? []).some((n) => canonical(n) === canonical(t)));
  if (fixed(was) === fixed(now) && kept) return undefined;
  return 'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';
}

/** The pod's QoS class from its containers' requests and limits. */
function qosClass(spec: PodSpec): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  let any = false;
  let guaranteed = true;
  for (const c of spec.containers) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length > 0 || Object.keys(lim).length > 0) any = true;
    for (const res of ['cpu', 'memory']) {
      const l = lim[res];
      if (l === undefined || (req[res] !== undefined && req[res] !== l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

/** pods/binding: the scheduler's decision, refused if the pod is already bound or being
 * deleted; the pod gets its node and PodScheduled=True. */
export function prepareBind(pod: Pod, name: string, node: string, now: number): Pod | Status {
  if (pod.spec.nodeName) return status('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${pod.spec.nodeName}"`);
  if (pod.metadata.deletionTimestamp) return status('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is being deleted, cannot be assigned to a host`);
  const conditions = [...(pod.status?.conditions ?? []).filter((c) => c.type !== 'PodScheduled'), { type: 'PodScheduled' as const, status: 'True' as const, lastProbeTime: null, lastTransitionTime: timestamp(now) }];
  return { ...pod, spec: { ...pod.spec, nodeName: node }, status: { ...pod.status, conditions } };
}
