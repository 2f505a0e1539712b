// A machine in the graph. Tiny data (id, kind); everything else is read per id from
// the store, so a frame re-renders only the machines whose view changed. With
// Kubernetes a master shows its components (and its etcd member when stacked, with the
// apiserver's arrow down to it), a worker its node state and pods, the load balancer
// its backends.

import { Handle, Position, type Node, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { MachineKind } from '../../protocol/frames';
import { cardName } from '../a11y/card-name';
import { useGraphKeys } from '../a11y/graph-keys';
import { apiSummary } from '../kube/api-view';
import { ComponentChips, LbBackends, NodeBadge, NodePods, NodeTaints } from '../kube/KubeParts';
import { etcdViewOf, useLab } from '../store/store';
import { MemberCard } from './MemberCard';

export type MachineNodeData = { id: string; kind: MachineKind; member: boolean };
export type MachineNodeType = Node<MachineNodeData, 'machine'>;

const KIND_LABEL: Readonly<Record<MachineKind, string>> = {
  master: 'control plane',
  etcd: 'etcd host',
  worker: 'worker',
  client: 'client',
  lb: 'load balancer :6443',
};

/** True when every link out of `machine` is cut. */
function isolatedIn(cut: readonly string[], machine: string): boolean {
  return cut.some((c) => c.startsWith(`${machine}>`));
}

export const MachineNode = memo(function MachineNode({ data }: NodeProps<MachineNodeType>) {
  const { id, kind, member } = data;
  const status = useLab((s) => s.machines[id]?.status ?? 'down');
  const selected = useLab((s) => s.selected === id);
  const cut = useLab((s) => isolatedIn(s.cut, id));
  const kube = useLab((s) => s.machineNames.includes('lb'));
  const isNode = kube && (kind === 'master' || kind === 'worker');
  const label = useLab((s) => {
    const m = s.machines[id];
    const view = etcdViewOf(m) ?? s.lastEtcd[id];
    const node = isNode ? apiSummary(s.machines).nodes.find((n) => n.name === id) : undefined;
    return cardName({
      name: id, kindLabel: KIND_LABEL[kind], status, cutOff: cut,
      member: member && view ? { member: view.member, role: view.role, term: view.term, removed: view.removed } : undefined,
      nodeReady: isNode ? (node?.ready ?? 'Unknown') : undefined, cordoned: node?.unschedulable,
    });
  });
  const keys = useGraphKeys(id);
  return (
    <div
      className={`machine kind-${kind} status-${status}${selected ? ' selected' : ''}${cut ? ' cut' : ''}${kube ? ' kube' : ''}`}
      data-testid={`machine-${id}`}
      data-status={status}
      role="button"
      tabIndex={keys.tabIndex}
      onKeyDown={keys.onKeyDown}
      onFocus={keys.onFocus}
      aria-label={label}
      aria-keyshortcuts="Enter K B I H C U D"
    >
      <Handle type="target" position={Position.Top} className="center-handle" isConnectable={false} />
      <Handle type="source" position={Position.Top} className="center-handle" isConnectable={false} />
      <div className="machine-head">
        <span className="machine-name">{id}</span>
        <span className="machine-kind">{KIND_LABEL[kind]}</span>
        {isNode && <NodeBadge node={id} />}
        <span className={`machine-status ${status}`}>{status === 'up' ? (cut ? 'cut off' : 'up') : 'DOWN'}</span>
      </div>
      {isNode && <ComponentChips host={id} stacked={member} />}
      {isNode && <NodeTaints node={id} />}
      {member && kube && kind === 'etcd' && (
        <div className="api-etcd" title="kube-apiserver is the only client of etcd: the scheduler, controllers and kubelets all go through it">
          clients: the kube-apiservers only
        </div>
      )}
      {member && <MemberCard host={id} />}
      {isNode && kind === 'master' && <NodePods node={id} mirrorOnly />}
      {isNode && <NodePods node={id} hideEmpty={kind === 'master'} />}
      {kind === 'lb' && <LbBackends host={id} />}
      {kind === 'client' && <div className="machine-note">{kube ? 'kubectl · etcdctl' : 'your etcd client'}</div>}
    </div>
  );
});
