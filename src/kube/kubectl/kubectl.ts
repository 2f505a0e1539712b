// kubectl in the console: the commands a lesson needs, over the same API the
// components use, with kubectl's output and error texts. One line in, one answer out
// (later, for drain, which waits for the evicted pods to go).

import { parseSelector } from '../api/labels';
import { resolveResource, RESOURCES, type ResourceInfo } from '../api/resources';
import type { Deployment, KubeEvent, KubeObject } from '../api/types';
import { applyText, createObjects } from './apply';
import { createGenerated, parseGoDuration } from './create';
import { describeCmd } from './describe-cmd';
import { cordon } from './cordon';
import { drain } from './drain';
import { expose } from './expose';
import { unreadFlag } from './command-flags';
import { flagOn, parseFlags, storedFlagName, type Flags, type KubectlEnv, type Reply } from './env';
import { kubectlError } from './errors';
import { filterByFields, parseFieldSelector } from './field-selector';
import { labelOrAnnotate } from './label';
import { printList, printObject, qualifiedName } from './print';
import { rollout } from './rollout';
import { setImage } from './set-image';
import { parseSortPath, sortByPath } from './sort-by';
import { taint } from './taint';

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
  patch: 'not simulated; kubectl apply -f - with the changed manifest',
  replace: 'not simulated; kubectl apply -f - with the changed manifest',
  explain: 'there is no OpenAPI schema in this simulation',
  'api-resources': 'not simulated; kubectl get nodes, pods, deployments, replicasets, jobs, cronjobs, services, endpoints, endpointslices, leases, events, namespaces, serviceaccounts, secrets and configmaps work',
  autoscale: 'there is no metrics-server, so no HorizontalPodAutoscaler',
  config: 'the console has one context: this cluster, through the load balancer',
  auth: 'the console is cluster-admin; RBAC is not simulated',
  debug: 'the simulated containers run no programs',
  wait: 'the console answers one line at a time; watch the graph instead',
  diff: 'not simulated',
};

const COMMANDS = ['get', 'describe', 'apply', 'create', 'expose', 'delete', 'scale', 'set', 'rollout', 'label', 'annotate', 'taint', 'cordon', 'uncordon', 'drain', 'run', 'version', 'cluster-info'];

