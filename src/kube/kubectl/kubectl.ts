// kubectl in the console: the commands a lesson needs, over the same API the
// components use, with kubectl's output and error texts. One line in, one answer out
// (later, for drain, which waits for the evicted pods to go).

import { parseAllDocuments } from 'yaml';
import { tokenize } from '../../etcd/etcdctl';
import type { CommandResult } from '../../sim/process';
import { parseSelector } from '../api/labels';
import { resolveResource, resourceOfKind, RESOURCES, type ResourceInfo } from '../api/resources';
import type { Deployment, EndpointSlice, KubeEvent, KubeObject, Lease, Node, Pod, ReplicaSet, Secret } from '../api/types';
import { status, type KubeResult, type Status } from '../api/wire';
import { unknownFields } from '../api/schema';
import { kubectlError } from './errors';
import type { KubeCall } from '../clientset/kube-client';
import { describe, type Related } from './describe';
import { printList, printObject, qualifiedName } from './print';
import { drain } from './drain';
import { createGenerated } from './create';
import { canonical, threeWayMerge } from './apply-merge';

export interface KubectlEnv {
  request(call: KubeCall, cb: (r: KubeResult) => void): void;
  now(): number;
  /** Calls fn after ms of sim time (drain waits for pods to go). */
  after(ms: number, fn: () => void): void;
}

type Reply = (r: CommandResult) => void;

export interface Flags {
  readonly args: string[];
  readonly values: Map<string, string>;
  /** Every --from-literal, in order (the flag may repeat). */
  readonly literals: string[];
}

const VALUE_FLAGS: Record<string, string> = { n: 'namespace', namespace: 'namespace', o: 'output', output: 'output', l: 'selector', selector: 'selector', f: 'filename', filename: 'filename', replicas: 'replicas', image: 'image', 'grace-period': 'grace-period', port: 'port', timeout: 'timeout', duration: 'duration', 'from-literal': 'from-literal' };
const BOOL_FLAGS: Record<string, string> = { A: 'all-namespaces', 'all-namespaces': 'all-namespaces', force: 'force', 'ignore-daemonsets': 'ignore-daemonsets', 'delete-emptydir-data': 'delete-emptydir-data', 'show-labels': 'show-labels', w: 'watch', watch: 'watch', now: 'now' };

/** Real kubectl commands this console does not run, and why: saying "unknown command"
 * would teach that kubectl has no `logs`. */
const NOT_HERE: Record<string, string> = {
  logs: 'the simulated containers write no logs; kubectl describe pod shows their state and events',
  exec: 'the simulated containers run no programs',
  attach: 'the simulated containers run no programs',
  'port-forward': 'the simulation has no data path to the pods',
  proxy: 'the simulation has no data path to the apiserver from your browser',
  cp: 'the simulated containers have no files',
  top: 'there is no metrics-server in this cluster',
  edit: 'there is no editor here; use kubectl apply -f - with the changed manifest, or kubectl scale',
  rollout: 'not simulated; a changed template (kubectl apply) rolls out a new ReplicaSet',
  label: 'not simulated; kubectl apply -f - with the labels in the manifest',
  annotate: 'not simulated; kubectl apply -f - with the annotations in the manifest',
  taint: 'not simulated; the node lifecycle controller taints nodes, and cordon adds the unschedulable taint',
  expose: 'not simulated; apply a Service manifest with kubectl apply -f -',
  set: 'not simulated; kubectl apply -f - with the changed manifest',
  patch: 'not simulated; kubectl apply -f - with the changed manifest',
  replace: 'not simulated; kubectl apply -f - with the changed manifest',
  explain: 'there is no OpenAPI schema in this simulation',
  'api-resources': 'not simulated; kubectl get nodes, pods, deployments, replicasets, services, endpointslices, leases, events, namespaces, serviceaccounts, secrets and configmaps work',
  autoscale: 'there is no metrics-server, so no HorizontalPodAutoscaler',
  config: 'the console has one context: this cluster, through the load balancer',
  auth: 'the console is cluster-admin; RBAC is not simulated',
  debug: 'the simulated containers run no programs',
  wait: 'the console answers one line at a time; watch the graph instead',
  diff: 'not simulated',
};

