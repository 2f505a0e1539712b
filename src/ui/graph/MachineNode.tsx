// A machine in the graph. Free of React Flow: the graph's first paint (FirstPaint.tsx)
// draws it before React Flow has loaded, and React Flow's node (MachineFlowNode.tsx)
// adds the edges' handles. Tiny data (id, kind); everything else is read per id from
// the store, so a frame re-renders only the machines whose view changed. With
// Kubernetes a master shows its components (and its etcd member when stacked, with the
// apiserver's arrow down to it), a worker its node state and pods, the load balancer
// its backends.

import { memo, type ReactNode } from 'react';
import type { MachineKind } from '../../protocol/frames';
import { cardName } from '../a11y/card-name';
import { useGraphKeys } from '../a11y/graph-keys';
import { apiSummary, nodeNamed } from '../kube/api-view';
import { ComponentChips, LbBackends, NodeBadge, NodeLabels, NodePods, NodeTaints } from '../kube/KubeParts';
import { WorkerTile } from '../kube/WorkerTile';
import { ClientPrograms } from '../kube/ClientPrograms';
import { CardActions, CloudSummary, NodeCidr } from '../lazy-parts';
import { etcdViewOf, useLab } from '../store/store';
import { PresenterBody } from '../teach/PresenterBody';
import { useTeach } from '../teach/teach-store';
import { MemberCard } from './MemberCard';
import { sharedSides } from './partition';

export type MachineNodeData = { id: string; kind: MachineKind; member: boolean; compact?: boolean };

const KIND_LABEL: Readonly<Record<MachineKind, string>> = {
  master: 'control plane',
  etcd: 'etcd host',
  worker: 'worker',
  client: 'client',
  lb: 'load balancer :6443',
  cloud: 'cloud provider API',
};


/** A split's sides are told apart by colour and border; the smaller sides also by name
 * (side B, C…), never by colour alone; the largest side keeps "up". */
const SIDE_NAMES = ['A', 'B', 'C', 'D'];

/** `handles`: React Flow's edge handles (MachineFlowNode.tsx), none in the first paint. */
export const MachineNode = memo(function MachineNode({ data, handles }: { data: MachineNodeData; handles?: ReactNode }) {
  const { id, kind, member, compact } = data;
  const status = useLab((s) => s.machines[id]?.status ?? 'down');
  const selected = useLab((s) => s.selected === id);
  // Cut off only when every link is cut (partition.ts); during a split each side has its colour.
  const cut = useLab((s) => sharedSides(s.machineNames, s.cut).isolated.includes(id));
  const side = useLab((s) => sharedSides(s.machineNames, s.cut).side[id]);
  const presenting = useTeach((s) => s.presenting);
  const target = useTeach((s) => s.highlight === id);
  const kube = useLab((s) => s.machineNames.includes('lb'));
  const isNode = kube && (kind === 'master' || kind === 'worker');
  const label = useLab((s) => {
    const m = s.machines[id];
    const view = etcdViewOf(m) ?? s.lastEtcd[id];
    const node = isNode ? nodeNamed(apiSummary(s.machines).nodes, id) : undefined;
    return cardName({
      name: id, kindLabel: KIND_LABEL[kind], status, cutOff: cut,
      ...(side !== undefined && side > 0 ? { side: SIDE_NAMES[Math.min(side, 3)] } : {}),
      member: member && view ? { member: view.member, role: view.role, term: view.term, removed: view.removed } : undefined,
      nodeReady: isNode ? (node?.ready ?? 'Unknown') : undefined, cordoned: node?.unschedulable,
    });
  });
  const keys = useGraphKeys(id);
  if (compact) {
    return (
      <div
        className={`machine tile kind-${kind} status-${status}${selected ? ' selected' : ''}${cut ? ' cut' : ''}`}
        data-testid={`machine-${id}`}
        data-status={status}
        role="button"
        tabIndex={keys.tabIndex}
        onKeyDown={keys.onKeyDown}
        onFocus={keys.onFocus}
        onMouseDownCapture={keys.onMouseDown}
        aria-label={label}
        aria-keyshortcuts="Enter K B I H C U D"
      >
        <WorkerTile id={id} />
      </div>
    );
  }
  return (
    <div
      className={`machine kind-${kind} status-${status}${selected ? ' selected' : ''}${cut ? ' cut' : ''}${kube ? ' kube' : ''}${target ? ' lesson-target' : ''}${side !== undefined ? ` net-side net-side-${Math.min(side, 3)}` : ''}`}
      data-testid={`machine-${id}`}
      data-status={status}
      {...(side !== undefined ? { 'data-side': side } : {})}
      // In presenter mode the selected card holds its own action buttons (CardActions):
      // a button may not contain buttons (axe nested-interactive), so it is a group then.
      role={selected && presenting ? 'group' : 'button'}
      tabIndex={keys.tabIndex}
      onKeyDown={keys.onKeyDown}
      onFocus={keys.onFocus}
      onMouseDownCapture={keys.onMouseDown}
      aria-label={label}
      aria-keyshortcuts="Enter K B I H C U D"
    >
      {handles}
      <div className="machine-head">
        <span className="machine-name">{id}</span>
        <span className="machine-kind">{KIND_LABEL[kind]}</span>
        {isNode && <NodeBadge node={id} />}
        {isNode && kind === 'worker' && <NodeLabels node={id} />}
        <span className={`machine-status ${status}`}>{status === 'up' ? (cut ? 'cut off' : side !== undefined && side > 0 ? `side ${SIDE_NAMES[Math.min(side, 3)]}` : 'up') : 'DOWN'}</span>
      </div>
      {/* A dead machine's card shows what changed (countdowns, struck components): its
          addresses would push its etcd member out of the card. The inspector keeps them. */}
      {isNode && status === 'up' && <NodeCidr node={id} />}
      {selected && presenting && <CardActions machine={id} />}
      {presenting ? <PresenterBody id={id} kind={kind} member={member} kube={kube} /> : <>
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
      {kind === 'cloud' && <CloudSummary />}
      {kind === 'client' && <ClientPrograms id={id} kube={kube} />}
      </>}
    </div>
  );
});
