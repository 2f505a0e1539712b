// kubectl rollout status | restart | history | undo | pause | resume for Deployments, in
// kubectl's words (kubectl/pkg/polymorphichelpers: rollout_status.go, objectrestarter.go,
// history.go, rollback.go, objectpauser.go, objectresumer.go). What a class sees: a
// restart stamps the pod template, so the Deployment controller starts a new ReplicaSet
// and rolls the pods over; undo copies an older ReplicaSet's template back, and the
// controller rolls back to it; pause sets spec.paused, and the controller rolls nothing
// out until resume (a rollout in flight stops where it is).
//
// `status` waits as kubectl does, until the rollout finishes, printing each new state;
// it reads the Deployment once a simulated second (kubectl watches it: the same lines,
// a few more GETs on the graph), and gives up, as kubectl does, when the Deployment has
// made no progress for its progressDeadlineSeconds (600 s by default).

import type { Deployment, KubeObject, ReplicaSet } from '../api/types';
import { timestamp } from '../api/time';
import { RESOURCES, resolveResource } from '../api/resources';
import { kubectlError } from './errors';
import type { KubectlEnv, Reply } from './env';
import { tabwrite } from './print';
import { updateWithRetry } from './update-retry';

const REVISION = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';
const RESTARTED_AT = 'kubectl.kubernetes.io/restartedAt';

const SUBCOMMANDS = ['status', 'restart', 'history', 'undo', 'pause', 'resume'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

/** rollout_status.go's DeploymentStatusViewer: the line to print and whether it is done. */
export function deploymentStatus(d: Deployment): { line: string; done: boolean } | { error: string } {
  const name = d.metadata.name ?? '';
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 1) > (s.observedGeneration ?? 0)) return { line: 'Waiting for deployment spec update to be observed...', done: false };
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return { error: `error: deployment "${name}" exceeded its progress deadline` };
  const want = d.spec.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  if (updated < want) return { line: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`, done: false };
  if ((s.replicas ?? 0) > updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...`, done: false };
  if ((s.availableReplicas ?? 0) < updated) return { line: `Waiting for deployment "${name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`, done: false };
  return { line: `deployment "${name}" successfully rolled out`, done: true };
}

const revisionOf = (rs: ReplicaSet): number => {
  const v = Number(rs.metadata.annotations?.[REVISION]);
  return Number.isInteger(v) ? v : -1;
};

/** The template without the controller's pod-template-hash label (equalIgnoreHash). */
function withoutHash(t: ReplicaSet['spec']['template']): Deployment['spec']['template'] {
  const labels = { ...t.metadata?.labels };
  delete labels['pod-template-hash'];
  return { ...t, metadata: { ...t.metadata, labels } };
}

export function rollout(args: readonly string[], toRevision: string | undefined, ns: string, env: KubectlEnv, reply: Reply): void {
  const sub = args[0];
  if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
    return reply({ ok: false, error: `error: unknown command "${sub ?? ''}" for "kubectl rollout"\n\nAvailable Commands: history, pause, restart, resume, status, undo` });
  }
  let target = args[1];
  if (target && !target.includes('/') && args[2]) target = `${target}/${args[2]}`;
  if (!target || !target.includes('/')) return reply({ ok: false, error: `error: required resource not specified\nSee 'kubectl rollout ${sub} -h' for help and examples` });
  const [typeWord, name] = [target.slice(0, target.indexOf('/')), target.slice(target.indexOf('/') + 1)];
  const r = resolveResource(typeWord);
  if (!r) return reply({ ok: false, error: `error: the server doesn't have a resource type "${typeWord}"` });
  if (r.name !== 'deployments' && (sub === 'pause' || sub === 'resume')) return reply({ ok: false, error: `error: ${r.qualified} "${name}" ${sub === 'pause' ? 'pausing' : 'resuming'} is not supported` });
  if (r.name !== 'deployments') return reply({ ok: false, error: `error: no ${sub === 'status' ? 'status viewer' : sub === 'history' ? 'history viewer' : sub === 'undo' ? 'rollbacker' : 'restarter'} has been implemented for ${r.qualified === r.name ? r.kind : `${r.kind.toLowerCase()}.${r.qualified.split('.').slice(1).join('.')}`} in this console (Deployments are)` });
  if (toRevision !== undefined && sub !== 'undo') return reply({ ok: false, error: `error: --to-revision is a flag of kubectl rollout undo` });
  const shown = `deployment.apps/${name}`;
  const s = sub as Sub;
  if (s === 'status') return status(name, ns, env, reply);
  if (s === 'pause' || s === 'resume') {
    const pause = s === 'pause';
    return updateWithRetry(env, r, ns, name, (obj) => {
      const d = obj as Deployment;
      if (Boolean(d.spec.paused) === pause) return { error: `error: ${r.qualified} "${name}" ${pause ? 'is already paused' : 'is not paused'}` };
      return { object: { ...d, spec: { ...d.spec, paused: pause } } as KubeObject, message: `${shown} ${pause ? 'paused' : 'resumed'}` };
    }, (res) => reply('error' in res ? { ok: false, error: res.error } : { ok: true, output: res.message }));
  }
  if (s === 'restart') {
    return updateWithRetry(env, r, ns, name, (obj) => {
      const d = obj as Deployment;
      if (d.spec.paused) return { error: `error: ${r.qualified} "${name}" can't restart paused deployment (run rollout resume first)` };
      const annotations = { ...d.spec.template.metadata?.annotations, [RESTARTED_AT]: timestamp(env.now()) };
      const template = { ...d.spec.template, metadata: { ...d.spec.template.metadata, annotations } };
      return { object: { ...d, spec: { ...d.spec, template } } as KubeObject, message: `${shown} restarted` };
    }, (res) => reply('error' in res ? { ok: false, error: res.error } : { ok: true, output: res.message }));
  }
  let rev = 0;
  if (toRevision !== undefined) {
    if (!/^\d+$/.test(toRevision)) return reply({ ok: false, error: `error: invalid argument "${toRevision}" for "--to-revision" flag: strconv.ParseInt: parsing "${toRevision}": invalid syntax` });
    rev = Number(toRevision);
  }
  env.request({ verb: 'get', resource: 'deployments', namespace: ns, name }, (got) => {
    if (!got.ok || !got.object) return reply({ ok: false, error: got.ok ? '' : kubectlError(got.status) });
    const d = got.object as Deployment;
    if (s === 'undo' && d.spec.paused) return reply({ ok: false, error: `error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again` });
    env.request({ verb: 'list', resource: 'replicasets', namespace: ns }, (list) => {
      if (!list.ok) return reply({ ok: false, error: kubectlError(list.status) });
      const owned = ((list.list?.items ?? []) as ReplicaSet[]).filter((rs) => rs.metadata.ownerReferences?.some((o) => o.controller && o.uid === d.metadata.uid));
      if (s === 'history') return reply({ ok: true, output: history(shown, owned) });
      undo(d, owned, rev, shown, ns, env, reply);
    });
  });
}