/** kubectl with the shell's argv (src/shell): argv[0] is kubectl. */
export function runKubectl(argv: readonly string[], stdin: string | undefined, env: KubectlEnv, reply: Reply): void {
  if (argv[0] !== 'kubectl') return reply({ ok: false, error: `unknown command "${argv[0] ?? ''}"` });
  // A command this console does not run says so before its flags are read: "unknown
  // flag: --tail" would teach that kubectl logs has no --tail.
  const first = argv[1];
  if (first !== undefined && Object.hasOwn(NOT_HERE, first)) return reply({ ok: false, error: `error: "kubectl ${first}" is not available in this console: ${NOT_HERE[first]}` });
  const f = parseFlags(argv.slice(1));
  if ('error' in f) return reply({ ok: false, error: f.error });
  const [cmd, ...rest] = f.args;
  const ns = f.values.get('namespace') ?? 'default';
  if (!cmd) return reply({ ok: true, output: `kubectl controls the Kubernetes cluster manager.\n\nCommands: ${COMMANDS.join(', ')}` });
  // No flag accepted and then ignored: each command reads the flags it takes.
  const unread = unreadFlag(cmd === 'create' && rest[0] && !rest[0].startsWith('-') ? `create ${rest[0]}` : cmd, argv.slice(1), storedFlagName);
  if (unread) return reply({ ok: false, error: unread });
  switch (cmd) {
    case 'get':
      return get(rest, f, ns, env, reply);
    case 'describe':
      return describeCmd(rest, ns, env, reply, { ...(f.values.has('selector') ? { selector: f.values.get('selector')! } : {}), allNamespaces: flagOn(f, 'all-namespaces') });
    case 'apply':
    case 'create':
      if (cmd === 'create' && createGenerated(rest, f, ns, env, reply)) return;
      if (f.values.get('filename') !== '-') return reply({ ok: false, error: `error: must specify -f - and paste the manifest below the command line` });
      return applyText(stdin ?? '', ns, env, reply, cmd === 'apply');
    case 'run':
      return run(rest, f, ns, env, reply);
    case 'expose':
      return expose(rest, f, ns, env, reply);
    case 'delete':
      return deleteCmd(rest, f, ns, env, reply);
    case 'scale':
      return scale(rest, f, ns, env, reply);
    case 'set':
      if (rest[0] === 'image') return setImage(rest.slice(1), ns, env, reply, resolveResource);
      if (!rest[0]) return reply({ ok: false, error: 'error: Required resource not specified.\nAvailable Commands: env, image, resources, selector, serviceaccount, subject' });
      return reply({ ok: false, error: `error: "kubectl set ${rest[0]}" is not available in this console: kubectl set image works; for other changes, kubectl apply -f - with the changed manifest` });
    case 'rollout':
      return rollout(rest, f.values.get('to-revision'), ns, env, reply);
    case 'label':
    case 'annotate':
      return labelOrAnnotate(cmd === 'label' ? 'labels' : 'annotations', rest, flagOn(f, 'overwrite'), ns, env, reply, resolveResource);
    case 'taint':
      return taint(rest, flagOn(f, 'overwrite'), env, reply, resolveResource);
    case 'cordon':
    case 'uncordon':
      return cordon(rest[0], cmd === 'cordon', env, reply);
    case 'drain':
      if (!rest[0]) return reply({ ok: false, error: 'error: USAGE: drain NODE [flags]' });
      return drainCmd(rest[0], f, env, reply);
    case 'version':
      return reply({ ok: true, output: 'Client Version: v1.31.4\nKustomize Version: v5.4.2\nServer Version: v1.31.4' });
    case 'cluster-info':
      return reply({ ok: true, output: 'Kubernetes control plane is running at https://lb:6443\nCoreDNS is running at https://lb:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy' });
    default:
      if (NOT_HERE[cmd]) return reply({ ok: false, error: `error: "kubectl ${cmd}" is not available in this console: ${NOT_HERE[cmd]}` });
      return reply({ ok: false, error: `error: unknown command "${cmd}" for "kubectl"${suggest(cmd)}\n\nRun 'kubectl --help' for usage.` });
  }
}

/** kubectl run NAME --image=IMAGE [--port] [--restart] [-l labels] [--command] -- …:
 * the words after `--` are the container's args, or its command with --command. */
function run(args: string[], f: Flags, ns: string, env: KubectlEnv, reply: Reply): void {
  const name = args[0];
  const image = f.values.get('image');
  if (!name || !image) return reply({ ok: false, error: 'error: NAME is required for run (kubectl run NAME --image=IMAGE)' });
  const restart = f.values.get('restart') ?? 'Always';
  if (!['Always', 'OnFailure', 'Never'].includes(restart)) return reply({ ok: false, error: `error: invalid restart policy: ${restart}` });
  const labelText = f.values.get('selector');
  const labels = labelText !== undefined ? parseSelector(labelText) : { run: name };
  if (!labels) return reply({ ok: false, error: `error: invalid label spec: ${labelText}` });
  const port = f.values.get('port');
  if (port !== undefined && !/^\d+$/.test(port)) return reply({ ok: false, error: `error: invalid argument "${port}" for "--port" flag: strconv.ParseInt: parsing "${port}": invalid syntax` });
  const words = f.afterDash ?? [];
  if (flagOn(f, 'command') && words.length === 0) return reply({ ok: false, error: 'error: --command requires arguments after --' });
  const container = {
    name,
    image,
    ...(words.length > 0 ? (flagOn(f, 'command') ? { command: words } : { args: words }) : {}),
    ...(port !== undefined ? { ports: [{ containerPort: Number(port) }] } : {}),
  };
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels }, spec: { containers: [container], restartPolicy: restart } };
  createObjects([pod], ns, env, reply, false);
}