const COMMANDS = ['get', 'describe', 'apply', 'create', 'delete', 'scale', 'cordon', 'uncordon', 'drain', 'run', 'version', 'cluster-info'];

export function parseFlags(tokens: string[]): Flags | { error: string } {
  const args: string[] = [];
  const values = new Map<string, string>();
  const literals: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (!t.startsWith('-') || t === '-') {
      args.push(t);
      continue;
    }
    const [raw, inline] = t.replace(/^--?/, '').split(/=(.*)/s, 2) as [string, string | undefined];
    if (BOOL_FLAGS[raw]) values.set(BOOL_FLAGS[raw]!, inline ?? 'true');
    else if (VALUE_FLAGS[raw]) {
      const v = inline ?? tokens[++i];
      if (v === undefined) return { error: `error: flag needs an argument: '${raw}' in ${t}` };
      values.set(VALUE_FLAGS[raw]!, v);
      if (raw === 'from-literal') literals.push(v);
    } else return { error: `error: unknown flag: ${t}\nSee 'kubectl --help' for usage.` };
  }
  return { args, values, literals };
}

export function runKubectl(line: string, stdin: string | undefined, env: KubectlEnv, reply: Reply): void {
  const tokens = tokenize(line.trim());
  if (tokens[0] !== 'kubectl') return reply({ ok: false, error: `unknown command "${tokens[0] ?? ''}"` });
  const f = parseFlags(tokens.slice(1));
  if ('error' in f) return reply({ ok: false, error: f.error });
  const [cmd, ...rest] = f.args;
  const ns = f.values.get('namespace') ?? 'default';
  const fail = (s: Status) => reply({ ok: false, error: kubectlError(s) });
  if (!cmd) return reply({ ok: true, output: `kubectl controls the Kubernetes cluster manager.\n\nCommands: ${COMMANDS.join(', ')}` });
  switch (cmd) {
    case 'get':
      return get(rest, f, ns, env, reply);
    case 'describe':
      return describeCmd(rest, ns, env, reply);
    case 'apply':
    case 'create':
      if (cmd === 'create' && createGenerated(rest, f, ns, env, reply, createObjects)) return;
      if (f.values.get('filename') !== '-') return reply({ ok: false, error: `error: must specify -f - and paste the manifest below the command line` });
      return applyText(stdin ?? '', ns, env, reply, cmd === 'apply');
    case 'run': {
      const image = f.values.get('image');
      if (!rest[0] || !image) return reply({ ok: false, error: 'error: NAME is required for run (kubectl run NAME --image=IMAGE)' });
      const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: rest[0], labels: { run: rest[0] } }, spec: { containers: [{ name: rest[0], image }] } };
      return createObjects([pod], ns, env, reply, false);
    }
    case 'delete':
      return deleteCmd(rest, f, ns, env, reply);
    case 'scale':
      return scale(rest, f, ns, env, reply);
    case 'cordon':
    case 'uncordon':
      return cordon(rest[0], cmd === 'cordon', env, reply);
    case 'drain':
      if (!rest[0]) return reply({ ok: false, error: 'error: USAGE: drain NODE [flags]' });
      return drain(rest[0], { force: f.values.has('force'), ignoreDaemonSets: f.values.has('ignore-daemonsets') }, env, reply);
    case 'version':
      return reply({ ok: true, output: 'Client Version: v1.31.4\nKustomize Version: v5.4.2\nServer Version: v1.31.4' });
    case 'cluster-info':
      return reply({ ok: true, output: 'Kubernetes control plane is running at https://lb:6443\nCoreDNS is running at https://lb:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy' });
    default:
      void fail;
      if (NOT_HERE[cmd]) return reply({ ok: false, error: `error: "kubectl ${cmd}" is not available in this console: ${NOT_HERE[cmd]}` });
      return reply({ ok: false, error: `error: unknown command "${cmd}" for "kubectl"${suggest(cmd)}\n\nRun 'kubectl --help' for usage.` });
  }
}

