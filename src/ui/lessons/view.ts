// The store's picture of the cluster, as a lesson reads it.

import { liveView } from '../../protocol/crashed';
import type { DashboardView } from '../../protocol/dashboard';
import { apiSummary, holderMachine } from '../kube/api-view';
import type { NetworkState } from '../network/network-store';
import { etcdViewOf, type LabState } from '../store/store';
import type { LessonView } from './lesson';

/** The page's own state a lesson reads (the overlays, the inspected pod). */
export type PageState = Pick<NetworkState, 'routes' | 'services' | 'pod'>;

/** `answerCounts`: which console answers (by command id) count; all by default (a
 * lesson after a seek back counts only those it had then: answer-clock.ts). */
export function lessonViewOf(s: LabState, page?: PageState, answerCounts?: (id: string) => boolean): LessonView {
  const members: Record<string, { member: string; role: string; term: number }> = {};
  const machines = s.machineNames.map((name) => {
    const m = s.machines[name]!;
    const v = etcdViewOf(m);
    if (v && m.status === 'up' && !v.removed) members[name] = { member: v.member, role: v.role, term: v.term };
    return { name, kind: m.kind, up: m.status === 'up' };
  });
  const api = apiSummary(s.machines);
  const leases: Record<string, string> = {};
  for (const [k, v] of Object.entries(api.leases)) leases[k] = holderMachine(v);
  return {
    now: s.now,
    machines,
    members,
    leases,
    nodes: Object.fromEntries(api.nodes.map((n) => [n.name, n.ready])),
    pods: api.pods.filter((p) => !p.mirror).map((p) => ({ name: p.name, node: p.node, running: p.phase === 'Running', phase: p.phase, terminating: p.terminating, ...(p.reason ? { reason: p.reason } : {}), ...(p.owner ? { owner: p.owner } : {}) })),
    deployments: api.deployments.map((d) => `${d.namespace}/${d.name}`),
    cordoned: api.nodes.filter((n) => n.unschedulable).map((n) => n.name),
    answers: Object.entries(s.replies).filter(([id]) => !answerCounts || answerCounts(id)).map(([, r]) => (r.ok ? { ok: true, text: r.output } : { ok: false, text: r.error })),
    podCIDRs: Object.fromEntries(api.nodes.filter((n) => n.podCIDR).map((n) => [n.name, n.podCIDR])),
    jobs: Object.fromEntries((api.jobs ?? []).map((j) => [`${j.namespace}/${j.name}`, { status: j.status, completions: j.completions }])),
    cronjobs: Object.fromEntries((api.cronjobs ?? []).map((c) => [`${c.namespace}/${c.name}`, {
      schedule: c.schedule, active: c.active,
      ...(c.lastScheduleMs !== undefined ? { lastMs: c.lastScheduleMs } : {}),
      ...(c.nextScheduleMs !== undefined ? { nextMs: c.nextScheduleMs } : {}),
    }])),
    ...(page ? { overlays: { routes: page.routes, services: page.services }, inspectedPod: page.pod } : {}),
    ...dashboardOf(s.machines['client']?.processes?.['dashboard']),
    proxyRules: Object.fromEntries(s.machineNames.flatMap((name) => {
      const rules = proxyRulesOf(s.machines[name]?.processes?.['kube-proxy']);
      return rules ? [[name, rules]] : [];
    })),
  };
}

/** kube-proxy's view (src/kube/proxy: `{ kind: 'kube-proxy', rules }`), read by shape:
 * the page may not import the simulation's types. */
function proxyRulesOf(view: unknown): { service: string; endpoints: readonly string[] }[] | undefined {
  const v = view as { kind?: unknown; rules?: unknown } | null | undefined;
  if (v?.kind !== 'kube-proxy' || !Array.isArray(v.rules)) return undefined;
  return (v.rules as { service?: unknown; endpoints?: unknown }[])
    .filter((r) => typeof r.service === 'string' && Array.isArray(r.endpoints))
    .map((r) => ({ service: r.service as string, endpoints: (r.endpoints as unknown[]).map(String) }));
}

/** The dashboard's pods as it listed them (not the ones it is deleting); a crashed or
 * absent dashboard gives nothing. */
function dashboardOf(view: unknown): Pick<LessonView, 'dashboard'> {
  const v = liveView<DashboardView>(view as DashboardView | undefined);
  if (!v) return {};
  return { dashboard: { synced: v.synced, pods: v.pods.filter((p) => !p.terminating).map((p) => ({ name: p.name, phase: p.phase })) } };
}