function drainCmd(node: string, f: Flags, env: KubectlEnv, reply: Reply): void {
  const timeoutText = f.values.get('timeout');
  const timeoutMs = timeoutText !== undefined ? parseGoDuration(timeoutText) : 0;
  if (timeoutMs === undefined) return reply({ ok: false, error: `error: invalid argument "${timeoutText}" for "--timeout" flag: time: invalid duration "${timeoutText}"` });
  const graceText = f.values.get('grace-period');
  if (graceText !== undefined && !/^-?\d+$/.test(graceText)) return reply({ ok: false, error: `error: invalid argument "${graceText}" for "--grace-period" flag: strconv.ParseInt: parsing "${graceText}": invalid syntax` });
  drain(node, {
    force: flagOn(f, 'force'),
    ignoreDaemonSets: flagOn(f, 'ignore-daemonsets'),
    deleteEmptyDirData: flagOn(f, 'delete-emptydir-data'),
    timeoutMs,
    ...(timeoutText !== undefined ? { timeoutText } : {}),
    ...(graceText !== undefined ? { gracePeriodSeconds: Number(graceText) } : {}),
  }, env, reply);
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

/** kubectl's "all" category, in its order (pods, replicationcontrollers, services,
 * daemonsets, deployments, replicasets, statefulsets, horizontalpodautoscalers,
 * cronjobs, jobs), as far as this cluster has those resources. */
const ALL = ['pods', 'services', 'deployments', 'replicasets', 'cronjobs', 'jobs'] as const;

/** "pods", "deploy/web", "pods,svc", "all" → resources (and names). */
function resources(arg: string): ResourceInfo[] | { error: string } {
  const out: ResourceInfo[] = [];
  for (const part of arg.split(',')) {
    if (part === 'all') {
      out.push(...ALL.map((n) => RESOURCES[n]).filter((r) => !out.includes(r)));
      continue;
    }
    const r = resolveResource(part);
    if (!r) return { error: `error: the server doesn't have a resource type "${part}"` };
    out.push(r);
  }
  return out;
}

/** Each type's list in kubectl's order: `--sort-by` when given (refused only when no
 * object of any listed type has the field, as kubectl checks the whole list), else Events
 * by lastTimestamp and the rest in the apiserver's (key) order. */
function sortLists(rs: readonly { name: string }[], lists: readonly KubeObject[][], sortBy: string | undefined): { lists: KubeObject[][] } | { error: string } {
  if (sortBy === undefined) return { lists: rs.map((r, i) => (r.name === 'events' ? [...lists[i]!].sort((a, b) => ((a as KubeEvent).lastTimestamp ?? '').localeCompare((b as KubeEvent).lastTimestamp ?? '')) : lists[i]!)) };
  const whole = sortByPath(lists.flat(), sortBy);
  if ('error' in whole) return whole;
  const out: KubeObject[][] = [];
  for (const list of lists) {
    const one = sortByPath(list, sortBy);
    out.push('error' in one ? list : one.items);
  }
  return { lists: out };
}

function get(args: string[], f: Flags, ns: string, env: KubectlEnv, reply: Reply): void {
  if (flagOn(f, 'watch')) return reply({ ok: false, error: 'error: --watch is not available in this console; the graph and the event log are live' });
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
  const all = flagOn(f, 'all-namespaces');
  const selText = f.values.get('selector');
  const labelSelector = selText ? parseSelector(selText) : undefined;
  if (selText && !labelSelector) return reply({ ok: false, error: `error: unable to parse requirement: "${selText}"` });
  const opts = { output, allNamespaces: all, namespace: ns, nowMs: env.now(), showKind: rs.length > 1, showLabels: flagOn(f, 'show-labels') };
  const fieldText = f.values.get('field-selector');
  const fieldReqs = fieldText !== undefined ? parseFieldSelector(fieldText) : [];
  if ('error' in fieldReqs) return reply({ ok: false, error: fieldReqs.error });
  const sortBy = f.values.get('sort-by');
  if (sortBy !== undefined) {
    const parsed = parseSortPath(sortBy);
    if ('error' in parsed) return reply({ ok: false, error: parsed.error });
  }
  if (names.length > 0 && (selText !== undefined || fieldText !== undefined)) return reply({ ok: false, error: 'error: name cannot be provided when a selector is specified' });
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
        const found = names.map((n) => got.find((o) => o.metadata.name === n)).filter((o): o is KubeObject => !!o);
        const bySort = sortBy === undefined ? { items: found } : sortByPath(found, sortBy);
        if ('error' in bySort) return reply({ ok: false, error: bySort.error });
        const sorted = bySort.items;
        const out = sorted.length === 0 ? '' : output === 'yaml' || output === 'json' ? (sorted.length === 1 ? printObject(sorted[0]!, output) : printList(r, sorted, opts)) : printList(r, sorted, opts);
        if (errors.length > 0) reply({ ok: false, error: [out, ...errors].filter(Boolean).join('\n') });
        else reply({ ok: true, output: out });
      });
    }
    return;
  }
  const lists: KubeObject[][] = new Array<KubeObject[]>(rs.length);
  let left = rs.length;
  let failed: string | undefined;
  rs.forEach((r, i) => {
    env.request({ verb: 'list', resource: r.name, ...(r.namespaced && !all ? { namespace: ns } : {}), ...(labelSelector ? { options: { labelSelector } } : {}) }, (res) => {
      if (!res.ok) failed ??= kubectlError(res.status);
      else if (fieldText === undefined) lists[i] = [...(res.list?.items ?? [])];
      else {
        const kept = filterByFields(res.list?.items ?? [], fieldReqs, r, fieldText, selText ?? '');
        if ('error' in kept) failed ??= kept.error;
        else lists[i] = kept.items;
      }
      if (--left > 0) return;
      if (failed) return reply({ ok: false, error: failed });
      const sorted = sortLists(rs, lists, sortBy);
      if ('error' in sorted) return reply({ ok: false, error: sorted.error });
      const parts = rs.map((r, j) => (sorted.lists[j]!.length === 0 && rs.length > 1 ? '' : printList(r, sorted.lists[j]!, opts)));
      const text = parts.filter((p) => p !== '').join('\n\n');
      reply({ ok: true, output: text === '' ? (all ? 'No resources found' : `No resources found in ${ns} namespace.`) : text });
    });
  });
}