function suggest(cmd: string): string {
  const near = COMMANDS.filter((c) => distance(c, cmd) <= 2);
  return near.length > 0 ? `\n\nDid you mean this?\n${near.map((c) => `\t${c}`).join('\n')}` : '';
}

function distance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length]![b.length]!;
}

/** "pods", "deploy/web", "pods,svc" → resources (and names). */
function resources(arg: string): ResourceInfo[] | { error: string } {
  const out: ResourceInfo[] = [];
  for (const part of arg.split(',')) {
    const r = resolveResource(part);
    if (!r) return { error: `error: the server doesn't have a resource type "${part}"` };
    out.push(r);
  }
  return out;
}

function get(args: string[], f: Flags, ns: string, env: KubectlEnv, reply: Reply): void {
  if (f.values.has('watch')) return reply({ ok: false, error: 'error: --watch is not available in this console; the graph and the event log are live' });
  if (!args[0]) return reply({ ok: false, error: "You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified." });
  let typeArg = args[0];
  let names = args.slice(1);
  if (typeArg.includes('/')) {
    names = [typeArg.slice(typeArg.indexOf('/') + 1), ...names];
    typeArg = typeArg.slice(0, typeArg.indexOf('/'));
  }
  const rs = resources(typeArg);
  if ('error' in rs) return reply({ ok: false, error: rs.error });
  const output = f.values.get('output') as 'wide' | 'yaml' | 'json' | 'name' | undefined;
  if (output && !['wide', 'yaml', 'json', 'name'].includes(output)) return reply({ ok: false, error: `error: unable to match a printer suitable for the output format "${output}", allowed formats are: json,name,wide,yaml` });
  const all = f.values.has('all-namespaces');
  const selText = f.values.get('selector');
  const labelSelector = selText ? parseSelector(selText) : undefined;
  if (selText && !labelSelector) return reply({ ok: false, error: `error: unable to parse requirement: "${selText}"` });
  const opts = { output, allNamespaces: all, namespace: ns, nowMs: env.now(), showKind: rs.length > 1, showLabels: f.values.has('show-labels') };
  if (names.length > 0) {
    const r = rs[0]!;
    const got: KubeObject[] = [];
    let left = names.length;
    const errors: string[] = [];
    for (const name of names) {
      env.request({ verb: 'get', resource: r.name, ...(r.namespaced ? { namespace: ns } : {}), name }, (res) => {
        if (res.ok && res.object) got.push(res.object);
        else if (!res.ok) errors.push(kubectlError(res.status));
        if (--left > 0) return;
        const sorted = names.map((n) => got.find((o) => o.metadata.name === n)).filter((o): o is KubeObject => !!o);
        const out = sorted.length === 0 ? '' : output === 'yaml' || output === 'json' ? (sorted.length === 1 ? printObject(sorted[0]!, output) : printList(r, sorted, opts)) : printList(r, sorted, opts);
        if (errors.length > 0) reply({ ok: false, error: [out, ...errors].filter(Boolean).join('\n') });
        else reply({ ok: true, output: out });
      });
    }
    return;
  }
  const parts: string[] = new Array<string>(rs.length);
  let left = rs.length;
  let failed: string | undefined;
  rs.forEach((r, i) => {
    env.request({ verb: 'list', resource: r.name, ...(r.namespaced && !all ? { namespace: ns } : {}), ...(labelSelector ? { options: { labelSelector } } : {}) }, (res) => {
      if (!res.ok) failed ??= kubectlError(res.status);
      else {
        let items = [...(res.list?.items ?? [])];
        if (r.name === 'events') items = items.sort((a, b) => ((a as KubeEvent).lastTimestamp ?? '').localeCompare((b as KubeEvent).lastTimestamp ?? ''));
        parts[i] = items.length === 0 && rs.length > 1 ? '' : printList(r, items, opts);
      }
      if (--left > 0) return;
      if (failed) return reply({ ok: false, error: failed });
      const text = parts.filter((p) => p !== '').join('\n\n');
      reply({ ok: true, output: text === '' ? (all ? 'No resources found' : `No resources found in ${ns} namespace.`) : text });
    });
  });
}

