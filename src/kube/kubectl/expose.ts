// kubectl expose TYPE NAME: a Service for a Deployment, ReplicaSet, Pod or Service, as
// kubectl's expose command builds it. The selector is the exposed object's (a
// Deployment's or ReplicaSet's matchLabels, a Pod's labels, a Service's selector); the
// ports are --port or, without it, every container port of the object (a Service's
// ports), named port-1, port-2… when there are several; the target port is
// --target-port or the port itself; the Service takes the object's labels. It is the
// tutorials' first Service, so the console answers it instead of asking for a manifest.

import { resolveResource } from '../api/resources';
import type { Container, KubeObject, LabelSelector, ServicePort, ServiceSpec } from '../api/types';
import type { Flags, KubectlEnv, Reply } from './env';
import { kubectlError } from './errors';

const HELP = "\nSee 'kubectl expose -h' for help and examples";

const NO_RESOURCE = `error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'`;

/** A DNS-1035 label's longest form: a name longer than this is cut, as kubectl does. */
const NAME_MAX = 63;

export function expose(args: readonly string[], f: Flags, ns: string, env: KubectlEnv, reply: Reply): void {
  let [typeArg, name] = args;
  if (typeArg?.includes('/')) [typeArg, name] = [typeArg.slice(0, typeArg.indexOf('/')), typeArg.slice(typeArg.indexOf('/') + 1)];
  if (!typeArg) return reply({ ok: false, error: NO_RESOURCE });
  const r = resolveResource(typeArg);
  if (!r) return reply({ ok: false, error: `error: the server doesn't have a resource type "${typeArg}"` });
  if (!name) return reply({ ok: false, error: 'error: resource(s) were provided, but no name was specified' });
  if (!['deployments', 'replicasets', 'pods', 'services'].includes(r.name)) {
    const group = r.qualified.includes('.') ? `.${r.qualified.slice(r.qualified.indexOf('.') + 1)}` : '';
    return reply({ ok: false, error: `error: cannot expose a ${r.kind}${group}` });
  }
  env.request({ verb: 'get', resource: r.name, namespace: ns, name }, (cur) => {
    if (!cur.ok || !cur.object) return reply({ ok: false, error: cur.ok ? 'error: no object' : kubectlError(cur.status) });
    const made = serviceFor(cur.object, f);
    if (typeof made === 'string') return reply({ ok: false, error: made });
    env.request({ verb: 'create', resource: 'services', namespace: ns, body: made }, (res) => {
      reply(res.ok ? { ok: true, output: `service/${res.object?.metadata.name ?? made.metadata.name} exposed` } : { ok: false, error: kubectlError(res.status) });
    });
  });
}

/** The Service kubectl would create for `obj`, or its error text. */
export function serviceFor(obj: KubeObject, f: Flags): KubeObject & { spec: ServiceSpec } | string {
  const selector = selectorOf(obj);
  if (typeof selector === 'string') return `error: couldn't retrieve selectors via --selector flag or introspection: ${selector}${HELP}`;
  const given = f.values.get('port');
  const found = given === undefined ? portsOf(obj) : [{ port: given }];
  if (found.length === 0) return `error: couldn't find port via --port flag or introspection${HELP}`;
  const protocol = f.values.get('protocol');
  const ports: ServicePort[] = [];
  for (const [i, p] of found.entries()) {
    const text = String(p.port);
    if (!/^[+-]?\d+$/.test(text)) return `error: strconv.Atoi: parsing ${JSON.stringify(text)}: invalid syntax`;
    const port = Number(text);
    const target = f.values.get('target-port');
    ports.push({
      ...(found.length > 1 ? { name: `port-${i + 1}` } : {}),
      port,
      protocol: (protocol ?? ('protocol' in p ? p.protocol : undefined) ?? 'TCP') as ServicePort['protocol'],
      // intstr.Parse: a number is a port, anything else a port's name.
      targetPort: target === undefined ? port : /^\d+$/.test(target) ? Number(target) : target,
    });
  }
  const labels = obj.metadata.labels;
  const type = f.values.get('type');
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: (f.values.get('name') ?? obj.metadata.name ?? '').slice(0, NAME_MAX), ...(labels && Object.keys(labels).length > 0 ? { labels: { ...labels } } : {}) },
    spec: { ports, selector, ...(type !== undefined ? { type: type as ServiceSpec['type'] } : {}) },
  };
}

function selectorOf(obj: KubeObject): Record<string, string> | string {
  const spec = (obj as { spec?: { selector?: unknown } }).spec;
  switch (obj.kind) {
    case 'Pod': {
      const labels = obj.metadata.labels ?? {};
      return Object.keys(labels).length > 0 ? { ...labels } : 'the pod has no labels and cannot be exposed';
    }
    case 'Service': {
      const s = spec?.selector as Record<string, string> | undefined;
      return s && Object.keys(s).length > 0 ? { ...s } : 'the service has no pod selector set';
    }
    default: {
      // Deployment, ReplicaSet: a Service's selector is a map, so only matchLabels.
      const s = (spec?.selector ?? {}) as LabelSelector;
      if (s.matchExpressions && s.matchExpressions.length > 0) return `couldn't convert expressions - "${goExpressions(s.matchExpressions)}" to map-based selector format`;
      return { ...(s.matchLabels ?? {}) };
    }
  }
}

/** Every container port of the object (a Service's own ports), in order. */
function portsOf(obj: KubeObject): { port: number; protocol?: string }[] {
  const spec = (obj as { spec?: { ports?: ServicePort[]; containers?: Container[]; template?: { spec?: { containers?: Container[] } } } }).spec;
  if (obj.kind === 'Service') return (spec?.ports ?? []).map((p) => ({ port: p.port, ...(p.protocol ? { protocol: p.protocol } : {}) }));
  const containers = obj.kind === 'Pod' ? spec?.containers : spec?.template?.spec?.containers;
  return (containers ?? []).flatMap((c) => (c.ports ?? []).map((p) => ({ port: p.containerPort, ...(p.protocol ? { protocol: p.protocol } : {}) })));
}

/** Go's %+v of []LabelSelectorRequirement, as kubectl's error prints it. */
function goExpressions(es: NonNullable<LabelSelector['matchExpressions']>): string {
  return `[${es.map((e) => `{Key:${e.key} Operator:${e.operator} Values:[${(e.values ?? []).join(' ')}]}`).join(' ')}]`;
}