const FORCE_WARNING = 'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.';

/** kubectl delete TYPE NAME… | TYPE -l sel | TYPE --all, with --grace-period, --now and
 * --force (grace 0 and kubectl's warning; --grace-period=0 alone means 1, as kubectl
 * sends it). */
function deleteCmd(args: string[], f: Flags, ns: string, env: KubectlEnv, reply: Reply): void {
  let [typeArg, ...names] = args;
  if (typeArg?.includes('/')) {
    names = [typeArg.slice(typeArg.indexOf('/') + 1), ...names];
    typeArg = typeArg.slice(0, typeArg.indexOf('/'));
  }
  const selText = f.values.get('selector');
  const everything = flagOn(f, 'all');
  if (!typeArg) return reply({ ok: false, error: 'error: You must provide one or more resources by argument or filename.' });
  if (names.length > 0 && selText !== undefined) return reply({ ok: false, error: 'error: name cannot be provided when a selector is specified' });
  if (names.length > 0 && everything) return reply({ ok: false, error: 'error: name cannot be provided when --all is specified' });
  if (names.length === 0 && selText === undefined && !everything) return reply({ ok: false, error: 'error: resource(s) were provided, but no name was specified' });
  const r = resolveResource(typeArg);
  if (!r) return reply({ ok: false, error: `error: the server doesn't have a resource type "${typeArg}"` });
  const labelSelector = selText !== undefined ? parseSelector(selText) : undefined;
  if (selText !== undefined && !labelSelector) return reply({ ok: false, error: `error: unable to parse requirement: "${selText}"` });
  const force = flagOn(f, 'force');
  const graceText = f.values.get('grace-period');
  if (graceText !== undefined && !/^-?\d+$/.test(graceText)) return reply({ ok: false, error: `error: invalid argument "${graceText}" for "--grace-period" flag: strconv.ParseInt: parsing "${graceText}": invalid syntax` });
  let grace = f.values.has('grace-period') ? Number(f.values.get('grace-period')) : flagOn(f, 'now') ? 1 : force ? 0 : undefined;
  if (grace === 0 && !force) grace = 1;
  const head = force && grace === 0 ? [FORCE_WARNING] : [];
  const nsOpt = r.namespaced ? { namespace: ns } : {};
  const deleteNames = (list: string[]) => {
    if (list.length === 0) return reply({ ok: true, output: [...head, 'No resources found'].join('\n') });
    const lines: string[] = new Array<string>(list.length);
    let failed = false;
    let left = list.length;
    list.forEach((name, i) => {
      env.request({ verb: 'delete', resource: r.name, ...nsOpt, name, ...(grace !== undefined ? { gracePeriodSeconds: grace } : {}) }, (res) => {
        // kubectl names the kind with its group: `deployment.apps "web" deleted`.
        const [kindGroup] = qualifiedName(r, name).split('/') as [string];
        lines[i] = res.ok ? `${kindGroup} "${name}" ${force && grace === 0 ? 'force deleted' : 'deleted'}` : kubectlError(res.status);
        failed ||= !res.ok;
        if (--left === 0) reply(failed ? { ok: false, error: [...head, ...lines].join('\n') } : { ok: true, output: [...head, ...lines].join('\n') });
      });
    });
  };
  if (names.length > 0) return deleteNames(names);
  env.request({ verb: 'list', resource: r.name, ...nsOpt, ...(labelSelector ? { options: { labelSelector } } : {}) }, (res) => {
    if (!res.ok) return reply({ ok: false, error: kubectlError(res.status) });
    deleteNames((res.list?.items ?? []).filter((o) => !o.metadata.deletionTimestamp).map((o) => o.metadata.name ?? ''));
  });
}