function describeCmd(args: string[], ns: string, env: KubectlEnv, reply: Reply): void {
  let [typeArg, name] = args;
  if (typeArg?.includes('/')) [typeArg, name] = [typeArg.slice(0, typeArg.indexOf('/')), typeArg.slice(typeArg.indexOf('/') + 1)];
  if (!typeArg) return reply({ ok: false, error: 'You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.' });
  const r = resolveResource(typeArg);
  if (!r) return reply({ ok: false, error: `error: the server doesn't have a resource type "${typeArg}"` });
  const nsOpt = r.namespaced ? { namespace: ns } : {};
  // Several objects are printed one after another, two blank lines apart.
  const describeAll = (objs: readonly KubeObject[]) => {
    const texts: string[] = new Array<string>(objs.length);
    let left = objs.length;
    objs.forEach((o, i) =>
      describeOne(r, o, ns, env, (text) => {
        texts[i] = text;
        if (--left === 0) reply({ ok: true, output: texts.join('\n\n\n') });
      }),
    );
  };
  const listed = (cb: (items: KubeObject[]) => void) =>
    env.request({ verb: 'list', resource: r.name, ...nsOpt }, (res) => (res.ok ? cb([...(res.list?.items ?? [])]) : reply({ ok: false, error: kubectlError(res.status) })));
  // No name: every object of the kind.
  if (!name) return listed((items) => (items.length === 0 ? reply({ ok: false, error: r.namespaced ? `No resources found in ${ns} namespace.` : 'No resources found' }) : describeAll(items)));
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

/** Parses pasted YAML (one or more documents) into objects, or kubectl's error. */
export function parseManifests(text: string): KubeObject[] | { error: string } {
  if (text.trim() === '') return { error: 'error: no objects passed to apply: paste a manifest below the command line' };
  const docs = parseAllDocuments(text);
  const out: KubeObject[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if (d.errors.length > 0) return { error: `error: error parsing STDIN: error converting YAML to JSON: yaml: ${d.errors[0]!.message.split('\n')[0]}` };
    const v = d.toJS() as unknown;
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) return { error: 'error: error validating "STDIN": error validating data: the document is not a mapping' };
    const o = v as Partial<KubeObject>;
    const missing = [!o.apiVersion && 'apiVersion not set', !o.kind && 'kind not set'].filter(Boolean);
    if (missing.length > 0) return { error: `error: error validating "STDIN": error validating data: [${missing.join(', ')}]; if you choose to ignore these errors, turn validation off with --validate=false` };
    // The kind must be served in the version asked for (Deployment is apps/v1, not v1).
    const served = resourceOfKind(o.kind!);
    if (!served || served.apiVersion !== o.apiVersion) return { error: `error: resource mapping not found for name: "${o.metadata?.name ?? ''}" namespace: "" from "STDIN": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first` };
    out.push({ metadata: {}, ...o } as KubeObject);
  }
  if (out.length === 0) return { error: 'error: no objects passed to apply' };
  return out;
}

function applyText(text: string, ns: string, env: KubectlEnv, reply: Reply, apply: boolean): void {
  const objs = parseManifests(text);
  if ('error' in objs) return reply({ ok: false, error: objs.error });
  createObjects(objs, ns, env, reply, apply, 'STDIN');
}

