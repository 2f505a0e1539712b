// Read an object, change it, write it back. kubectl label, annotate and taint send a
// patch with no resourceVersion precondition, so another writer in between (the kubelet's
// node status every 10 s, a controller's status) is not the user's conflict: the object
// is read again and the change retried, as cordon does.

import type { KubeObject } from '../api/types';
import type { ResourceInfo } from '../api/resources';
import { kubectlError } from './errors';
import type { KubectlEnv } from './env';

/** What the change gives: the object to write (none: nothing changed) and the line to
 * print, or a refusal. */
export type Change = { object: KubeObject | undefined; message: string } | { error: string };

export function updateWithRetry(env: KubectlEnv, r: ResourceInfo, ns: string, name: string, change: (obj: KubeObject) => Change, done: (res: { message: string } | { error: string }) => void): void {
  const where = r.namespaced ? { namespace: ns } : {};
  const attempt = (tries: number): void =>
    env.request({ verb: 'get', resource: r.name, ...where, name }, (cur) => {
      if (!cur.ok || !cur.object) return done({ error: cur.ok ? `error: ${r.name} "${name}" not found` : kubectlError(cur.status) });
      const next = change(cur.object);
      if ('error' in next) return done(next);
      if (!next.object) return done({ message: next.message });
      env.request({ verb: 'update', resource: r.name, ...where, name, body: next.object }, (res) => {
        if (!res.ok && res.status.reason === 'Conflict' && tries < 5) return attempt(tries + 1);
        done(res.ok ? { message: next.message } : { error: kubectlError(res.status) });
      });
    });
  attempt(1);
}
