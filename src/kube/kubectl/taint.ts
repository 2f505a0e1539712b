// kubectl taint nodes NAME KEY[=VALUE]:EFFECT... KEY[:EFFECT]-... [--overwrite]
// (kubectl/pkg/cmd/taint/taint.go and utils.go): the node's spec.taints changed and written
// back. The scheduler then keeps pods that do not tolerate a NoSchedule taint off the node,
// and the node lifecycle controller's taint eviction deletes those a NoExecute taint
// covers: what a class sees when it taints a node.

import type { Node, Taint } from '../api/types';
import type { ResourceInfo } from '../api/resources';
import { labelValue, qualifiedName as qualifiedKey } from '../api/validation';
import type { KubectlEnv, Reply } from './env';
import { updateWithRetry } from './update-retry';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const;
type Effect = (typeof EFFECTS)[number];

interface Spec {
  readonly key: string;
  readonly value?: string;
  readonly effect?: Effect;
}

const show = (t: Spec) => `${t.key}${t.value ? `=${t.value}` : ''}${t.effect ? `:${t.effect}` : ''}`;

/** One KEY[=VALUE][:EFFECT] as utils.go's parseTaint reads it. */
function parseTaint(word: string): Spec | { error: string } {
  const parts = word.split(':');
  if (parts.length > 2) return { error: `error: invalid taint spec: ${word}` };
  let effect: Effect | undefined;
  if (parts.length === 2) {
    if (!(EFFECTS as readonly string[]).includes(parts[1]!)) return { error: `error: invalid taint effect: ${parts[1]}, unsupported taint effect` };
    effect = parts[1] as Effect;
  }
  const kv = parts[0]!.split('=');
  if (kv.length > 2) return { error: `error: invalid taint spec: ${word}` };
  const key = kv[0]!;
  const value = kv[1];
  const badKey = qualifiedKey(key);
  if (badKey.length > 0) return { error: `error: invalid taint spec: ${word}, ${badKey.join('; ')}` };
  if (value !== undefined && labelValue(value).length > 0) return { error: `error: invalid taint spec: ${word}, ${labelValue(value).join('; ')}` };
  return { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) };
}

function parseSpecs(words: readonly string[]): { add: Spec[]; remove: Spec[] } | { error: string } {
  const add: Spec[] = [];
  const remove: Spec[] = [];
  for (const w of words) {
    const removing = w.endsWith('-');
    const t = parseTaint(removing ? w.slice(0, -1) : w);
    if ('error' in t) return t;
    if (removing) remove.push(t);
    else if (!t.effect) return { error: `error: unknown taint spec: ${w}` };
    else if (add.some((a) => a.key === t.key && a.effect === t.effect)) return { error: `error: duplicated taints with the same key and effect: ${show(t)}` };
    else add.push(t);
  }
  if (add.length === 0 && remove.length === 0) return { error: 'error: at least one taint update is required' };
  return { add, remove };
}

const toTaint = (s: Spec): Taint => ({ key: s.key, ...(s.value ? { value: s.value } : {}), effect: s.effect! });
const matches = (t: Taint, s: Spec) => t.key === s.key && (s.effect === undefined || t.effect === s.effect);

/** kubectl taint. `nodes` is the nodes resource; TYPE must name it. */
export function taint(args: readonly string[], overwrite: boolean, env: KubectlEnv, reply: Reply, resolve: (type: string) => ResourceInfo | undefined): void {
  const first = args[0];
  const usage = "error: USAGE: taint NODE NAME KEY_1=VAL_1:TAINT_EFFECT_1 ... KEY_N=VAL_N:TAINT_EFFECT_N [options]\nSee 'kubectl taint -h' for help and examples";
  if (!first) return reply({ ok: false, error: usage });
  const slash = first.indexOf('/');
  const typeWord = slash >= 0 ? first.slice(0, slash) : first;
  const r = resolve(typeWord);
  if (!r) return reply({ ok: false, error: `error: the server doesn't have a resource type "${typeWord}"` });
  if (r.name !== 'nodes') return reply({ ok: false, error: `error: invalid resource type ${typeWord}, only node types are supported` });
  const rest = slash >= 0 ? [first.slice(slash + 1), ...args.slice(1)] : args.slice(1);
  const name = rest[0];
  if (!name) return reply({ ok: false, error: usage });
  const specs = parseSpecs(rest.slice(1));
  if ('error' in specs) return reply({ ok: false, error: specs.error });
  updateWithRetry(env, r, '', name, (obj) => {
    const node = obj as Node;
    const old = node.spec.taints ?? [];
    if (!overwrite) {
      const taken = specs.add.filter((s) => old.some((t) => t.key === s.key && t.effect === s.effect));
      if (taken.length > 0) return { error: `error: node ${name} already has ${taken.map((s) => s.key).join(',')} taint(s) with same effect(s) and --overwrite is false` };
    }
    // utils.go's reorganizeTaints: the new taints, then the old ones they do not replace,
    // then the removals; "modified" when both (or --overwrite), else tainted / untainted.
    let next: Taint[] = [...specs.add.map(toTaint), ...old.filter((t) => !specs.add.some((s) => t.key === s.key && t.effect === s.effect))];
    const added = next.length !== old.length;
    for (const s of specs.remove) {
      if (!next.some((t) => matches(t, s))) return { error: `error: taint "${show(s)}" not found` };
      next = next.filter((t) => !matches(t, s));
    }
    const deleted = specs.remove.length > 0;
    const word = (added && deleted) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
    const spec = { ...node.spec, taints: next };
    if (next.length === 0) delete (spec as { taints?: Taint[] }).taints;
    return { object: { ...node, spec }, message: `node/${name} ${word}` };
  }, (res) => reply('error' in res ? { ok: false, error: res.error } : { ok: true, output: res.message }));
}
