// "Why did the scheduler put this pod there?" (pure): the pod's latest decision from the
// kube-schedulers' views (filter verdicts per node, scores, the node chosen), and when
// there is none, why not: a static pod has no scheduler, a pod bound before the current
// leader took over was placed by a scheduler whose memory is gone, and every scheduler
// keeps only its recent decisions.

import { liveView } from '../../protocol/crashed';
import type { MachineState } from '../../protocol/frames';
import type { PodSummary, SchedulerView, SchedulingDecision } from '../../protocol/kube-views';

export interface WhyAnswer {
  readonly decision?: SchedulingDecision;
  /** The machine whose kube-scheduler decided. */
  readonly by?: string;
  /** The machine whose kube-scheduler leads now. */
  readonly leader?: string;
  readonly filterPlugins: readonly string[];
  readonly scorePlugins: readonly { readonly name: string; readonly weight: number }[];
  /** What to say besides (or instead of) the table; empty when the leader decided. */
  readonly note: string;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

export function podKey(p: Pick<PodSummary, 'namespace' | 'name'>): string {
  return `${p.namespace}/${p.name}`;
}

export function whyScheduled(machines: Readonly<Record<string, MachineState>>, pod: PodSummary): WhyAnswer {
  const key = podKey(pod);
  let leader: { host: string; view: SchedulerView } | undefined;
  let found: { host: string; view: SchedulerView; decision: SchedulingDecision } | undefined;
  let any: SchedulerView | undefined;
  for (const host of Object.keys(machines).sort()) {
    const m = machines[host]!;
    if (m.status !== 'up') continue;
    const view = liveView<SchedulerView>(m.processes?.['kube-scheduler']);
    if (view?.kind !== 'kube-scheduler') continue;
    any ??= view;
    if (view.election.leader) leader = { host, view };
    const d = view.decisions?.find((x) => x.pod === key);
    if (d && (!found || d.atMs > found.decision.atMs)) found = { host, view, decision: d };
  }
  const plugins = found?.view ?? leader?.view ?? any;
  const base = { filterPlugins: plugins?.filterPlugins ?? [], scorePlugins: plugins?.scorePlugins ?? [], ...(leader ? { leader: leader.host } : {}) };
  if (found) {
    const note = found.host === leader?.host ? '' : `Decided by ${found.host}'s kube-scheduler while it led; ${leader ? `${leader.host}'s leads now` : 'no kube-scheduler leads now'}.`;
    return { ...base, decision: found.decision, by: found.host, note };
  }
  if (pod.mirror) return { ...base, note: `A static pod: the kubelet on ${pod.node} runs it from a manifest file. No scheduler placed it.` };
  if (!any) return { ...base, note: 'No kube-scheduler is running: every master is down.' };
  // Tried and failed, but its table has left the scheduler's bounded record (forty pods
  // no node takes, at 30 workers: the tray's first pods said "Not tried yet" while their
  // FailedScheduling events were in the log). The pod's PodScheduled=False condition
  // keeps the FitError message.
  if (pod.node === '' && pod.reason?.startsWith('0/')) {
    const keep = leader?.view.keep ?? plugins?.keep;
    return { ...base, note: `Tried, and no node fits: ${pod.reason} (its PodScheduled condition says so; the scheduler's table for it is gone: a kube-scheduler keeps only its last ${keep ?? 'few'} decisions in memory). It stays in the queue and is tried again after a backoff, or when the cluster changes.` };
  }
  if (pod.node === '') return { ...base, note: leader ? `Not tried yet: ${leader.host}'s kube-scheduler has it in its queue.` : 'Not tried yet: no kube-scheduler holds the leader Lease.' };
  const since = leader?.view.leaderSinceMs;
  if (leader && since !== undefined && pod.scheduledAtMs !== undefined && pod.scheduledAtMs < since) {
    return { ...base, note: `Scheduled at ${seconds(pod.scheduledAtMs)}, before ${leader.host}'s kube-scheduler took over at ${seconds(since)}. The scheduler that placed it kept its reasons in memory only, and that scheduler no longer leads (or has restarted).` };
  }
  const keep = leader?.view.keep ?? plugins?.keep;
  return { ...base, note: `No decision on record for this pod. A kube-scheduler keeps only its last ${keep ?? 'few'} decisions in memory, and a pod bound through spec.nodeName never meets the scheduler.` };
}

export type FilterCell = { readonly plugin: string; readonly verdict: 'pass' | 'fail' | 'not run'; readonly reasons?: readonly string[]; readonly status?: string };

/** One node's filter plugins in order: passed up to the one that failed, not run after it. */
export function filterCells(plugins: readonly string[], failed: SchedulingDecision['rows'][number]['failed']): FilterCell[] {
  if (!failed) return plugins.map((plugin) => ({ plugin, verdict: 'pass' }));
  const at = plugins.indexOf(failed.plugin);
  return plugins.map((plugin, i): FilterCell => (i < at ? { plugin, verdict: 'pass' } : i === at ? { plugin, verdict: 'fail', reasons: failed.reasons, status: failed.status } : { plugin, verdict: 'not run' }));
}
