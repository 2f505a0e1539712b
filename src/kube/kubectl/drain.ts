// kubectl drain: cordon the node, evict every pod on it but mirror pods (and
// DaemonSet pods with --ignore-daemonsets), refuse bare pods without --force and pods
// with emptyDir volumes without --delete-emptydir-data, then wait until they are gone
// (at most --timeout; --grace-period overrides the pods' own).

import type { CommandResult } from '../../sim/process';
import type { Pod } from '../api/types';
import { kubectlError } from './errors';
import { cordon } from './cordon';
import type { KubectlEnv } from './env';

const POLL_MS = 1000;
const GIVE_UP_MS = 120_000;

export interface DrainOptions {
  readonly force: boolean;
  readonly ignoreDaemonSets: boolean;
  readonly deleteEmptyDirData?: boolean;
  /** --timeout: 0 (kubectl's default) means "wait for ever", which here is GIVE_UP_MS. */
  readonly timeoutMs?: number;
  readonly timeoutText?: string;
  readonly gracePeriodSeconds?: number;
}

export function drain(node: string, opts: DrainOptions, env: KubectlEnv, reply: (r: CommandResult) => void): void {
  const lines: string[] = [];
  cordon(node, true, env, (c) => {
    if (!c.ok) return reply(c);
    lines.push(c.output);
    env.request({ verb: 'list', resource: 'pods', options: { nodeName: node } }, (res) => {
      if (!res.ok) return reply({ ok: false, error: [...lines, kubectlError(res.status)].join('\n') });
      const pods = (res.list?.items ?? []) as Pod[];
      const mirror = (p: Pod) => p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined;
      const bare = pods.filter((p) => !mirror(p) && !(p.metadata.ownerReferences ?? []).some((o) => o.controller));
      if (bare.length > 0 && !opts.force) {
        return reply({ ok: false, error: [...lines, `error: unable to drain node "${node}" due to error: cannot delete Pods that declare no controller (use --force to override): ${bare.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}, continuing command...`, 'There are pending nodes to be drained:', ` ${node}`].join('\n') });
      }
      const local = pods.filter((p) => !mirror(p) && (p.spec.volumes ?? []).some((v) => v.emptyDir !== undefined));
      if (local.length > 0 && !opts.deleteEmptyDirData) {
        return reply({ ok: false, error: [...lines, `error: unable to drain node "${node}" due to error: cannot delete Pods with local storage (use --delete-emptydir-data to override): ${local.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}, continuing command...`, 'There are pending nodes to be drained:', ` ${node}`].join('\n') });
      }
      const victims = pods.filter((p) => !mirror(p) && !p.metadata.deletionTimestamp);
      if (bare.length > 0) lines.push(`Warning: deleting Pods that declare no controller: ${bare.map((p) => `${p.metadata.namespace}/${p.metadata.name}`).join(', ')}`);
      for (const p of victims) {
        lines.push(`evicting pod ${p.metadata.namespace}/${p.metadata.name}`);
        env.request({ verb: 'delete', resource: 'pods', namespace: p.metadata.namespace, name: p.metadata.name, ...(opts.gracePeriodSeconds !== undefined && opts.gracePeriodSeconds >= 0 ? { gracePeriodSeconds: opts.gracePeriodSeconds } : {}) }, () => {});
      }
      const started = env.now();
      const wait = () => {
        env.request({ verb: 'list', resource: 'pods', options: { nodeName: node, resourceVersion: '0' } }, (r) => {
          const left = new Set(((r.ok ? r.list?.items : []) ?? []).map((p) => `${p.metadata.namespace}/${p.metadata.name}`));
          const gone = victims.filter((p) => !left.has(`${p.metadata.namespace}/${p.metadata.name}`));
          if (gone.length === victims.length) {
            for (const p of victims) lines.push(`pod/${p.metadata.name} evicted`);
            lines.push(`node/${node} drained`);
            return reply({ ok: true, output: lines.join('\n') });
          }
          if (opts.timeoutMs && env.now() - started >= opts.timeoutMs) return reply({ ok: false, error: [...lines, `error: unable to drain node "${node}" due to error: global timeout reached: ${opts.timeoutText ?? ''}, continuing command...`, 'There are pending nodes to be drained:', ` ${node}`].join('\n') });
          if (env.now() - started > GIVE_UP_MS) return reply({ ok: false, error: [...lines, `error: timed out waiting for the pods on ${node} to terminate`].join('\n') });
          env.after(POLL_MS, wait);
        });
      };
      env.after(POLL_MS, wait);
    });
  });
}
