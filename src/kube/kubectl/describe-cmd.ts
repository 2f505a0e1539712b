// kubectl describe: one object by name, every object of a kind without one, or (as
// kubectl does) every object whose name starts with the one given; each with its events
// and what its describer looks up beside it.

import type { CommandResult } from '../../sim/process';
import { parseSelector } from '../api/labels';
import { resolveResource, type ResourceInfo } from '../api/resources';
import type { EndpointSlice, KubeEvent, KubeObject, Lease, Pod, ReplicaSet, Secret } from '../api/types';
import { describe, type Related } from './describe';
import { kubectlError } from './errors';
import type { KubectlEnv } from './env';

type Reply = (r: CommandResult) => void;

/** -l (equality selectors, as `get -l` takes them) and -A. */
export interface DescribeOptions {
  readonly selector?: string;
  readonly allNamespaces?: boolean;
}

export function describeCmd(args: string[], ns: string, env: KubectlEnv, reply: Reply, opts: DescribeOptions = {}): void {
  let [typeArg, name] = args;
  if (typeArg?.includes('/')) [typeArg, name] = [typeArg.slice(0, typeArg.indexOf('/')), typeArg.slice(typeArg.indexOf('/') + 1)];
  if (!typeArg) return reply({ ok: false, error: 'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.' });
  const r = resolveResource(typeArg);
  if (!r) return reply({ ok: false, error: `error: the server doesn't have a resource type "${typeArg}"` });
  const labelSelector = opts.selector !== undefined ? parseSelector(opts.selector) : undefined;
  if (opts.selector !== undefined && !labelSelector) return reply({ ok: false, error: `error: unable to parse requirement: "${opts.selector}"` });
  if (labelSelector && name) return reply({ ok: false, error: 'error: name cannot be provided when a selector is specified' });
  const all = !!opts.allNamespaces && r.namespaced;
  const nsOpt = r.namespaced && !all ? { namespace: ns } : {};
  const none = r.namespaced && !all ? `No resources found in ${ns} namespace.` : 'No resources found';
  // Several objects are printed one after another, two blank lines apart.
  const describeAll = (objs: readonly KubeObject[]) => {
    const texts: string[] = new Array<string>(objs.length);
    let left = objs.length;
    objs.forEach((o, i) =>
      describeOne(r, o, o.metadata.namespace ?? ns, env, (text) => {
        texts[i] = text;
        if (--left === 0) reply({ ok: true, output: texts.join('\n\n\n') });
      }),
    );
  };
  const listed = (cb: (items: KubeObject[]) => void) =>
    env.request({ verb: 'list', resource: r.name, ...nsOpt, ...(labelSelector ? { options: { labelSelector } } : {}) }, (res) => (res.ok ? cb([...(res.list?.items ?? [])]) : reply({ ok: false, error: kubectlError(res.status) })));
  // No name: every object of the kind (that the selector picks).
  if (!name) return listed((items) => (items.length === 0 ? reply({ ok: false, error: none }) : describeAll(items)));
  env.request({ verb: 'get', resource: r.name, ...nsOpt, name }, (res) => {
    if (res.ok && res.object) return describeAll([res.object]);
    if (res.ok || res.status.reason !== 'NotFound') return reply({ ok: false, error: res.ok ? 'not found' : kubectlError(res.status) });
    // As kubectl does: no object of that name, so every object whose name starts with it
    // (`kubectl describe pod web` describes the Deployment's pods).
    listed((items) => {
      const matches = items.filter((o) => (o.metadata.name ?? '').startsWith(name!));
      if (matches.length === 0) reply({ ok: false, error: kubectlError(res.status) });
      else describeAll(matches);
    });
  });
}

/** One object's description, with its events and what its describer looks up (a
 * node's pods and Lease, a Deployment's ReplicaSets, …). */
function describeOne(r: ResourceInfo, obj: KubeObject, ns: string, env: KubectlEnv, done: (text: string) => void): void {
  const objNs = obj.metadata.namespace ?? ns;
  env.request({ verb: 'list', resource: 'events', ...(r.namespaced ? { namespace: objNs } : {}), options: { resourceVersion: '0' } }, (ev) => {
    const events = ((ev.ok ? ev.list?.items : []) ?? []) as KubeEvent[];
    relatedTo(r, obj, objNs, env, (extra) => done(describe(obj, { events, ...extra }, env.now())));
  });
}

/** The objects a describer shows beside the one described, read from the watch cache
 * as kubectl's describers' list calls are served. */
function relatedTo(r: ResourceInfo, obj: KubeObject, ns: string, env: KubectlEnv, done: (extra: Omit<Related, 'events'>) => void): void {
  const list = (resource: ResourceInfo['name'], opts: { namespace?: string; nodeName?: string; labelSelector?: Record<string, string> }, cb: (items: KubeObject[]) => void) =>
    env.request({ verb: 'list', resource, ...(opts.namespace ? { namespace: opts.namespace } : {}), options: { resourceVersion: '0', ...(opts.nodeName ? { nodeName: opts.nodeName } : {}), ...(opts.labelSelector ? { labelSelector: opts.labelSelector } : {}) } }, (res) => cb([...((res.ok ? res.list?.items : []) ?? [])]));
  const name = obj.metadata.name ?? '';
  switch (r.name) {
    case 'deployments':
      return list('replicasets', { namespace: ns }, (items) => done({ replicaSets: items as ReplicaSet[] }));
    case 'services':
      return list('endpointslices', { namespace: ns, labelSelector: { 'kubernetes.io/service-name': name } }, (items) => done({ endpointSlices: items as EndpointSlice[] }));
    case 'serviceaccounts':
      return list('secrets', { namespace: ns }, (items) => done({ secrets: items as Secret[] }));
    case 'nodes':
      return list('pods', { nodeName: name }, (pods) =>
        env.request({ verb: 'get', resource: 'leases', namespace: 'kube-node-lease', name, options: { resourceVersion: '0' } }, (l) => {
          done({ pods: pods as Pod[], ...(l.ok && l.object ? { lease: l.object as Lease } : {}) });
        }),
      );
    default:
      return done({});
  }
}
