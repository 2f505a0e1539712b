// `kubectl create <kind> NAME …`: the generators for the objects a lesson makes by hand
// (a Deployment, a ServiceAccount, a Secret or ConfigMap from literals) and
// `kubectl create token`, which asks the TokenRequest API for a bound token.

import { base64 } from '../api/service-account-token';
import type { ConfigMap, Deployment, KubeObject, Secret } from '../api/types';
import type { CommandResult } from '../../sim/process';
import { createObjects } from './apply';
import { createCronJob, createJob } from './create-batch';
import type { Flags, KubectlEnv } from './env';

type Reply = (r: CommandResult) => void;

/** Handles `kubectl create <sub> …`; false when `sub` is not one of these (then
 * create means `create -f`). */
export function createGenerated(args: string[], f: Flags, ns: string, env: KubectlEnv, reply: Reply): boolean {
  const [sub, ...rest] = args;
  const name = rest[0];
  switch (sub) {
    case 'deployment':
    case 'deploy':
      createDeployment(name, f, ns, env, reply);
      return true;
    case 'serviceaccount':
    case 'sa':
      if (!name) reply({ ok: false, error: 'error: exactly one NAME is required, got 0' });
      else createObjects([{ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } }], ns, env, reply, false);
      return true;
    case 'namespace':
    case 'ns':
      if (!name) reply({ ok: false, error: 'error: exactly one NAME is required, got 0' });
      else createObjects([{ apiVersion: 'v1', kind: 'Namespace', metadata: { name } }], ns, env, reply, false);
      return true;
    case 'secret':
      if (rest[0] !== 'generic') reply({ ok: false, error: `error: only "kubectl create secret generic NAME --from-literal=key=value" is available in this console` });
      else fromLiterals('Secret', rest[1], f, ns, env, reply);
      return true;
    case 'configmap':
    case 'cm':
      fromLiterals('ConfigMap', name, f, ns, env, reply);
      return true;
    case 'token':
      createToken(name, f, ns, env, reply);
      return true;
    case 'job':
      createJob(rest, f, ns, env, reply);
      return true;
    case 'cronjob':
    case 'cj':
      createCronJob(rest, f, ns, env, reply);
      return true;
    default:
      return false;
  }
}

function createDeployment(name: string | undefined, f: Flags, ns: string, env: KubectlEnv, reply: Reply): void {
  const image = f.values.get('image');
  if (!name || !image) return reply({ ok: false, error: 'error: required flag(s) "image" not set' });
  const replicas = Number(f.values.get('replicas') ?? '1');
  if (!Number.isInteger(replicas) || replicas < 0) return reply({ ok: false, error: `error: invalid argument "${f.values.get('replicas')}" for "--replicas" flag` });
  const port = f.values.get('port');
  const container = { name: image.split('/').pop()!.split(':')[0]!, image, ...(port ? { ports: [{ containerPort: Number(port) }] } : {}) };
  const d: Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [container] } } },
  };
  createObjects([d], ns, env, reply, false);
}

/** `--from-literal=key=value`, repeatable: a Secret's values in base64, a ConfigMap's as
 * they are. */
function fromLiterals(kind: 'Secret' | 'ConfigMap', name: string | undefined, f: Flags, ns: string, env: KubectlEnv, reply: Reply): void {
  if (!name) return reply({ ok: false, error: 'error: exactly one NAME is required, got 0' });
  const data: Record<string, string> = {};
  for (const lit of f.literals) {
    const eq = lit.indexOf('=');
    if (eq <= 0) return reply({ ok: false, error: `error: invalid literal source ${lit}, expected key=value` });
    const key = lit.slice(0, eq);
    if (key in data) return reply({ ok: false, error: `error: cannot add key ${key}, another key by that name already exists in Data for ${kind} "${name}"` });
    data[key] = kind === 'Secret' ? base64(lit.slice(eq + 1)) : lit.slice(eq + 1);
  }
  const obj: Secret | ConfigMap =
    kind === 'Secret'
      ? { apiVersion: 'v1', kind, metadata: { name }, type: 'Opaque', ...(f.literals.length > 0 ? { data } : {}) }
      : { apiVersion: 'v1', kind, metadata: { name }, ...(f.literals.length > 0 ? { data } : {}) };
  createObjects([obj], ns, env, reply, false);
}

/** kubectl create token SA [--duration=1h]: prints only the token, as a script wants. */
function createToken(name: string | undefined, f: Flags, ns: string, env: KubectlEnv, reply: Reply): void {
  if (!name) return reply({ ok: false, error: 'error: exactly one NAME is required, got 0' });
  const text = f.values.get('duration');
  let spec = {};
  if (text !== undefined) {
    const ms = parseGoDuration(text);
    if (ms === undefined) return reply({ ok: false, error: `error: invalid argument "${text}" for "--duration" flag: time: invalid duration "${text}"` });
    if (ms % 1000 !== 0) return reply({ ok: false, error: '--duration must be a whole number of seconds' });
    if (ms < 0) return reply({ ok: false, error: '--duration must be greater than or equal to 0' });
    if (ms > 0) spec = { expirationSeconds: ms / 1000 };
  }
  const body = { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', metadata: { name, namespace: ns }, spec } as KubeObject;
  env.request({ verb: 'token', resource: 'serviceaccounts', namespace: ns, name, body }, (res) => {
    if (!res.ok) return reply({ ok: false, error: `error: failed to create token: ${res.status.message}` });
    const token = (res.object as { status?: { token?: string } } | undefined)?.status?.token ?? '';
    reply({ ok: true, output: token });
  });
}

/** Go's time.ParseDuration for what people type here: "10m", "1h30m", "3600s". */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  const re = /(\d+(?:\.\d+)?)(ms|s|m|h)/gy;
  let total = 0;
  let m: RegExpExecArray | null;
  let end = 0;
  const sign = text.startsWith('-') ? -1 : 1;
  re.lastIndex = sign < 0 ? 1 : 0;
  while ((m = re.exec(text)) !== null) {
    total += Number(m[1]) * unit[m[2]!]!;
    end = re.lastIndex;
  }
  if (end !== text.length || end === 0) return undefined;
  return Math.round(sign * total);
}
