// How a member's role is shown: text + symbol + colour, never colour alone.

import type { EtcdMemberView, MachineState } from '../../protocol/frames';

export type ShownRole = EtcdMemberView['role'] | 'down';

export const ROLE_LOOK: Readonly<Record<ShownRole, { label: string; symbol: string }>> = {
  leader: { label: 'LEADER', symbol: '♛' },
  follower: { label: 'follower', symbol: '●' },
  candidate: { label: 'CANDIDATE', symbol: '?' },
  precandidate: { label: 'pre-candidate', symbol: '¿' },
  down: { label: 'DOWN', symbol: '✕' },
};

/** The member name on a host: etcd-N runs on master-N (stacked) or on etcd-N. */
export function memberNameOf(host: string, view: EtcdMemberView | undefined): string {
  if (view) return view.member;
  const m = /-(\d+)$/.exec(host);
  return m ? `etcd-${m[1]}` : host;
}

export function shownRole(machine: MachineState | undefined, view: EtcdMemberView | undefined): ShownRole {
  if (!machine || machine.status === 'down' || !view) return 'down';
  return view.role;
}
