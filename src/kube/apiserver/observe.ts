// The contract's Kubernetes trace events (contracts.md §3), emitted by the apiserver
// that committed the write, from the object before and after: exactly one event per
// committed change, whichever apiserver and client made it.

import type { TraceBody } from '../../protocol/trace';
import { finishedCondition, type Job } from '../api/batch-types';
import type { ResourceInfo } from '../api/resources';
import type { KubeEvent, KubeObject, Lease, Node, Pod, Service } from '../api/types';

/** "master-2_6f1c…" → "master-2": the machine part of a holderIdentity. */
export function holderMachine(identity: string): string {
  const i = identity.indexOf('_');
  return i < 0 ? identity : identity.slice(0, i);
}

function nodeReady(n: Node | undefined): boolean | undefined {
  const c = n?.status?.conditions?.find((x) => x.type === 'Ready');
  return c ? c.status === 'True' : undefined;
}

export function observe(r: ResourceInfo, before: KubeObject | undefined, after: KubeObject | undefined): TraceBody[] {
  const out: TraceBody[] = [];
  const ns = (after ?? before)?.metadata.namespace;
  const name = (after ?? before)?.metadata.name ?? '';
  switch (r.name) {
    case 'leases': {
      const was = (before as Lease | undefined)?.spec.holderIdentity ?? '';
      const now = (after as Lease | undefined)?.spec.holderIdentity ?? '';
      if (after && now !== was && now !== '') out.push({ type: 'lease.holder', lease: `${ns}/${name}`, holder: holderMachine(now), identity: now });
      break;
    }
    case 'nodes': {
      const was = nodeReady(before as Node | undefined);
      const now = nodeReady(after as Node | undefined);
      // A node registers NotReady until its network is up; the contract's node.ready is
      // about a Ready node losing it (the lifecycle controller) and a node becoming Ready,
      // so a node that was never Ready reports nothing until it is.
      if (after && now !== undefined && now !== was && (now || was === true)) out.push({ type: 'node.ready', node: name, ready: now });
      if (!after && before) out.push({ type: 'node.deleted', node: name });
      break;
    }
    case 'services': {
      const ip = (s: KubeObject | undefined) => ((s as Service | undefined)?.status?.loadBalancer?.ingress as { ip?: string }[] | undefined)?.[0]?.ip;
      const now = ip(after);
      if (now && now !== ip(before)) out.push({ type: 'service.lb', service: `${ns}/${name}`, ip: now });
      break;
    }
    case 'pods': {
      const b = before as Pod | undefined;
      const a = after as Pod | undefined;
      const pod = `${ns}/${name}`;
      if (a && a.spec.nodeName && !b?.spec.nodeName) out.push({ type: 'pod.bound', pod, node: a.spec.nodeName });
      const phase = a?.status?.phase;
      if (a && b && phase && phase !== b.status?.phase) out.push({ type: 'pod.phase', pod, phase, node: a.spec.nodeName ?? '' });
      if (!a && b) out.push({ type: 'pod.deleted', pod });
      break;
    }
    case 'jobs': {
      const was = before ? finishedCondition(before as Job) : undefined;
      const now = after ? finishedCondition(after as Job) : undefined;
      if (now && !was) {
        const job = `${ns}/${name}`;
        out.push(now.type === 'Complete' ? { type: 'job.complete', job, ...(now.reason ? { reason: now.reason } : {}) } : { type: 'job.failed', job, reason: now.reason ?? '' });
      }
      break;
    }
    case 'events': {
      const e = after as KubeEvent | undefined;
      // A new event, or a repeat the recorder counted into an existing one.
      const repeat = e && before ? (e.count ?? 1) > ((before as KubeEvent).count ?? 1) : false;
      if (e && (!before || repeat)) {
        const o = e.involvedObject;
        out.push({
          type: 'k8s.event',
          object: `${(o.kind ?? '').toLowerCase()}/${o.namespace ? `${o.namespace}/` : ''}${o.name ?? ''}`,
          reason: e.reason,
          message: e.message,
          eventType: e.type,
          source: e.source?.component ?? e.reportingComponent ?? '',
          ...(repeat ? { count: e.count ?? 1 } : {}),
        });
      }
      break;
    }
  }
  return out;
}