/** kubectl apply (create or update, with the last-applied annotation) or create. */
export function createObjects(objs: KubeObject[], ns: string, env: KubectlEnv, reply: Reply, apply: boolean, source?: string): void {
  const lines: string[] = new Array<string>(objs.length);
  let failed = false;
  let left = objs.length;
  const done = (i: number, text: string, ok: boolean) => {
    lines[i] = text;
    failed ||= !ok;
    if (--left === 0) reply(failed ? { ok: false, error: lines.join('\n') } : { ok: true, output: lines.join('\n') });
  };
  objs.forEach((obj, i) => {
    const r = resourceOfKind(obj.kind)!;
    const name = obj.metadata.name ?? '';
    const objNs = r.namespaced ? (obj.metadata.namespace ?? ns) : undefined;
    const shown = qualifiedName(r, name);
    // kubectl asks for strict field validation: a misspelt field is refused, not ignored.
    const unknown = unknownFields(obj);
    if (unknown.length > 0) {
      const version = obj.apiVersion.slice(obj.apiVersion.indexOf('/') + 1);
      const strict = status('BadRequest', `${obj.kind} in version "${version}" cannot be handled as a ${obj.kind}: strict decoding error: ${unknown.map((u) => `unknown field "${u}"`).join(', ')}`);
      return done(i, kubectlError(strict, source !== undefined ? { verb: 'creating', file: source } : undefined), false);
    }
    const body = apply ? withLastApplied(obj) : obj;
    const create = () =>
      env.request({ verb: 'create', resource: r.name, ...(objNs ? { namespace: objNs } : {}), body }, (res) => {
        if (res.ok) done(i, `${qualifiedName(r, res.object?.metadata.name ?? name)} created`, true);
        else done(i, kubectlError(res.status, source !== undefined ? { verb: 'creating', file: source } : undefined), false);
      });
    if (!apply) return create();
    // apply patches: a conflict with a controller's write is retried from a fresh read,
    // as kubectl's patcher does (maxPatchRetry = 5).
    const attempt = (tries: number): void =>
    env.request({ verb: 'get', resource: r.name, ...(objNs ? { namespace: objNs } : {}), name }, (cur) => {
      if (!cur.ok && cur.status.reason === 'NotFound') return create();
      if (!cur.ok || !cur.object) return done(i, cur.ok ? 'error' : kubectlError(cur.status, source !== undefined ? { verb: 'retrieving current configuration of', file: source } : undefined), false);
      const was = cur.object;
      const lastText = was.metadata.annotations?.[LAST_APPLIED];
      const last = lastText ? parseJson(lastText) : undefined;
      const next = threeWayMerge(was, last, body) as KubeObject;
      if (canonical(next) === canonical(was)) return done(i, `${shown} unchanged`, true);
      // An object made by create (or by hand) has no last-applied annotation yet.
      const warning = lastText === undefined ? `Warning: resource ${r.name}/${name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n` : '';
      env.request({ verb: 'update', resource: r.name, ...(objNs ? { namespace: objNs } : {}), name, body: next }, (res) => {
        if (!res.ok && res.status.reason === 'Conflict' && tries < 5) return attempt(tries + 1);
        done(i, res.ok ? `${warning}${shown} configured` : kubectlError(res.status), res.ok);
      });
    });
    attempt(1);
  });
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function withLastApplied(obj: KubeObject): KubeObject {
  const annotations = { ...obj.metadata.annotations, [LAST_APPLIED]: JSON.stringify(obj) };
  return { ...obj, metadata: { ...obj.metadata, annotations } };
}

function deleteCmd(args: string[], f: Flags, ns: string, env: KubectlEnv, reply: Reply): void {
  let [typeArg, ...names] = args;
  if (typeArg?.includes('/')) {
    names = [typeArg.slice(typeArg.indexOf('/') + 1), ...names];
    typeArg = typeArg.slice(0, typeArg.indexOf('/'));
  }
  if (!typeArg || names.length === 0) return reply({ ok: false, error: 'error: resource(s) were provided, but no name was specified' });
  const r = resolveResource(typeArg);
  if (!r) return reply({ ok: false, error: `error: the server doesn't have a resource type "${typeArg}"` });
  const grace = f.values.has('grace-period') ? Number(f.values.get('grace-period')) : f.values.has('now') ? 1 : undefined;
  const lines: string[] = [];
  let failed = false;
  let left = names.length;
  for (const name of names) {
    env.request({ verb: 'delete', resource: r.name, ...(r.namespaced ? { namespace: ns } : {}), name, ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}) }, (res) => {
      // kubectl names the kind with its group: `deployment.apps "web" deleted`.
      const [kindGroup] = qualifiedName(r, name).split('/') as [string];
      lines.push(res.ok ? `${kindGroup} "${name}" deleted` : kubectlError(res.status));
      failed ||= !res.ok;
      if (--left === 0) reply(failed ? { ok: false, error: lines.join('\n') } : { ok: true, output: lines.join('\n') });
    });
  }
}

