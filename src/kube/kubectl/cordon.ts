// kubectl cordon / uncordon (drain cordons first).

import type { Node } from '../api/types';
import { kubectlError } from './errors';
import type { KubectlEnv, Reply } from './env';

/** cordon / uncordon: spec.unschedulable. */
export function cordon(node: string | undefined, on: boolean, env: KubectlEnv, reply: Reply): void {
  if (!node) return reply({ ok: false, error: `error: USAGE: ${on ? 'cordon' : 'uncordon'} NODE [flags]` });
  // kubectl sends a strategic-merge patch of spec.unschedulable, which has no
  // precondition: the kubelet's status write in between (every 10 s) is not the user's
  // conflict, so the node is read again and the change retried.
  const attempt = (tries: number): void =>
    env.request({ verb: 'get', resource: 'nodes', name: node }, (cur) => {
      if (!cur.ok || !cur.object) return reply({ ok: false, error: cur.ok ? '' : kubectlError(cur.status) });
      const n = cur.object as Node;
      if (!!n.spec.unschedulable === on) return reply({ ok: true, output: `node/${node} already ${on ? 'cordoned' : 'uncordoned'}` });
      const spec = { ...n.spec };
      if (on) spec.unschedulable = true;
      else delete spec.unschedulable;
      env.request({ verb: 'update', resource: 'nodes', name: node, body: { ...n, spec } }, (res) => {
        if (!res.ok && res.status.reason === 'Conflict' && tries < 5) return attempt(tries + 1);
        reply(res.ok ? { ok: true, output: `node/${node} ${on ? 'cordoned' : 'uncordoned'}` } : { ok: false, error: kubectlError(res.status) });
      });
    });
  attempt(1);
}
