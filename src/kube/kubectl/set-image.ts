// kubectl set image TYPE/NAME CONTAINER=IMAGE ... (kubectl/pkg/cmd/set/set_image.go):
// changes the image of named containers in an object's pod template (`*` names them all).
// On a Deployment that is a new template: the controller starts a new ReplicaSet and
// rolls the pods over to the new image (or, paused, waits for `kubectl rollout resume`).
// Nothing printed when every image was already the one asked for, as kubectl skips an
// empty patch.

import type { ResourceInfo } from '../api/resources';
import type { Container, KubeObject, PodTemplateSpec } from '../api/types';
import type { KubectlEnv, Reply } from './env';
import { qualifiedName } from './resource-name';
import { updateWithRetry } from './update-retry';

/** The pod template of an object set image changes, and how to put it back. */
const TEMPLATES: Readonly<Record<string, { get: (o: KubeObject) => PodTemplateSpec | undefined; put: (o: KubeObject, t: PodTemplateSpec) => KubeObject }>> = {
  deployments: {
    get: (o) => (o as unknown as { spec: { template?: PodTemplateSpec } }).spec.template,
    put: (o, t) => ({ ...o, spec: { ...(o as unknown as { spec: object }).spec, template: t } }) as KubeObject,
  },
  replicasets: {
    get: (o) => (o as unknown as { spec: { template?: PodTemplateSpec } }).spec.template,
    put: (o, t) => ({ ...o, spec: { ...(o as unknown as { spec: object }).spec, template: t } }) as KubeObject,
  },
  cronjobs: {
    get: (o) => (o as unknown as { spec: { jobTemplate?: { spec?: { template?: PodTemplateSpec } } } }).spec.jobTemplate?.spec?.template,
    put: (o, t) => {
      const spec = (o as unknown as { spec: { jobTemplate: { spec: object } } }).spec;
      return { ...o, spec: { ...spec, jobTemplate: { ...spec.jobTemplate, spec: { ...spec.jobTemplate.spec, template: t } } } } as KubeObject;
    },
  },
};

/** CONTAINER=IMAGE words → the pairs, in the order given. */
function imagePairs(words: readonly string[]): [string, string][] {
  return words.filter((w) => w.includes('=')).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]);
}

export function setImage(args: readonly string[], ns: string, env: KubectlEnv, reply: Reply, resolve: (arg: string) => ResourceInfo | undefined): void {
  const objectWords = args.filter((w) => !w.includes('='));
  const pairs = imagePairs(args);
  let typeWord: string | undefined;
  let name: string | undefined;
  if (objectWords[0]?.includes('/')) [typeWord, name] = [objectWords[0].slice(0, objectWords[0].indexOf('/')), objectWords[0].slice(objectWords[0].indexOf('/') + 1)];
  else [typeWord, name] = [objectWords[0], objectWords[1]];
  if (!typeWord || !name) return reply({ ok: false, error: 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>' });
  if (pairs.length === 0) return reply({ ok: false, error: 'error: at least one image update is required' });
  const r = resolve(typeWord);
  if (!r) return reply({ ok: false, error: `error: the server doesn't have a resource type "${typeWord}"` });
  const t = TEMPLATES[r.name];
  if (!t) return reply({ ok: false, error: `error: "kubectl set image" for ${r.name} is not available in this console (deployments, replicasets and cronjobs are)` });
  const shown = qualifiedName(r, name);
  updateWithRetry(env, r, ns, name, (obj) => {
    const template = t.get(obj);
    const containers: Container[] = [...(template?.spec?.containers ?? [])];
    let changed = false;
    for (const [container, image] of pairs) {
      let found = false;
      containers.forEach((c, i) => {
        if (container !== '*' && c.name !== container) return;
        found = true;
        if (c.image === image) return;
        containers[i] = { ...c, image };
        changed = true;
      });
      if (!found) return { error: `error: unable to find container named "${container}"` };
    }
    if (!changed || !template) return { object: undefined, message: '' };
    return { object: t.put(obj, { ...template, spec: { ...template.spec, containers } }), message: `${shown} image updated` };
  }, (res) => reply('error' in res ? { ok: false, error: res.error } : { ok: true, output: res.message }));
}
