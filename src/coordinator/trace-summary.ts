// A short human summary of a trace: leaders per term, faults, KV operations. Pure.

import type { TraceEvent } from '../protocol/trace';
import { formatSimTime } from '../sim/duration';

export interface TraceSummary {
  readonly leaders: readonly { readonly term: number; readonly member: string; readonly t: number }[];
  readonly faults: readonly string[];
  readonly kv: { readonly invoked: number; readonly ok: number; readonly fail: number; readonly info: number };
  /** Kubernetes: lease hand-overs of the control plane, node readiness changes, and
   * each pod's last known phase and node (absent when no Kubernetes ran). */
  readonly kube?: {
    readonly leases: readonly string[];
    readonly nodes: readonly string[];
    readonly pods: ReadonlyMap<string, { phase: string; node: string; deleted: boolean }>;
    readonly evictions: number;
  };
  readonly lastT: number;
}

export function summarize(events: readonly TraceEvent[]): TraceSummary {
  const leaders: { term: number; member: string; t: number }[] = [];
  const seenTerms = new Set<number>();
  const faults: string[] = [];
  const kv = { invoked: 0, ok: 0, fail: 0, info: 0 };
  const leases: string[] = [];
  const nodes: string[] = [];
  const pods = new Map<string, { phase: string; node: string; deleted: boolean }>();
  let evictions = 0;
  let kube = false;
  for (const ev of events) {
    switch (ev.type) {
      case 'lease.holder':
        kube = true;
        if (!ev.lease.startsWith('kube-node-lease/')) leases.push(`${formatSimTime(ev.t).padStart(7)}  ${ev.lease} → ${ev.holder}`);
        break;
      case 'node.ready':
        nodes.push(`${formatSimTime(ev.t).padStart(7)}  ${ev.node} ${ev.ready ? 'Ready' : 'NotReady'}`);
        break;
      case 'pod.bound':
        pods.set(ev.pod, { phase: pods.get(ev.pod)?.phase ?? 'Pending', node: ev.node, deleted: false });
        break;
      case 'pod.phase':
        pods.set(ev.pod, { phase: ev.phase, node: ev.node, deleted: false });
        break;
      case 'pod.deleted': {
        const p = pods.get(ev.pod);
        if (p) p.deleted = true;
        break;
      }
      case 'k8s.event': {
        // "replicaset/default/web-5d8f" created "web-5d8f-x2k9q": a pod that may never be bound.
        const ns = ev.object.split('/')[1] ?? 'default';
        if (ev.reason === 'SuccessfulCreate' && ev.message.startsWith('Created pod: ')) {
          const pod = `${ns}/${ev.message.slice('Created pod: '.length)}`;
          if (!pods.has(pod)) pods.set(pod, { phase: 'Pending', node: '', deleted: false });
        }
        if (ev.reason === 'TaintManagerEviction') {
          evictions++;
          const p = pods.get(ev.object.replace(/^pod\//, ''));
          if (p) p.phase = 'Terminating';
        }
        break;
      }
      case 'raft.role':
        if (ev.role === 'leader' && !seenTerms.has(ev.term)) {
          seenTerms.add(ev.term);
          leaders.push({ term: ev.term, member: ev.member, t: ev.t });
        }
        break;
      case 'fault': {
        const what = ev.groups ? ev.groups.map((g) => `[${g.join(', ')}]`).join(' | ') : ev.rate !== undefined ? String(ev.rate) : (ev.target ?? '');
        faults.push(`${formatSimTime(ev.t).padStart(7)}  ${ev.action} ${what}${ev.via ? ` (${ev.via})` : ''}${ev.note ? ` — ${ev.note}` : ''}`);
        break;
      }
      case 'kv.invoke':
        kv.invoked++;
        break;
      case 'kv.ok':
        kv.ok++;
        break;
      case 'kv.fail':
        kv.fail++;
        break;
      case 'kv.info':
        kv.info++;
        break;
    }
  }
  leaders.sort((a, b) => a.term - b.term);
  return { leaders, faults, kv, ...(kube ? { kube: { leases, nodes, pods, evictions } } : {}), lastT: events.length ? events[events.length - 1]!.t : 0 };
}

export function formatSummary(s: TraceSummary): string {
  const lines: string[] = [];
  lines.push(`leaders (${s.leaders.length} term${s.leaders.length === 1 ? '' : 's'} with a leader):`);
  const shown = s.leaders.length > 12 ? [...s.leaders.slice(0, 6), undefined, ...s.leaders.slice(-5)] : s.leaders;
  for (const l of shown) lines.push(l ? `  term ${String(l.term).padEnd(4)} ${l.member} from ${formatSimTime(l.t)}` : `  … ${s.leaders.length - 11} more`);
  lines.push(`faults (${s.faults.length}):`);
  const faults = s.faults.length > 20 ? [...s.faults.slice(0, 10), `  … ${s.faults.length - 15} more`, ...s.faults.slice(-5)] : s.faults;
  for (const f of faults) lines.push(`  ${f}`);
  lines.push(`kv: ${s.kv.invoked} invoked, ${s.kv.ok} ok, ${s.kv.fail} failed, ${s.kv.info} unknown (timeout / leader lost)`);
  if (s.kube) {
    lines.push(`control-plane leases (${s.kube.leases.length} hand-overs):`);
    for (const l of s.kube.leases.slice(-8)) lines.push(`  ${l}`);
    if (s.kube.nodes.length > 0) lines.push(`nodes:`, ...s.kube.nodes.slice(-10).map((n) => `  ${n}`));
    const live = [...s.kube.pods].filter(([, p]) => !p.deleted);
    const byPhase = new Map<string, number>();
    for (const [, p] of live) byPhase.set(p.phase, (byPhase.get(p.phase) ?? 0) + 1);
    lines.push(`pods: ${live.length} (${[...byPhase].map(([ph, n]) => `${n} ${ph}`).join(', ') || 'none'}), ${s.kube.evictions} evicted`);
    const perNode = new Map<string, number>();
    for (const [, p] of live) if (p.phase === 'Running') perNode.set(p.node, (perNode.get(p.node) ?? 0) + 1);
    if (perNode.size > 0) lines.push(`  running per node: ${[...perNode].sort().map(([n, c]) => `${n} ${c}`).join(', ')}`);
  }
  return lines.join('\n');
}
