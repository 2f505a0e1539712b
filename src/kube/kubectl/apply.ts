// kubectl apply / create -f: manifests parsed from stdin, refused on unknown fields
// (strict decoding) or a kind in the wrong version, then created, or merged three ways
// into the live object (apply-merge.ts) with the last-applied annotation.

import { parseAllDocuments } from 'yaml';
import type { CommandResult } from '../../sim/process';
import { resourceOfKind } from '../api/resources';
import { decodeFailure } from '../api/decode';
import type { KubeObject } from '../api/types';
import { status } from '../api/wire';
import { canonical } from '../api/canonical';
import { threeWayMerge } from './apply-merge';
import { kubectlError } from './errors';
import type { KubectlEnv } from './env';
import { qualifiedName } from './resource-name';

type Reply = (r: CommandResult) => void;

/** Aliases one document may expand (the yaml library's own default, said out loud). */
const MAX_ALIAS_COUNT = 100;

/** Parses pasted YAML (one or more documents) into objects, or kubectl's error. */
export function parseManifests(text: string): KubeObject[] | { error: string } {
  if (text.trim() === '') return { error: 'error: no objects passed to apply: paste a manifest below the command line' };
  const docs = parseAllDocuments(text);
  const out: KubeObject[] = [];
  for (const d of Array.isArray(docs) ? docs : [docs]) {
    if (d.errors.length > 0) return { error: `error: error parsing STDIN: error converting YAML to JSON: yaml: ${d.errors[0]!.message.split('\n')[0]}` };
    let v: unknown;
    try {
      // go-yaml refuses a document that expands aliases without bound (a "billion
      // laughs" bomb); the yaml library throws past maxAliasCount.
      v = d.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown;
    } catch {
      return { error: 'error: error parsing STDIN: error converting YAML to JSON: yaml: document contains excessive aliasing' };
    }
    if (v === null || v === undefined) continue;
    if (typeof v !== 'object' || Array.isArray(v)) return { error: 'error: error validating "STDIN": error validating data: the document is not a mapping' };
    const o = v as Partial<KubeObject>;
    const missing = [!o.apiVersion && 'apiVersion not set', !o.kind && 'kind not set'].filter(Boolean);
    if (missing.length > 0) return { error: `error: error validating "STDIN": error validating data: [${missing.join(', ')}]; if you choose to ignore these errors, turn validation off with --validate=false` };
    // The kind must be served in the version asked for (Deployment is apps/v1, not v1).
    const served = resourceOfKind(o.kind!);
    if (!served || served.apiVersion !== o.apiVersion) return { error: `error: resource mapping not found for name: "${o.metadata?.name ?? ''}" namespace: "" from "STDIN": no matches for kind "${o.kind}" in version "${o.apiVersion}"\nensure CRDs are installed first` };
    // `metadata: null` is Go's zero ObjectMeta: decoded as empty, then refused for its name.
    out.push({ ...o, metadata: o.metadata ?? {} } as KubeObject);
  }
  if (out.length === 0) return { error: 'error: no objects passed to apply' };
  return out;
}

export function applyText(text: string, ns: string, env: KubectlEnv, reply: Reply, apply: boolean): void {
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
  objs.forEach((given, i) => {
    const r = resourceOfKind(given.kind);
    if (!r) return done(i, `error: resource mapping not found for name: "" namespace: "" from "${source ?? 'STDIN'}": no matches for kind "${String(given.kind)}" in version "${String(given.apiVersion)}"\nensure CRDs are installed first`, false);
    const obj: KubeObject = given.metadata === null || given.metadata === undefined ? { ...given, metadata: {} } : given;
    // kubectl asks for strict field validation: a misspelt field is refused, not ignored;
    // a field of the wrong type is the decoder's error. Checked before anything reads
    // the object (the apiserver decodes again).
    const undecodable = decodeFailure(obj, true);
    if (undecodable) return done(i, kubectlError(status('BadRequest', undecodable), source !== undefined ? { verb: 'creating', file: source } : undefined), false);
    const name = obj.metadata.name ?? '';
    const objNs = r.namespaced ? (obj.metadata.namespace ?? ns) : undefined;
    const shown = qualifiedName(r, name);
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