function scale(args: string[], f: Flags, ns: string, env: KubectlEnv, reply: Reply): void {
  let [typeArg, name] = args;
  if (typeArg?.includes('/')) [typeArg, name] = [typeArg.slice(0, typeArg.indexOf('/')), typeArg.slice(typeArg.indexOf('/') + 1)];
  const replicasText = f.values.get('replicas');
  if (replicasText === undefined) return reply({ ok: false, error: 'error: required flag(s) "replicas" not set' });
  const replicas = Number(replicasText);
  if (!/^-?\d+$/.test(replicasText)) return reply({ ok: false, error: `error: invalid argument "${replicasText}" for "--replicas" flag: strconv.ParseInt: parsing "${replicasText}": invalid syntax` });
  // --replicas is a Go int (int64): out of range is pflag's error; an int64 beyond
  // int32 reaches the scale subresource, whose decoder refuses it.
  if (BigInt(replicasText) > 0x7fffffffffffffffn || BigInt(replicasText) < -0x8000000000000000n) return reply({ ok: false, error: `error: invalid argument "${replicasText}" for "--replicas" flag: strconv.ParseInt: parsing "${replicasText}": value out of range` });
  if (replicas < 0) return reply({ ok: false, error: 'error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0' });
  if (replicas > 2147483647) return reply({ ok: false, error: `Error from server (BadRequest): Scale in version "v1" cannot be handled as a Scale: json: cannot unmarshal number ${replicasText.replace(/^-?0+(?=\d)/, '')} into Go struct field ScaleSpec.spec.replicas of type int32` });
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

export { RESOURCES };
export { createObjects, parseManifests } from './apply';
