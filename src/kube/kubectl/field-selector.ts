// `kubectl get --field-selector`: `a=b`, `a==b`, `a!=b`, joined by commas (all must hold),
// over the fields each resource's registry lets a selector use (metadata.name and
// metadata.namespace everywhere; pods' spec.nodeName, status.phase…; events'
// involvedObject.*, reason, type…), refused for any other field in the apiserver's words.
// The console filters the list it got; the real apiserver filters before it answers:
// the same rows, one request on the graph either way.

import type { ResourceInfo, ResourceName } from '../api/resources';

interface Requirement {
  readonly field: string;
  readonly value: string;
  readonly equal: boolean;
}

/** Fields each resource supports beyond metadata.name / metadata.namespace (the
 * registries' GetAttrs / AddFieldLabelConversionFunc lists, Kubernetes 1.31). */
const FIELDS: Partial<Record<ResourceName, readonly string[]>> = {
  pods: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'spec.hostNetwork', 'status.phase', 'status.podIP', 'status.podIPs', 'status.nominatedNodeName'],
  nodes: ['spec.unschedulable'],
  events: ['involvedObject.kind', 'involvedObject.namespace', 'involvedObject.name', 'involvedObject.uid', 'involvedObject.apiVersion', 'involvedObject.resourceVersion', 'involvedObject.fieldPath', 'reason', 'reportingComponent', 'source', 'type'],
  secrets: ['type'],
  namespaces: ['status.phase'],
  replicasets: ['status.replicas'],
  jobs: ['status.successful'],
  services: ['spec.clusterIP', 'spec.type'],
};

export function parseFieldSelector(text: string): Requirement[] | { error: string } {
  const out: Requirement[] = [];
  for (const part of text.split(',')) {
    if (part.trim() === '') continue;
    const m = /^([^=!]+)(==|=|!=)(.*)$/.exec(part.trim());
    if (!m) return { error: `error: invalid selector: '${text}'; can't understand '${part}'` };
    out.push({ field: m[1]!.trim(), value: m[3]!.trim(), equal: m[2] !== '!=' });
  }
  return out;
}

function fieldValue(obj: unknown, field: string, resource: ResourceName): string {
  if (resource === 'events' && field === 'source') {
    const o = obj as { source?: { component?: string }; reportingComponent?: string };
    return o.source?.component ?? o.reportingComponent ?? '';
  }
  let v: unknown = obj;
  for (const step of field.split('.')) v = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[step] : undefined;
  if (field === 'status.podIPs' && Array.isArray(v)) return (v as { ip?: string }[]).map((x) => x.ip ?? '').join(',');
  if (v === undefined || v === null) return field === 'spec.unschedulable' || field === 'spec.hostNetwork' ? 'false' : '';
  return String(v);
}

/** The objects the requirements keep, or the apiserver's refusal of an unknown field. */
export function filterByFields<T>(items: readonly T[], reqs: readonly Requirement[], r: ResourceInfo, text: string, labelText = ''): { items: T[] } | { error: string } {
  const allowed = ['metadata.name', 'metadata.namespace', ...(FIELDS[r.name] ?? [])];
  const bad = reqs.find((q) => !allowed.includes(q.field));
  if (bad) {
    const [group, version] = r.apiVersion.includes('/') ? r.apiVersion.split('/') : ['', r.apiVersion];
    return { error: `Error from server (BadRequest): Unable to find {"${group}" "${version}" "${r.name}"} that match label selector "${labelText}", field selector "${text}": field label not supported: ${bad.field}` };
  }
  return { items: items.filter((o) => reqs.every((q) => (fieldValue(o, q.field, r.name) === q.value) === q.equal)) };
}
