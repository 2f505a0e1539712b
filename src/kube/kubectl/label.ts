// kubectl label / annotate TYPE NAME... KEY=VALUE... KEY-... [--overwrite]
// (kubectl/pkg/cmd/label/label.go, annotate/annotate.go): the object is read, its labels or
// annotations changed, and written back; a key that already has another value is refused
// without --overwrite, in kubectl's words. Labeling a node is how a class gives the
// scheduler a constraint (`kubectl label node worker-1 disk=ssd`, then a nodeSelector).

import { labelValue, qualifiedName as qualifiedKey } from '../api/validation';
import type { KubeObject } from '../api/types';
import type { ResourceInfo } from '../api/resources';
import type { KubectlEnv, Reply } from './env';
import { qualifiedName } from './resource-name';
import { updateWithRetry } from './update-retry';

type Field = 'labels' | 'annotations';

interface Edit {
  readonly set: ReadonlyMap<string, string>;
  readonly remove: readonly string[];
}

/** Splits the words after TYPE into object names and KEY=VALUE / KEY- edits. */
function parseEdits(words: readonly string[], field: Field): { names: string[]; edit: Edit } | { error: string } {
  const names: string[] = [];
  const set = new Map<string, string>();
  const remove: string[] = [];
  for (const w of words) {
    if (w.includes('=')) {
      const key = w.slice(0, w.indexOf('='));
      const value = w.slice(w.indexOf('=') + 1);
      const bad = qualifiedKey(key);
      if (bad.length > 0) return { error: `error: invalid ${field === 'labels' ? 'label' : 'annotation'} spec: ${w}` };
      if (field === 'labels' && labelValue(value).length > 0) return { error: `error: invalid label value: "${w}": ${labelValue(value).join('; ')}` };
      set.set(key, value);
    } else if (w.endsWith('-') && w.length > 1) remove.push(w.slice(0, -1));
    else names.push(w);
  }
  for (const k of remove) if (set.has(k)) return { error: `error: can not both modify and remove ${field === 'labels' ? 'a label' : 'an annotation'} in the same command` };
  if (set.size === 0 && remove.length === 0) return { error: `error: at least one ${field === 'labels' ? 'label' : 'annotation'} update is required` };
  return { names, edit: { set, remove } };
}

/** The object's map after the edit, or kubectl's refusal when a key would be overwritten. */
function applyEdit(current: Readonly<Record<string, string>> | undefined, edit: Edit, overwrite: boolean, field: Field): { map: Record<string, string> } | { error: string } {
  const map = { ...current };
  if (!overwrite) {
    const taken = [...edit.set].filter(([k, v]) => map[k] !== undefined && map[k] !== v);
    if (taken.length > 0) {
      const [k] = taken[0]!;
      return field === 'labels'
        ? { error: `error: '${k}' already has a value (${map[k]}), and --overwrite is false` }
        : { error: `error: --overwrite is false but found the following declared annotation(s): ${taken.map(([key]) => `'${key}' already has a value (${map[key]})`).join('; ')}` };
    }
  }
  for (const [k, v] of edit.set) map[k] = v;
  for (const k of edit.remove) delete map[k];
  return { map };
}

/** label / annotate. `resolve` turns TYPE (or TYPE/NAME) into a resource. */
export function labelOrAnnotate(field: Field, args: readonly string[], overwrite: boolean, ns: string, env: KubectlEnv, reply: Reply, resolve: (type: string) => ResourceInfo | undefined): void {
  const verb = field === 'labels' ? 'label' : 'annotate';
  const first = args[0];
  if (!first) return reply({ ok: false, error: `error: resource(s) were provided, but no name was specified\nSee 'kubectl ${verb} -h' for help and examples` });
  const slash = first.indexOf('/');
  const typeWord = slash >= 0 ? first.slice(0, slash) : first;
  const r = resolve(typeWord);
  if (!r) return reply({ ok: false, error: `error: the server doesn't have a resource type "${typeWord}"` });
  const parsed = parseEdits(slash >= 0 ? [first.slice(slash + 1), ...args.slice(1)] : args.slice(1), field);
  if ('error' in parsed) return reply({ ok: false, error: parsed.error });
  if (parsed.names.length === 0) return reply({ ok: false, error: `error: resource(s) were provided, but no name was specified\nSee 'kubectl ${verb} -h' for help and examples` });
  const lines: string[] = new Array<string>(parsed.names.length);
  const errors: string[] = [];
  let left = parsed.names.length;
  parsed.names.forEach((name, i) => {
    const notes: string[] = [];
    updateWithRetry(env, r, ns, name, (obj: KubeObject) => {
      const had = obj.metadata[field];
      if (field === 'labels') for (const k of parsed.edit.remove) if (had?.[k] === undefined) notes.push(`label "${k}" not found.`);
      const next = applyEdit(had, parsed.edit, overwrite, field);
      if ('error' in next) return next;
      const metadata = { ...obj.metadata, [field]: next.map };
      if (Object.keys(next.map).length === 0) delete metadata[field];
      const changed = JSON.stringify(had ?? {}) !== JSON.stringify(next.map);
      // label.go's updateDataChangeMsg: "unlabeled" when the object shrank without --overwrite.
      const shrank = Object.keys(next.map).length < Object.keys(had ?? {}).length;
      const word = field === 'annotations' ? 'annotated' : !changed ? 'not labeled' : !overwrite && shrank ? 'unlabeled' : 'labeled';
      return { object: changed ? { ...obj, metadata } : undefined, message: `${qualifiedName(r, name)} ${word}` };
    }, (res) => {
      if ('error' in res) errors.push(res.error);
      else lines[i] = [...notes, res.message].join('\n');
      if (--left > 0) return;
      const out = lines.filter((l) => l !== undefined).join('\n');
      reply(errors.length > 0 ? { ok: false, error: [out, ...errors].filter(Boolean).join('\n') } : { ok: true, output: out });
    });
  });
}
