// A machine card's body in presenter mode: less detail in larger type. A master shows
// its apiserver, scheduler and controller-manager (lease holders crowned) and its etcd
// member as role, term, last index and commit; a worker its Ready badge, taints and
// pods; the load balancer its backends. The contract's test ids stay on the same parts.

import { memo } from 'react';
import type { MachineKind } from '../../protocol/frames';
import { useMemberPicture } from '../graph/MemberCard';
import { ComponentChips, LbBackends, NodePods, NodeTaints } from '../kube/KubeParts';
import { CloudSummary } from '../lazy-parts';
import { ClientPrograms } from '../kube/ClientPrograms';

const CONTROL_PLANE = ['kube-apiserver', 'kube-scheduler', 'kube-controller-manager'];

/** An etcd member in one line: role, term, last index and the commit mark. */
export const MemberSummary = memo(function MemberSummary({ host }: { host: string }) {
  const { view, role, look, member } = useMemberPicture(host);
  const lagging = view !== undefined && view.lastIndex > view.commit;
  return (
    <div className={`member member-summary role-${role}`} data-testid={`etcd-${member}`} data-role={role} data-term={view?.term ?? 0} data-commit={view?.commit ?? 0} data-applied={view?.applied ?? 0}>
      <div className="member-head">
        <span className="member-name">{member}</span>
        <span className="role-badge"><span aria-hidden="true">{look.symbol}</span> {look.label}</span>
      </div>
      <div className="member-stats">
        <span className="stat-term">term <b>{view?.term ?? '–'}</b></span>
        <span title="the last entry in this member's log">last <b>{view?.lastIndex ?? '–'}</b></span>
        <span title="entries up to the commit mark are on a majority's disks" className={lagging ? 'uncommitted-tail' : ''}>commit <b>{view?.commit ?? '–'}</b></span>
      </div>
    </div>
  );
});

export function PresenterBody({ id, kind, member, kube }: { id: string; kind: MachineKind; member: boolean; kube: boolean }) {
  const isNode = kube && (kind === 'master' || kind === 'worker');
  return (
    <>
      {kube && kind === 'master' && <ComponentChips host={id} stacked={member} only={CONTROL_PLANE} />}
      {isNode && <NodeTaints node={id} />}
      {member && <MemberSummary host={id} />}
      {isNode && kind === 'worker' && <NodePods node={id} />}
      {kind === 'lb' && <LbBackends host={id} />}
      {kind === 'cloud' && <CloudSummary />}
      {kind === 'client' && <ClientPrograms id={id} kube={kube} />}
    </>
  );
}