function scale(args: string[], f: Flags, ns: string, env: KubectlEnv, reply: Reply): void {
  let [typeArg, name] = args;
  if (typeArg?.includes('/')) [typeArg, name] = [typeArg.slice(0, typeArg.indexOf('/')), typeArg.slice(typeArg.indexOf('/') + 1)];
  const replicasText = f.values.get('replicas');
  if (replicasText === undefined) return reply({ ok: false, error: 'error: required flag(s) "replicas" not set' });
  const replicas = Number(replicasText);
  if (!/^-?\d+$/.test(replicasText)) return reply({ ok: false, error: `error: invalid argument "${replicasText}" for "--replicas" flag: strconv.ParseInt: parsing "${replicasText}": invalid syntax` });
  if (replicas < 0) return reply({ ok: false, error: 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0' });
  const r = typeArg ? resolveResource(typeArg) : undefined;
  if (!r || (r.name !== 'deployments' && r.name !== 'replicasets')) return reply({ ok: false, error: `error: the server doesn't have a resource type "${typeArg ?? ''}"` });
  if (!name) return reply({ ok: false, error: 'error: resource(s) were provided, but no name was specified' });
  // The scale subresource has no precondition: a controller's write in between is
  // not the user's conflict, so it is read again and retried.
  const attempt = (tries: number): void =>
    env.request({ verb: 'get', resource: r.name, namespace: ns, name }, (cur) => {
      if (!cur.ok || !cur.object) return reply({ ok: false, error: cur.ok ? '' : kubectlError(cur.status) });
      const o = cur.object as Deployment;
      env.request({ verb: 'update', resource: r.name, namespace: ns, name, body: { ...o, spec: { ...o.spec, replicas } } }, (res) => {
        if (!res.ok && res.status.reason === 'Conflict' && tries < 5) return attempt(tries + 1);
        reply(res.ok ? { ok: true, output: `${qualifiedName(r, name)} scaled` } : { ok: false, error: kubectlError(res.status) });
      });
    });
  attempt(1);
}

/** cordon / uncordon: spec.unschedulable. */
export function cordon(node: string | undefined, on: boolean, env: KubectlEnv, reply: Reply): void {
  if (!node) return reply({ ok: false, error: `error: USAGE: ${on ? 'cordon' : 'uncordon'} NODE [flags]` });
  env.request({ verb: 'get', resource: 'nodes', name: node }, (cur) => {
    if (!cur.ok || !cur.object) return reply({ ok: false, error: cur.ok ? '' : kubectlError(cur.status) });
    const n = cur.object as Node;
    if (!!n.spec.unschedulable === on) return reply({ ok: true, output: `node/${node} already ${on ? 'cordoned' : 'uncordoned'}` });
    const spec = { ...n.spec };
    if (on) spec.unschedulable = true;
    else delete spec.unschedulable;
    env.request({ verb: 'update', resource: 'nodes', name: node, body: { ...n, spec } }, (res) => {
      reply(res.ok ? { ok: true, output: `node/${node} ${on ? 'cordoned' : 'uncordoned'}` } : { ok: false, error: kubectlError(res.status) });
    });
  });
}

export { RESOURCES };
