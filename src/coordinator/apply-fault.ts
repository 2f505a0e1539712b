// Applying one fault to the running simulation and recording it in the trace: resolve
// a leader target (etcd-leader, scheduler-leader…) to the machine it names now, then
// crash, boot, cut or change the network. The simulation hands over only what a fault
// may touch (ClusterControl), so the window machinery stays out of reach.

import { memberHexId } from '../etcd/ids';
import type { ClusterControl } from './cluster-control';
import { describeFault, LEADER_TARGETS, type Fault } from './faults';

export function applyFault(x: ClusterControl, fault: Fault, via?: string): void {
  const t = x.now();
  const extra = via ? { via } : {};
  switch (fault.kind) {
    case 'kill':
    case 'restart':
    case 'isolate':
    case 'slow': {
      if (fault.kind === 'restart' && fault.target === 'down') {
        const down = x.machines().filter((n) => !x.isUp(n));
        x.record({ t, type: 'fault', action: 'restart', target: 'down', ...extra, ...(down.length === 0 ? { note: 'no machine is down' } : {}) });
        for (const name of down) x.boot(name);
        return;
      }
      const resolved = resolveTarget(x, fault.target);
      if ('note' in resolved) {
        x.record({ t, type: 'fault', action: fault.kind, target: fault.target, ...extra, note: resolved.note });
        return;
      }
      const name = resolved.machine;
      const via2 = resolved.machine !== fault.target ? { via: via ? `${via} ${fault.target}` : fault.target } : extra;
      const up = x.isUp(name);
      if (fault.kind === 'kill') {
        x.record({ t, type: 'fault', action: 'kill', target: name, ...via2, ...(up ? {} : { note: 'already down' }) });
        if (up) x.crash(name);
      } else if (fault.kind === 'restart') {
        x.record({ t, type: 'fault', action: 'restart', target: name, ...via2 });
        if (up) x.crash(name);
        x.boot(name);
      } else if (fault.kind === 'slow') {
        x.record({ t, type: 'fault', action: 'slow', target: name, ...via2, note: `+${fault.delayMs}ms for ${fault.forMs}ms` });
        x.network.slow(name, fault.delayMs, t + fault.forMs);
      } else {
        x.record({ t, type: 'fault', action: 'isolate', target: name, ...via2 });
        x.network.isolate(name, x.machines());
      }
      return;
    }
    case 'terminate':
      terminate(x, fault.target, extra);
      return;
    case 'partition': {
      // A group may name `etcd-leader` (resolved now); the resolved machine leaves the
      // other groups, so `[[etcd-leader], [master-1, master-2, master-3]]` cuts the
      // leader off from the rest.
      const resolved = new Map<string, string>();
      for (const g of fault.groups)
        for (const name of g) {
          if (has(x, name)) continue;
          const r = resolveTarget(x, name);
          if (!('note' in r)) resolved.set(name, r.machine);
        }
      const taken = new Set(resolved.values());
      const final = fault.groups
        .map((g) => g.flatMap((name) => (has(x, name) ? (taken.has(name) ? [] : [name]) : resolved.has(name) ? [resolved.get(name)!] : [])))
        .filter((g) => g.length > 0);
      const named = fault.groups.some((g) => g.some((n) => !has(x, n)));
      x.record({ t, type: 'fault', action: 'partition', groups: final, ...(named ? { via: via ? `${via} etcd-leader` : 'etcd-leader' } : extra), ...(named && resolved.size === 0 ? { note: 'no live etcd leader' } : {}) });
      x.network.partition(final);
      return;
    }
    case 'heal':
      x.record({ t, type: 'fault', action: 'heal', target: fault.target ?? 'all', ...extra });
      x.network.heal(fault.target);
      return;
    case 'loss':
      x.record({ t, type: 'fault', action: 'loss', rate: fault.rate, ...extra });
      x.network.conditions.loss = fault.rate;
      return;
    case 'cut':
      x.record({ t, type: 'fault', action: 'cut', groups: [[...fault.from], [...fault.to]], ...extra });
      x.network.cutOneWay(fault.from, fault.to);
      return;
    case 'member': {
      x.record({ t, type: 'fault', action: 'member', target: fault.member, note: fault.action, ...extra });
      const hex = memberHexId(fault.member);
      x.operatorLine(
        fault.action === 'remove'
          ? `etcdctl member remove ${hex}`
          : fault.action === 'promote'
            ? `etcdctl member promote ${hex}`
            : `etcdctl member add ${fault.member} --peer-urls=https://${fault.member}:2380${fault.action === 'add-learner' ? ' --learner' : ''}`,
      );
      return;
    }
    case 'net': {
      const c = x.network.conditions;
      if (fault.latencyMaxMs !== undefined) c.latencyMaxMs = Math.max(c.latencyMinMs, fault.latencyMaxMs);
      if (fault.duplicate !== undefined) c.duplicate = fault.duplicate;
      if (fault.reorder !== undefined) c.reorder = fault.reorder;
      if (fault.readIndex) {
        c.readIndexDuplicate = fault.readIndex.duplicate;
        c.readIndexDelayMs = fault.readIndex.delayMs;
      }
      x.record({ t, type: 'fault', action: 'net', note: describeFault(fault).replace(/^net /, ''), ...extra });
      return;
    }
  }
}

/** The machine that runs the simulated cloud's API (src/cluster/sim-cloud.ts). */
const CLOUD_MACHINE = 'cloud';
const TERMINABLE = new Set(['master', 'worker', 'etcd']);

/** The cloud deletes an instance: the machine goes down and leaves the cluster for good
 * (a restart cannot bring it back), and the cloud's API stops knowing it. */
function terminate(x: ClusterControl, target: string, extra: { via?: string }): void {
  const t = x.now();
  const kind = x.kindOf(target);
  const note = !x.kindOf(CLOUD_MACHINE)
    ? 'no cloud provider (topology.cloud: none)'
    : kind === undefined
      ? `no machine named ${target}`
      : !TERMINABLE.has(kind)
        ? `${target} is not a cloud instance`
        : !x.isUp(CLOUD_MACHINE)
          ? 'the cloud API is down'
          : undefined;
  if (note) {
    x.record({ t, type: 'fault', action: 'terminate', target, ...extra, note });
    return;
  }
  x.record({ t, type: 'fault', action: 'terminate', target, ...extra });
  if (x.isUp(target)) x.crash(target);
  x.tell(CLOUD_MACHINE, 'cloud-api', { terminate: target });
  x.retire(target);
}

function resolveTarget(x: ClusterControl, target: string): { machine: string } | { note: string } {
  if (has(x, target)) return { machine: target };
  if (target === 'etcd-leader') {
    const host = x.facts.leader()?.host;
    return host ? { machine: host } : { note: 'no live etcd leader' };
  }
  if (target === 'scheduler-leader' || target === 'controller-manager-leader') {
    const lease = target === 'scheduler-leader' ? 'kube-system/kube-scheduler' : 'kube-system/kube-controller-manager';
    const holder = x.facts.leaseHolder(lease);
    return holder && x.isUp(holder) ? { machine: holder } : { note: `no live holder of the ${lease} lease` };
  }
  if ((LEADER_TARGETS as readonly string[]).includes(target)) return { note: `${target} is not known` };
  return { note: `no machine named ${target}` };
}

function has(x: ClusterControl, machine: string): boolean {
  return x.kindOf(machine) !== undefined;
}