function history(shown: string, owned: readonly ReplicaSet[]): string {
  const byRevision = new Map<number, string>();
  for (const rs of owned) if (revisionOf(rs) >= 0) byRevision.set(revisionOf(rs), rs.metadata.annotations?.[CHANGE_CAUSE] ?? '');
  if (byRevision.size === 0) return 'No rollout history found.';
  const rows = [...byRevision].sort((a, b) => a[0] - b[0]).map(([v, cause]) => `${v}\t${cause || '<none>'}`);
  return `${shown} \n${tabwrite(['REVISION\tCHANGE-CAUSE', ...rows].join('\n'), 0, 2)}`;
}

/** rollback.go: the ReplicaSet of --to-revision, or the one before the newest. */
function undo(d: Deployment, owned: readonly ReplicaSet[], rev: number, shown: string, ns: string, env: KubectlEnv, reply: Reply): void {
  let pick: ReplicaSet | undefined;
  if (rev > 0) pick = owned.find((rs) => revisionOf(rs) === rev);
  else pick = [...owned].filter((rs) => revisionOf(rs) >= 0).sort((a, b) => revisionOf(b) - revisionOf(a))[1];
  if (!pick) return reply({ ok: false, error: rev > 0 ? `error: unable to find specified revision ${rev} in history` : `error: no rollout history found for deployment "${d.metadata.name}"` });
  const template = withoutHash(pick.spec.template);
  if (JSON.stringify(template) === JSON.stringify(d.spec.template)) return reply({ ok: true, output: `${shown} skipped rollback (current template already matches revision ${rev})` });
  updateWithRetry(env, RESOURCES.deployments, ns, d.metadata.name ?? '', (obj) => {
    const cur = obj as Deployment;
    return { object: { ...cur, spec: { ...cur.spec, template } } as KubeObject, message: `${shown} rolled back` };
  }, (res) => reply('error' in res ? { ok: false, error: res.error } : { ok: true, output: res.message }));
}

function status(name: string, ns: string, env: KubectlEnv, reply: Reply): void {
  const lines: string[] = [];
  let lastChange = env.now();
  const look = (): void =>
    env.request({ verb: 'get', resource: 'deployments', namespace: ns, name }, (got) => {
      if (!got.ok || !got.object) return reply({ ok: false, error: [...lines, got.ok ? '' : kubectlError(got.status)].filter(Boolean).join('\n') });
      const d = got.object as Deployment;
      const st = deploymentStatus(d);
      if ('error' in st) return reply({ ok: false, error: [...lines, st.error].join('\n') });
      if (lines.at(-1) !== st.line) {
        lines.push(st.line);
        lastChange = env.now();
      }
      if (st.done) return reply({ ok: true, output: lines.join('\n') });
      const deadlineMs = (d.spec.progressDeadlineSeconds ?? 600) * 1000;
      if (env.now() - lastChange >= deadlineMs) return reply({ ok: false, error: [...lines, `error: deployment "${name}" exceeded its progress deadline`].join('\n') });
      env.after(1000, look);
    });
  look();
}
